"""How many SMS parts a text takes, and what a mailing will cost.

Pure Python. An SMS is sent in GSM-7 (the GSM 03.38 alphabet: Latin letters, digits, common
punctuation) when every character of the text is in it, otherwise in UCS-2 (any Cyrillic letter,
emoji, «ёлочки» quotes). One part holds 160 GSM-7 characters or 70 UCS-2 characters; a longer text is
split into concatenated parts that each lose room for the joining header: 153 or 67 characters. A
character of the GSM-7 extension table (``{ } [ ] ~ \\ | ^ €`` and form feed) is sent as two septets.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from auto_service.i18n import N_, RuleError

GSM7 = "GSM-7"
UCS2 = "UCS-2"

# GSM 03.38 basic character set (default alphabet), as Unicode.
GSM7_BASIC = frozenset(
	"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# GSM 03.38 extension table: each costs an escape septet plus itself.
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

SINGLE_PART = {GSM7: 160, UCS2: 70}
MULTI_PART = {GSM7: 153, UCS2: 67}

# A mailing text longer than this is refused: 1,000 characters are 15 UCS-2 parts already.
MAX_SMS_LENGTH = 1000


@dataclass(frozen=True)
class SmsLength:
	encoding: str  # GSM7 or UCS2
	characters: int  # characters as typed
	units: int  # septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2)
	parts: int
	per_part: int  # room in one part for this text
	remaining: int  # what can still be typed before another part starts


def encoding_of(text: str) -> str:
	"""GSM7 when every character is in the GSM 03.38 alphabet (basic or extension), else UCS2."""
	for char in text:
		if char not in GSM7_BASIC and char not in GSM7_EXTENSION:
			return UCS2
	return GSM7


def _units(text: str, encoding: str) -> int:
	if encoding == GSM7:
		return sum(2 if char in GSM7_EXTENSION else 1 for char in text)
	# UCS-2 as gateways send it today is UTF-16: a character outside the BMP (emoji) takes two units
	return len(text.encode("utf-16-le")) // 2


def sms_length(text: str | None) -> SmsLength:
	"""Encoding, length in units and number of parts of ``text`` (an empty text takes no part)."""
	text = text or ""
	encoding = encoding_of(text)
	units = _units(text, encoding)
	if units == 0:
		return SmsLength(encoding, 0, 0, 0, SINGLE_PART[encoding], SINGLE_PART[encoding])
	if units <= SINGLE_PART[encoding]:
		parts, per_part = 1, SINGLE_PART[encoding]
	else:
		per_part = MULTI_PART[encoding]
		parts = _parts_split(text, encoding, per_part)
	return SmsLength(encoding, len(text), units, parts, per_part, max(0, parts * per_part - units))


def _parts_split(text: str, encoding: str, per_part: int) -> int:
	"""Parts of a long text: a two-unit character (GSM-7 escape, UTF-16 surrogate pair) is never split."""
	parts, used = 1, 0
	for char in text:
		size = _units(char, encoding)
		if used + size > per_part:
			parts += 1
			used = 0
		used += size
	return parts


def check_sms_text(text: str | None, max_length: int = MAX_SMS_LENGTH) -> SmsLength:
	""":func:`sms_length` of a text a mailing may send; refuses an empty or an over-long text."""
	if not (text or "").strip():
		raise RuleError(N_("The SMS text is empty."))
	if len(text) > max_length:
		raise RuleError(
			N_("The SMS text has {0} characters; at most {1} are allowed. Shorten it."), len(text), max_length
		)
	return sms_length(text)


def cost_estimate(parts: int, recipients: int, cost_per_part: Decimal | float | str) -> Decimal:
	"""Parts per message × recipients × price of a part, rounded to kopecks."""
	if parts < 0 or recipients < 0:
		raise RuleError(N_("Parts and recipients cannot be negative."))
	price = Decimal(str(cost_per_part or 0))
	if price < 0:
		raise RuleError(N_("The price of an SMS part cannot be negative."))
	return (Decimal(parts) * Decimal(recipients) * price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
