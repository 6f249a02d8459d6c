import pytest
from hypothesis import given
from hypothesis import strategies as st

from auto_service.i18n import RuleError
from auto_service.vehicle_ids import (
	LATIN_LOOK_ALIKES,
	PLATE_LETTERS,
	clean_body_number,
	clean_plate,
	clean_vin,
	decode_vin,
	format_plate,
	normalize_plate,
	vin_check_digit,
)


@pytest.mark.parametrize(
	"raw, expected",
	[
		("А123ВС77", "А123ВС77"),
		("а 123 вс 77", "А123ВС77"),
		("A123BC77", "А123ВС77"),  # Latin look-alikes
		("a123bc 777", "А123ВС777"),
		("Х 001 ХХ 199 RUS", "Х001ХХ199"),
		("м-777-мм-50", "М777ММ50"),
	],
)
def test_plate_is_normalized_to_cyrillic_canonical_form(raw, expected):
	assert clean_plate(raw) == expected


def test_latin_and_cyrillic_spellings_of_a_plate_are_the_same_plate():
	assert normalize_plate("O777OO97") == normalize_plate("О777ОО97")
	assert normalize_plate("O777OO97") != "O777OO97"  # not left in Latin


@pytest.mark.parametrize(
	"raw",
	[
		"",
		"А12ВС77",  # two digits
		"А1234ВС77",  # four digits
		"Б123ВС77",  # Б is not a plate letter
		"А123ВС7",  # one-digit region
		"А123ВС7777",  # four-digit region
		"А000ВС77",  # number 000 is never issued
		"А123ВС00",  # region 00
		"А123ВС077",  # three-digit region never starts with 0
		"123АВС77",
		"АВ12377",  # taxi format needs the other-format switch
	],
)
def test_bad_plates_are_refused_with_a_message(raw):
	with pytest.raises(RuleError) as err:
		clean_plate(raw)
	assert err.value.message  # an English, translatable message
	assert "{" not in str(err.value)


def test_foreign_plate_needs_the_switch_and_keeps_its_letters():
	with pytest.raises(RuleError):
		clean_plate("AB 1234 CD")
	assert clean_plate("ab 1234-cd", other_format=True) == "AB1234CD"


@pytest.mark.parametrize("raw", ["A", "!!!", "ABCDEFGHIJKLMNOP1"])
def test_other_format_still_refuses_garbage(raw):
	with pytest.raises(RuleError):
		clean_plate(raw, other_format=True)


def test_format_plate_groups_civil_plates():
	assert format_plate("А123ВС777") == "А 123 ВС 777"
	assert format_plate("AB1234CD") == "AB1234CD"


@given(
	st.sampled_from(PLATE_LETTERS),
	st.integers(1, 999),
	st.text(alphabet=PLATE_LETTERS, min_size=2, max_size=2),
	st.integers(1, 999),
)
def test_every_civil_plate_survives_latin_typing_and_spacing(first, number, pair, region):
	canonical = f"{first}{number:03d}{pair}{region:02d}"
	latin = canonical.translate(str.maketrans(PLATE_LETTERS, LATIN_LOOK_ALIKES))
	spaced = " ".join(latin).lower()
	assert clean_plate(spaced) == canonical
	assert clean_plate(canonical) == canonical


@pytest.mark.parametrize(
	"vin",
	[
		"1HGCM82633A004352",  # Honda, USA: check digit valid
		"JHMCM56557C404453",  # Honda, Japan
		"XTA210990Y2765432",  # LADA: check digit does not apply
		"WVWZZZ1JZXW000001",  # VW: check digit does not apply
	],
)
def test_valid_vins_pass(vin):
	assert clean_vin(vin) == vin


def test_vin_is_normalized_from_cyrillic_keyboard_and_spaces():
	assert clean_vin("хта 21099 0Y2765432") == "XTA210990Y2765432"


@pytest.mark.parametrize(
	"vin, fragment",
	[
		("1HGCM82633A00435", "17"),
		("1HGCM82633A0043521", "17"),
		("1HGCM8263OA004352", "O"),
		("IHGCM82633A004352", "I"),
		("1HGCM82634A004352", "check digit"),
		("XTA21099#Y2765432", "Latin"),
	],
)
def test_bad_vins_are_refused_saying_why(vin, fragment):
	with pytest.raises(RuleError) as err:
		clean_vin(vin)
	assert fragment in str(err.value)


def test_check_digit_matches_known_example():
	assert vin_check_digit("1M8GDM9AXKP042788") == "X"
	assert vin_check_digit("1HGCM82633A004352") == "3"


@given(st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789", min_size=16, max_size=16))
def test_a_north_american_vin_with_its_computed_check_digit_always_passes(body):
	vin = "1" + body[1:8] + "0" + body[8:]
	vin = vin[:8] + vin_check_digit(vin) + vin[9:]
	assert clean_vin(vin) == vin


def test_decode_vin_fills_make_and_year():
	info = decode_vin("1HGCM82633A004352", current_year=2026)
	assert info.make == "Honda"
	assert info.year == 2003
	lada = decode_vin("XTA210990Y2765432", current_year=2026)
	assert lada.make == "AvtoVAZ"
	assert lada.year == 2000


def test_decode_vin_picks_the_latest_possible_model_year():
	# model-year letter G is 1986 or 2016: a car cannot be from the future, the latest past one wins
	assert decode_vin("Z94CB41AAGR323020", current_year=2026).year == 2016
	assert decode_vin("Z94CB41AAGR323020", current_year=2010).year == 1986


def test_decode_vin_does_not_guess_unknown_make():
	assert decode_vin("Z94CB41AAGR323020", current_year=2026).make is None


@pytest.mark.parametrize(
	"raw, expected", [("jzx100-0012345", "JZX100-0012345"), ("ае86 123456", "AE86123456")]
)
def test_body_numbers_of_old_cars(raw, expected):
	assert clean_body_number(raw) == expected


@pytest.mark.parametrize("raw", ["", "AB", "-ABC123", "ЖЖЖ1234"])
def test_bad_body_numbers_are_refused(raw):
	with pytest.raises(RuleError):
		clean_body_number(raw)
