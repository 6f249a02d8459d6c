from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auto_service.i18n import RuleError
from auto_service.sms_text import (
	GSM7,
	GSM7_BASIC,
	GSM7_EXTENSION,
	MAX_SMS_LENGTH,
	UCS2,
	check_sms_text,
	cost_estimate,
	encoding_of,
	sms_length,
)


def test_latin_text_is_gsm7():
	assert encoding_of("Your car is ready. Call 8-800") == GSM7


def test_one_cyrillic_letter_makes_the_text_ucs2():
	assert encoding_of("Your car is ready Ж") == UCS2


def test_guillemets_and_yo_are_ucs2():
	assert encoding_of("«ok»") == UCS2
	assert encoding_of("ёлка") == UCS2


@pytest.mark.parametrize(
	("length", "parts"), [(0, 0), (1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4)]
)
def test_gsm7_parts_are_160_then_153(length, parts):
	assert sms_length("a" * length).parts == parts


@pytest.mark.parametrize(("length", "parts"), [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (201, 3)])
def test_ucs2_parts_are_70_then_67(length, parts):
	assert sms_length("ж" * length).parts == parts


def test_extension_characters_count_two():
	result = sms_length("{}" * 40)  # 80 characters, 160 septets
	assert (result.encoding, result.characters, result.units, result.parts) == (GSM7, 80, 160, 1)
	assert sms_length("{}" * 40 + "a").parts == 2


def test_euro_sign_is_gsm7_extension():
	result = sms_length("10€")
	assert (result.encoding, result.units) == (GSM7, 4)


def test_escape_is_not_split_across_parts():
	# 152 plain septets then a two-septet '{': the '{' does not fit the 153-septet first part
	text = "a" * 152 + "{" + "a" * 152
	assert sms_length(text).units == 306
	assert sms_length(text).parts == 3


def test_emoji_takes_two_ucs2_units():
	assert sms_length("🙂").units == 2
	assert sms_length("🙂" * 35).parts == 1
	assert sms_length("🙂" * 35 + "ж").parts == 2


def test_remaining_counts_what_fits_in_the_current_parts():
	assert sms_length("Привет").remaining == 64
	assert sms_length("a" * 161).remaining == 306 - 161


def test_russian_reminder_is_counted_like_a_phone():
	text = "Иван Петрович, напоминаем: завтра в 10:00 ТО вашего автомобиля А123ВС77. Автосервис"
	result = sms_length(text)
	assert result.encoding == UCS2
	assert result.parts == 2


def test_empty_text_is_refused():
	with pytest.raises(RuleError, match="empty"):
		check_sms_text("   ")


def test_over_long_text_is_refused_with_the_limit():
	with pytest.raises(RuleError) as error:
		check_sms_text("ж" * 5000)
	assert error.value.args_for_message == (5000, MAX_SMS_LENGTH)


def test_cost_is_parts_times_recipients_times_price():
	assert cost_estimate(2, 10_000, "3.45") == Decimal("69000.00")
	assert cost_estimate(3, 7, 1.1) == Decimal("23.10")
	assert cost_estimate(0, 7, 5) == Decimal("0.00")


def test_negative_cost_inputs_are_refused():
	with pytest.raises(RuleError):
		cost_estimate(-1, 1, 1)
	with pytest.raises(RuleError):
		cost_estimate(1, 1, -2)


_alphabet = st.sampled_from(sorted(GSM7_BASIC | GSM7_EXTENSION) + list("жЖёЁ«»🙂"))


@given(st.text(alphabet=_alphabet, max_size=600))
def test_parts_hold_the_text(text):
	result = sms_length(text)
	if not text:
		assert result.parts == 0
		return
	assert result.units <= result.parts * result.per_part
	if result.parts == 1:
		assert result.per_part in (160, 70)
	else:
		assert result.per_part in (153, 67)
		# it did not fit one part
		assert result.units > {153: 160, 67: 70}[result.per_part]
	assert result.encoding == (GSM7 if all(c in GSM7_BASIC | GSM7_EXTENSION for c in text) else UCS2)
