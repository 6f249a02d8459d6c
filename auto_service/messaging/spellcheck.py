"""Spell-check of mailing texts in the Frappe layer: the shop dictionary, translated errors."""

import frappe
from frappe import _

from auto_service.i18n import RuleError
from auto_service.spelling import SpellChecker, SpellingSetupError

SHOP_WORDS_CACHE_KEY = "auto_service:shop_dictionary_words"
MAX_SHOP_WORDS = 20_000


class SpellingDictionaryMissingError(frappe.ValidationError):
	pass


class SpellingErrorsError(frappe.ValidationError):
	pass


def shop_words() -> list[str]:
	words = frappe.cache.get_value(SHOP_WORDS_CACHE_KEY)
	if words is None:
		words = frappe.get_all(
			"Shop Dictionary Word", pluck="word", limit=MAX_SHOP_WORDS, order_by="word asc"
		)
		frappe.cache.set_value(SHOP_WORDS_CACHE_KEY, words)
	return words


def clear_shop_words_cache(*args, **kwargs) -> None:
	frappe.cache.delete_value(SHOP_WORDS_CACHE_KEY)


def checker() -> SpellChecker:
	try:
		return SpellChecker(shop_words())
	except SpellingSetupError as error:
		frappe.throw(
			_(error.message).format(*error.args_for_message),
			exc=SpellingDictionaryMissingError,
			title=_("Spell-check is not set up"),
		)


def check(text: str | None, names: list[str] | tuple = ()) -> list[dict]:
	"""Misspelled words of ``text``: word, offsets and suggestions."""
	if not text:
		return []
	try:
		found = checker().check(text, names)
	except RuleError as error:
		frappe.throw(_(error.message).format(*error.args_for_message))
	return [
		{"word": m.word, "start": m.start, "end": m.end, "suggestions": list(m.suggestions)} for m in found
	]


DEFAULT_SHOP_WORDS = (
	"шиномонтаж", "развал-схождение", "автосервис", "техосмотр", "антигравий", "автоэлектрик", "полироль",
	"антикор", "омыватель", "автоподбор", "Лада", "Киа", "Хендай", "Хёндэ", "Шкода", "Тойота", "Ниссан",
	"Фольксваген", "Рено", "Шевроле", "Мицубиси", "Мерседес", "Ауди", "Вольво", "Солярис", "Веста",
	"Гранта", "Приора", "Калина", "Нива", "Логан", "Дастер", "Октавия", "Рапид", "Камри", "Королла",
	"Поло", "Тигуан", "Кашкай", "Аутлендер", "Спортейдж", "Крета", "Лачетти",
)  # fmt: skip


def seed_shop_words() -> None:
	"""after_install / after_migrate: a fresh shop dictionary gets the common trade words and makes once;
	from then on it is the administrator's (a word they delete is not brought back)."""
	if frappe.db.count("Shop Dictionary Word"):
		return
	for word in DEFAULT_SHOP_WORDS:
		frappe.get_doc({"doctype": "Shop Dictionary Word", "word": word}).insert(ignore_permissions=True)
	clear_shop_words_cache()
