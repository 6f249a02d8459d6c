import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auto_service.i18n import RuleError
from auto_service.phones import format_phone, normalize_phone, tidy_phone, try_normalize_phone

# frappe.utils.PHONE_NUMBER_PATTERN (v15): what a Frappe "Phone" field accepts, matched from the start
FRAPPE_PHONE_FIELD = re.compile(r"([0-9\ \+\_\-\,\.\*\#\(\)]){1,20}$")


@pytest.mark.parametrize(
	"raw",
	[
		"8 (916) 123-45-67",
		"+7 916 123 45 67",
		"89161234567",
		"9161234567",
		"+7(916)1234567",
		" 7 916 1234567 ",
	],
)
def test_russian_mobile_in_any_spelling_becomes_e164(raw):
	assert normalize_phone(raw) == "+79161234567"


def test_foreign_number_with_plus_keeps_its_country():
	assert normalize_phone("+49 30 901820") == "+4930901820"


def test_region_can_be_changed():
	assert normalize_phone("030 901820", region="DE") == "+4930901820"


@pytest.mark.parametrize("raw", ["", "   ", "abc", "123", "8 (916) 123-45", "+7 916 123 45 67 89 0"])
def test_bad_phones_are_refused(raw):
	with pytest.raises(RuleError):
		normalize_phone(raw)


def test_try_normalize_returns_none_for_bad_input():
	assert try_normalize_phone("not a phone") is None
	assert try_normalize_phone("8 916 123 45 67") == "+79161234567"


def test_format_phone_for_people():
	assert format_phone("+79161234567") == "+7 916 123-45-67"


@pytest.mark.parametrize(
	"raw", ["+7 495 123-45-67 доб. 12", "+7 (495) 1234567 #12", "8 495 123 45 67 ext. 12"]
)
def test_client_phone_with_an_extension_is_refused_not_cut(raw):
	with pytest.raises(RuleError, match="extension"):
		normalize_phone(raw)
	assert try_normalize_phone(raw) is None


@pytest.mark.parametrize(
	("raw", "tidy"),
	[
		("8 (916) 123-45-67", "+79161234567"),
		("+7 495 123-45-67 доб. 12", "+74951234567,12"),
		("+7 495 123-45-67 #12", "+74951234567,12"),
		("+1 650 253 0000 ext. 1234", "+16502530000,1234"),
		("+49 30 901820", "+4930901820"),
	],
)
def test_tidy_phone_keeps_the_extension_in_a_form_frappe_accepts(raw, tidy):
	assert tidy_phone(raw) == tidy
	assert FRAPPE_PHONE_FIELD.match(tidy)


@pytest.mark.parametrize("raw", ["+91 0000000000", "8989889890", "123", "", None, "switchboard"])
def test_tidy_phone_leaves_what_is_not_a_number_to_the_caller(raw):
	assert tidy_phone(raw) is None


@given(st.text(alphabet="0123456789 +-()#,.доб", max_size=30))
def test_tidy_phone_is_stable(raw):
	once = tidy_phone(raw)
	if once is not None:
		assert tidy_phone(once) == once
