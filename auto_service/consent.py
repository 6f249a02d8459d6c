"""Advertising consent: what a change of consent is, and whom a mailing may reach.

Pure Python. A client may receive advertising on a channel only when they consented to that channel;
every change of consent is kept as history (who, when, old -> new, how it was given).
"""

from dataclasses import dataclass
from datetime import date

from auto_service.i18n import N_, RuleError

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


def complete_consent(state: dict, today: date, user: str) -> dict:
	"""Fill what the staff need not type when consent is given: date and who recorded it.

	Refuses a consent given without saying how it was given. Returns the fields to set.
	"""
	updates: dict = {}
	for channel, (flag, date_field, method, recorded_by) in CONSENT_FIELDS.items():
		if not state.get(flag):
			continue
		if not state.get(method):
			raise RuleError(N_("Say how the client gave consent to advertising by {0}."), channel)
		if not state.get(date_field):
			updates[date_field] = today
		if not state.get(recorded_by):
			updates[recorded_by] = user
	return updates


def may_receive(state: dict, channel: str) -> bool:
	"""True when a client with consent ``state`` may be sent advertising on ``channel``."""
	if channel not in CONSENT_FIELDS:
		raise RuleError(N_("Unknown mailing channel {0}."), channel)
	return bool(state.get(CONSENT_FIELDS[channel][0]))
