"""Advertising consent: what a change of consent is, and whom a mailing may reach.

Pure Python. A client may receive advertising on a channel only when they consented to that channel;
every change of consent is kept as history (who, when, old -> new, how it was given).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import phonenumbers

from auto_service.i18n import N_, RuleError
from auto_service.phones import try_normalize_phone

SMS = "SMS"
EMAIL = "Email"
CHANNELS = (SMS, EMAIL)

# Customer fields per channel: (consent flag, date, how it was given, who recorded it).
CONSENT_FIELDS = {
	SMS: ("as_sms_consent", "as_sms_consent_date", "as_sms_consent_method", "as_sms_consent_recorded_by"),
	EMAIL: (
		"as_email_consent",
		"as_email_consent_date",
		"as_email_consent_method",
		"as_email_consent_recorded_by",
	),
}

METHODS = (
	N_("Written form"),
	N_("Verbal, by phone"),
	N_("Website form"),
	N_("SMS reply"),
	N_("E-mail reply"),
	N_("Withdrawn by client"),
	N_("Unsubscribe link"),
)


@dataclass(frozen=True)
class ConsentChange:
	channel: str
	old: bool
	new: bool
	method: str | None


def consent_changes(before: dict | None, after: dict) -> list[ConsentChange]:
	"""The per-channel consent changes between two states of a customer (``before`` None = new)."""
	changes = []
	for channel, (flag, _date, method, _by) in CONSENT_FIELDS.items():
		old = bool((before or {}).get(flag))
		new = bool(after.get(flag))
		if old != new or (before is None and new):
			changes.append(ConsentChange(channel, old, new, after.get(method) or None))
	return changes


def complete_consent(state: dict, today: date, user: str, before: dict | None = None) -> dict:
	"""The server's part of consent: when it was given and who recorded it. Returns the fields to set.

	``before`` is the stored client (``None`` for a new one). Consent given now gets today's date and the
	current user; consent that stays keeps its stored date and recorder; no consent has neither —
	whatever the caller sent for them. Refuses a consent given without saying how it was given.
	"""
	updates: dict = {}
	for channel, (flag, date_field, method, recorded_by) in CONSENT_FIELDS.items():
		if not state.get(flag):
			updates[date_field] = None
			updates[recorded_by] = None
			continue
		if not state.get(method):
			raise RuleError(N_("Say how the client gave consent to advertising by {0}."), channel)
		if before and before.get(flag) and before.get(date_field):
			updates[date_field] = before.get(date_field)
			updates[recorded_by] = before.get(recorded_by)
		else:
			updates[date_field] = today
			updates[recorded_by] = user
	return updates


def may_receive(state: dict, channel: str) -> bool:
	"""True when a client with consent ``state`` may be sent advertising on ``channel``."""
	if channel not in CONSENT_FIELDS:
		raise RuleError(N_("Unknown mailing channel {0}."), channel)
	return bool(state.get(CONSENT_FIELDS[channel][0]))


# What a message is: a service notice (booking, reminder, car ready, invoice) or advertising.
SERVICE = "Service"
ADVERTISING = "Advertising"
KINDS = (SERVICE, ADVERTISING)

# Why a client does not get a message on a channel (stored on the recipient row, shown translated).
NO_PHONE = N_("No valid phone")
NO_EMAIL = N_("No valid e-mail")
NO_CONSENT = N_("No consent for this channel")
UNSUBSCRIBED = N_("Unsubscribed")
DUPLICATE = N_("Duplicate contact")
EXCLUSION_REASONS = (NO_CONSENT, NO_PHONE, NO_EMAIL, UNSUBSCRIBED, DUPLICATE)

# A Russian mobile already stored in E.164 (what the app saves) is checked against libphonenumber's own
# pattern for Russian mobiles without parsing it: parsing costs ~0.1 ms, and a mailing checks 10,000.
_RU_MOBILE_E164 = re.compile(
	r"^\+7(?:" + phonenumbers.PhoneMetadata.metadata_for_region("RU").mobile.national_number_pattern + r")$"
)
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]{2,}$")


def clean_address(channel: str, raw: str | None) -> str | None:
	"""The address to send to on ``channel`` (E.164 phone, lower-case e-mail), or None if not valid."""
	text = (raw or "").strip()
	if channel == SMS:
		if _RU_MOBILE_E164.match(text):
			return text
		return try_normalize_phone(text)
	if channel == EMAIL:
		return text.lower() if _EMAIL.match(text) else None
	raise RuleError(N_("Unknown mailing channel {0}."), channel)


def message_decision(
	kind: str, channel: str, state: dict, address: str | None, unsubscribed: bool = False
) -> str | None:
	"""Why a client must not get this message now (one of EXCLUSION_REASONS), or None: send it.

	``state`` is the client's consent as it is at this moment (the Customer's consent fields),
	``address`` the cleaned address (:func:`clean_address`), ``unsubscribed`` whether this address opted
	out of bulk mail. Service messages need only a valid address; advertising also needs consent for this
	channel and no opt-out. Call it when the message is queued, not only when the mailing is planned.
	"""
	if kind not in KINDS:
		raise RuleError(N_("Unknown kind of message {0}."), kind)
	if not address:
		return NO_PHONE if channel == SMS else NO_EMAIL
	if kind == SERVICE:
		return None
	if unsubscribed:
		return UNSUBSCRIBED
	if not may_receive(state, channel):
		return NO_CONSENT
	return None


@dataclass(frozen=True)
class RecipientDecision:
	customer: str
	channel: str
	address: str | None
	reason: str | None  # None: send

	@property
	def sends(self) -> bool:
		return self.reason is None


def plan_recipients(
	kind: str, channels: Iterable[str], clients: Iterable[dict], unsubscribed: Iterable[str] = ()
) -> list[RecipientDecision]:
	"""One decision per client and channel, in the order given.

	Each client is a dict with ``customer``, ``phone``, ``email`` and the consent fields. ``unsubscribed``
	holds the cleaned addresses that opted out. A second client with the same address on a channel is
	excluded as a duplicate contact once the first one gets the message (a family sharing a phone gets one
	SMS, not three).
	"""
	opted_out = {a.strip().lower() for a in unsubscribed if a}
	channels = tuple(channels)
	for channel in channels:
		if channel not in CONSENT_FIELDS:
			raise RuleError(N_("Unknown mailing channel {0}."), channel)
	taken: set[tuple[str, str]] = set()
	decisions = []
	for client in clients:
		for channel in channels:
			raw = client.get("phone") if channel == SMS else client.get("email")
			address = clean_address(channel, raw)
			reason = message_decision(kind, channel, client, address, (address or "").lower() in opted_out)
			if reason is None:
				if (channel, address) in taken:
					reason = DUPLICATE
				else:
					taken.add((channel, address))
			decisions.append(RecipientDecision(client["customer"], channel, address, reason))
	return decisions


def decide_at_queue(
	kind: str, decision: RecipientDecision, current: dict, unsubscribed: Iterable[str] = ()
) -> str | None:
	"""Decide again, with the client's consent as it is now, a message planned by :func:`plan_recipients`.

	The sending job calls this for every planned message right before queuing it: a consent withdrawn
	(or an address unsubscribed) after the mailing was planned stops the message.
	"""
	if decision.reason is not None:
		return decision.reason
	opted_out = (decision.address or "").lower() in {a.strip().lower() for a in unsubscribed if a}
	return message_decision(kind, decision.channel, current, decision.address, opted_out)
