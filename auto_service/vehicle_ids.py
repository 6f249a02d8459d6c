"""Rules for vehicle identifiers: Russian licence plates, VINs and body/chassis numbers.

Pure Python: no frappe import, so pytest runs it anywhere. Every refusal raises
:class:`~auto_service.i18n.RuleError` with an English message marked by ``N_`` that the Frappe
layer translates.
"""

import re
from dataclasses import dataclass

from auto_service.i18n import N_, RuleError

# The twelve letters a Russian civil plate may use, and their Latin look-alikes.
PLATE_LETTERS = "АВЕКМНОРСТУХ"
LATIN_LOOK_ALIKES = "ABEKMHOPCTYX"

_LATIN_TO_CYRILLIC = str.maketrans(LATIN_LOOK_ALIKES, PLATE_LETTERS)
_CYRILLIC_TO_LATIN = str.maketrans(PLATE_LETTERS, LATIN_LOOK_ALIKES)

# Civil format of GOST R 50577 (type 1): letter, three digits, two letters, region of 2 or 3 digits.
_CIVIL_PLATE = re.compile(rf"^[{PLATE_LETTERS}](\d{{3}})[{PLATE_LETTERS}]{{2}}(\d{{2,3}})$")
_OTHER_PLATE = re.compile(r"^[0-9A-ZА-ЯЁ]{2,15}$")
_SEPARATORS = re.compile(r"[\s\-_.·]+")

VIN_LENGTH = 17
_VIN_CHARS = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
_BODY_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9\-]{3,23}[A-Z0-9]$")

# ISO 3779 check digit: transliteration of letters and the weight of each position.
_VIN_VALUES = {
	**{str(d): d for d in range(10)},
	**dict(zip("ABCDEFGH", range(1, 9), strict=True)),
	**dict(zip("JKLMN", range(1, 6), strict=True)),
	"P": 7,
	"R": 9,
	**dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def _squeeze(raw: str | None) -> str:
	return _SEPARATORS.sub("", (raw or "").strip().upper())


def normalize_plate(raw: str | None) -> str:
	"""Upper-case, drop spaces and dashes, map Latin look-alikes to Cyrillic, drop a trailing ``RUS``.

	``"a 123 bc 77 rus"`` and ``"А123ВС77"`` both become ``"А123ВС77"`` (Cyrillic letters).
	"""
	plate = _squeeze(raw)
	if plate.endswith(("RUS", "РУС")) and len(plate) > 3:
		plate = plate[:-3]
	return plate.translate(_LATIN_TO_CYRILLIC)


def is_civil_plate(plate: str) -> bool:
	match = _CIVIL_PLATE.match(plate)
	if not match:
		return False
	number, region = match.groups()
	return number != "000" and int(region) != 0 and not (len(region) == 3 and region[0] == "0")


def clean_plate(raw: str | None, other_format: bool = False) -> str:
	"""Return the canonical plate, or raise :class:`RuleError` saying what is wrong.

	``other_format`` is the explicit switch for foreign, transit, trailer or other plates: then only
	letters and digits are required (2-15 of them), and letters keep their alphabet.
	"""
	if other_format:
		plate = _squeeze(raw)
		if not _OTHER_PLATE.match(plate):
			raise RuleError(N_("Licence plate {0} is not valid: use 2 to 15 letters and digits."), raw or "")
		return plate

	plate = normalize_plate(raw)
	if not plate:
		raise RuleError(N_("Licence plate is empty."))
	if not is_civil_plate(plate):
		raise RuleError(
			N_(
				"Licence plate {0} does not match the Russian format, e.g. А123ВС77 or А123ВС777 "
				"(letters А, В, Е, К, М, Н, О, Р, С, Т, У, Х). For a foreign or other plate tick "
				'"Foreign / other format".'
			),
			raw or "",
		)
	return plate


def format_plate(plate: str) -> str:
	"""Readable form of a canonical civil plate: ``А123ВС77`` -> ``А 123 ВС 77``."""
	if is_civil_plate(plate):
		return f"{plate[0]} {plate[1:4]} {plate[4:6]} {plate[6:]}"
	return plate


def normalize_vin(raw: str | None) -> str:
	"""Upper-case, drop spaces and dashes, and map Cyrillic look-alikes typed on a Russian keyboard."""
	return _squeeze(raw).translate(_CYRILLIC_TO_LATIN)


def vin_check_digit(vin: str) -> str:
	"""The ISO 3779 / FMVSS 115 check digit ('0'-'9' or 'X') of a 17-character VIN."""
	total = sum(_VIN_VALUES[ch] * weight for ch, weight in zip(vin, _VIN_WEIGHTS, strict=True))
	remainder = total % 11
	return "X" if remainder == 10 else str(remainder)


def check_digit_applies(vin: str) -> bool:
	"""The check digit is mandatory for vehicles made for North America (WMI starting 1-5)."""
	return vin[:1] in "12345"


def clean_vin(raw: str | None) -> str:
	"""Return the canonical VIN, or raise :class:`RuleError` saying what is wrong."""
	vin = normalize_vin(raw)
	if len(vin) != VIN_LENGTH:
		raise RuleError(N_("VIN {0} must have 17 characters, it has {1}."), raw or "", len(vin))
	forbidden = sorted({ch for ch in vin if ch in "IOQ"})
	if forbidden:
		raise RuleError(
			N_(
				"VIN {0} contains {1}: the letters I, O and Q are never used in a VIN (did you mean 1 or 0?)."
			),
			raw or "",
			", ".join(forbidden),
		)
	if not _VIN_CHARS.match(vin):
		raise RuleError(N_("VIN {0} may contain only Latin letters and digits."), raw or "")
	if check_digit_applies(vin) and vin[8] != vin_check_digit(vin):
		raise RuleError(
			N_("VIN {0} fails its check digit (9th character should be {1}): please re-check the VIN."),
			raw or "",
			vin_check_digit(vin),
		)
	return vin


def clean_body_number(raw: str | None) -> str:
	"""Body or chassis number of a car made without a 17-character VIN (e.g. ``JZX100-0012345``)."""
	number = re.sub(r"\s+", "", (raw or "").strip().upper()).translate(_CYRILLIC_TO_LATIN)
	if not _BODY_NUMBER.match(number):
		raise RuleError(
			N_("Body/chassis number {0} is not valid: use 5 to 25 Latin letters, digits or dashes."),
			raw or "",
		)
	return number


@dataclass(frozen=True)
class VinInfo:
	make: str | None
	year: int | None
	country: str | None


def decode_vin(vin: str, current_year: int) -> VinInfo:
	"""Decode make, model year and country offline with ``vininfo``.

	The model-year letter repeats every 30 years; the latest year not after ``current_year + 1`` wins.
	Unknown manufacturers give ``make=None`` rather than a guess.
	"""
	from vininfo import Vin

	try:
		info = Vin(vin)
		years = [y for y in (info.years or []) if y <= current_year + 1]
		manufacturer = info.manufacturer
		country = info.country
	except Exception:
		return VinInfo(None, None, None)
	make = manufacturer if manufacturer and manufacturer != "UnsupportedBrand" else None
	return VinInfo(make=make, year=max(years) if years else None, country=country)
