"""Phone numbers in one canonical form (E.164), so that one client has one phone however it was typed.

Pure Python (``phonenumbers``, no frappe): ``8 (916) 123-45-67`` -> ``+79161234567``.
"""

import phonenumbers

from auto_service.i18n import N_, RuleError

DEFAULT_REGION = "RU"


def normalize_phone(raw: str | None, region: str = DEFAULT_REGION) -> str:
	"""Return ``raw`` in E.164 form, or raise :class:`RuleError` when it is not a valid number."""
	text = (raw or "").strip()
	if not text:
		raise RuleError(N_("Phone number is empty."))
	try:
		number = phonenumbers.parse(text, region)
	except phonenumbers.NumberParseException:
		raise RuleError(N_("{0} is not a phone number."), text)
	if not phonenumbers.is_valid_number(number):
		raise RuleError(N_("Phone number {0} is not valid: check the number of digits and the code."), text)
	return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def try_normalize_phone(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
	"""E.164 form of ``raw``, or ``None`` if it is not a valid number (for search boxes)."""
	try:
		return normalize_phone(raw, region)
	except RuleError:
		return None


def format_phone(e164: str) -> str:
	"""Human form for print and lists: ``+79161234567`` -> ``+7 916 123-45-67``."""
	try:
		number = phonenumbers.parse(e164, None)
	except phonenumbers.NumberParseException:
		return e164
	return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
