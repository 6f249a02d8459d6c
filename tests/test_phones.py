import pytest

from auto_service.i18n import RuleError
from auto_service.phones import format_phone, normalize_phone, try_normalize_phone


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
