import pytest

from auto_service.i18n import RuleError
from auto_service.people import split_full_name


@pytest.mark.parametrize(
	"raw, parts",
	[
		("Иванов Иван Иванович", ("Иванов", "Иван", "Иванович")),
		("  иванов   иван  ", ("Иванов", "Иван", None)),
		("Иван", (None, "Иван", None)),
		("Мамедов Рашид Али оглы", ("Мамедов", "Рашид", "Али Оглы")),
		("римский-корсаков николай андреевич", ("Римский-Корсаков", "Николай", "Андреевич")),
	],
)
def test_full_name_is_split_in_russian_order(raw, parts):
	name = split_full_name(raw)
	assert (name.last_name, name.first_name, name.middle_name) == parts


def test_display_joins_the_parts_back():
	assert split_full_name("петров пётр").display == "Петров Пётр"


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_empty_name_is_refused(raw):
	with pytest.raises(RuleError):
		split_full_name(raw)
