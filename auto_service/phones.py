"""Phone numbers in one canonical form (E.164), so that one client has one phone however it was typed.

Pure Python (``phonenumbers``, no frappe): ``8 (916) 123-45-67`` -> ``+79161234567``.

Two rules: :func:`normalize_phone` is the strict one for the shop's private clients (a valid direct number,
stored in E.164); :func:`tidy_phone` is for every other phone (companies, leads, suppliers, users): the
canonical form when there is one, the extension kept, and nothing refused.
"""

import phonenumbers

from auto_service.i18n import N_, RuleError

DEFAULT_REGION = "RU"

# how an extension is stored: a dialling pause, which phones dial and Frappe's Phone fields accept
EXTENSION_SEPARATOR = ","


def _parse_valid(raw: str | None, region: str) -> phonenumbers.PhoneNumber:
	text = (raw or "").strip()
	if not text:
		raise RuleError(N_("Phone number is empty."))
	try:
		number = phonenumbers.parse(text, region)
	except phonenumbers.NumberParseException:
		raise RuleError(N_("{0} is not a phone number."), text)
	if not phonenumbers.is_valid_number(number):
		raise RuleError(N_("Phone number {0} is not valid: check the number of digits and the code."), text)
	return number


def normalize_phone(raw: str | None, region: str = DEFAULT_REGION) -> str:
	"""Return ``raw`` in E.164 form, or raise :class:`RuleError` when it is not a valid direct number.

	E.164 has no room for an extension, so a number with one (``доб. 12``) is refused rather than cut.
	"""
	number = _parse_valid(raw, region)
	if number.extension:
		raise RuleError(
			N_("Phone number {0} has an extension: enter the client's direct number."), (raw or "").strip()
		)
	return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def try_normalize_phone(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
	"""E.164 form of ``raw``, or ``None`` if it is not a valid direct number (for search boxes)."""
	try:
		return normalize_phone(raw, region)
	except RuleError:
		return None


def tidy_phone(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
	"""Canonical form of any phone: E.164, followed by ``,<extension>`` when it has one
	(``+7 495 123-45-67 доб. 12`` -> ``+74951234567,12``).

	``None`` when ``raw`` is not a valid number: the caller keeps it as it was typed.
	"""
	try:
		number = _parse_valid(raw, region)
	except RuleError:
		return None
	e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
	return f"{e164}{EXTENSION_SEPARATOR}{number.extension}" if number.extension else e164


def format_phone(e164: str) -> str:
	"""Human form for print and lists: ``+79161234567`` -> ``+7 916 123-45-67``."""
	try:
		number = phonenumbers.parse(e164, None)
	except phonenumbers.NumberParseException:
		return e164
	return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
