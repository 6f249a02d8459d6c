"""Spell-check with the real hunspell dictionaries (Debian hunspell-ru, hunspell-en-us)."""

import pytest

from auto_service import spelling
from auto_service.i18n import RuleError
from auto_service.spelling import SpellingSetupError, check_text, replace_word, words_to_check

SHOP_WORDS = ["шиномонтаж", "развал-схождение", "Хендай", "Солярис"]


def flagged(text: str, **kwargs) -> list[str]:
	return [m.word for m in check_text(text, shop_words=SHOP_WORDS, **kwargs)]


def test_dictionaries_are_installed():
	spelling.check_dictionaries()


def test_russian_typos_are_caught_with_suggestions():
	found = check_text("Ваш автомабиль готов, заменна масла выполнена.")
	assert [m.word for m in found] == ["автомабиль", "заменна"]
	assert "автомобиль" in found[0].suggestions
	assert "замена" in found[1].suggestions


def test_english_typo_is_caught():
	found = check_text("We recieve your car at 10:00.")
	assert [m.word for m in found] == ["recieve"]
	assert "receive" in found[0].suggestions


def test_inflected_forms_are_accepted():
	assert flagged("Мы заменили масло и работаем с автомобилями любых марок.") == []


def test_jinja_placeholders_are_skipped():
	text = (
		"{{ customer_name }}, ваш {{ vehicle.make }} готов. {% if balance %}К оплате {{ balance }}{% endif %}"
	)
	assert flagged(text) == []


def test_plates_numbers_urls_emails_are_skipped():
	text = (
		"Автомобиль А123ВС77 и Х 777 ХХ 199 готовы. Скидка 15% до 01.12, масло 5W-30. "
		"Запись: https://autoservis.example/zapis или zapis@autoservis.example, сайт avtoservis.ru"
	)
	assert flagged(text) == []


def test_client_names_passed_in_are_skipped():
	assert flagged("Здравствуйте, Айгуль Зарипова!") == ["Айгуль", "Зарипова"]
	assert flagged("Здравствуйте, Айгуль Зарипова!", names=["Зарипова Айгуль Ринатовна"]) == []


def test_shop_dictionary_words_and_their_endings_are_accepted():
	assert flagged("Шиномонтаж и развал-схождение для Хендай Солярис, запись на шиномонтаж.") == []
	assert flagged("Скидка на шиномонтажа нет, после шиномонтажом.") == []
	assert flagged("шиномонтаж") == []
	assert check_text("Шиномонтаж") != []  # without the shop dictionary the word is unknown


def test_shop_dictionary_suggests_its_own_words():
	found = check_text("Запишитесь на шиномантаж", shop_words=SHOP_WORDS)
	assert found[0].word == "шиномантаж"
	assert found[0].suggestions[0] == "шиномонтаж"


def test_abbreviations_and_yo_are_accepted():
	assert flagged("Пройдите ТО на нашей СТО: проверим ABS, ОСАГО оформим. Ещё ёлочные скидки.") == []


def test_html_tags_are_skipped_and_offsets_point_into_the_text():
	text = "<p>Ваш <b>автомабиль</b> готов&nbsp;к выдаче</p>"
	(found,) = check_text(text)
	assert text[found.start : found.end] == "автомабиль"


def test_capitalised_typo_gets_capitalised_suggestions():
	(found,) = check_text("Автомабиль готов")
	assert "Автомобиль" in found.suggestions


def test_mixed_script_word_is_flagged():
	assert flagged("Ваш автомобилb готов") == ["автомобилb"]


def test_words_with_digits_are_not_checked():
	assert [t.word for t in words_to_check("2-й день, 3шт, кузов B12")] == ["день", "кузов"]


def test_replace_word_replaces_at_the_offset():
	text = "Ваш автомабиль готов"
	(found,) = check_text(text)
	assert replace_word(text, found.start, found.end, found.word, "автомобиль") == "Ваш автомобиль готов"
	with pytest.raises(RuleError):
		replace_word("Ваш автомобиль готов", found.start, found.end, found.word, "автомобиль")


def test_missing_dictionary_is_an_error_naming_the_package(monkeypatch):
	monkeypatch.setitem(spelling.DICTIONARY_PACKAGES, "xx_XX", "hunspell-xx")
	with pytest.raises(SpellingSetupError) as error:
		spelling.load_dictionary("xx_XX")
	assert error.value.args_for_message == ("xx_XX", "hunspell-xx")
	assert "hunspell-xx" in str(error.value)


def test_missing_library_is_an_error_naming_the_package(monkeypatch):
	import builtins

	real_import = builtins.__import__

	def no_enchant(name, *args, **kwargs):
		if name == "enchant":
			raise ImportError("The 'enchant' C library was not found")
		return real_import(name, *args, **kwargs)

	monkeypatch.setattr(spelling, "_dictionaries", {})
	monkeypatch.setattr(builtins, "__import__", no_enchant)
	with pytest.raises(SpellingSetupError, match="libenchant-2-2"):
		spelling.load_dictionary("ru_RU")


def test_over_long_text_is_refused():
	with pytest.raises(RuleError):
		check_text("слово " * 20_000)
