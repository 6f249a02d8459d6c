"""Spell-check of mailing texts in Russian and English with hunspell dictionaries.

Pure Python (``pyenchant`` over Debian's ``hunspell-ru`` and ``hunspell-en-us``; no frappe). What is not
prose is skipped: Jinja placeholders (``{{ customer_name }}``, ``{% if %}``), HTML tags and entities, URLs,
e-mail addresses, Russian plates (:mod:`auto_service.vehicle_ids`), numbers and words with digits,
upper-case abbreviations (ТО, СТО, ОСАГО, ABS), the client names passed in, and the shop dictionary (words
the administrator added: «шиномонтаж», «развал-схождение», makes and models, with their Russian endings).

A missing dictionary is an error naming the Debian package to install, never a silent pass.
"""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from auto_service.i18n import N_, RuleError
from auto_service.vehicle_ids import PLATE_LETTERS, is_civil_plate, normalize_plate

RUSSIAN = "ru_RU"
ENGLISH = "en_US"
# dictionary -> the Debian package that installs it
DICTIONARY_PACKAGES = {RUSSIAN: "hunspell-ru", ENGLISH: "hunspell-en-us"}
ENCHANT_PACKAGE = "libenchant-2-2"

MAX_SUGGESTIONS = 5
MAX_TEXT_LENGTH = 100_000  # e-mail bodies included; longer texts are refused, not checked in part

_LETTERS = "A-Za-zА-Яа-яЁё"
_WORD = re.compile(rf"[{_LETTERS}0-9]+(?:[-'’][{_LETTERS}0-9]+)*")
_CYRILLIC = re.compile("[А-Яа-яЁё]")
_LATIN = re.compile("[A-Za-z]")
_DIGIT = re.compile("[0-9]")
_PLATE_LETTER = f"[{PLATE_LETTERS}{PLATE_LETTERS.lower()}ABEKMHOPCTYXabekmhopctyx]"
_SKIPPED = re.compile(
	"|".join(
		(
			r"\{\{.*?\}\}",  # Jinja expression
			r"\{%.*?%\}",  # Jinja statement
			r"\{#.*?#\}",  # Jinja comment
			r"<[^>]*>",  # HTML tag
			r"&[A-Za-z]+;|&#\d+;",  # HTML entity
			r"(?:https?://|www\.)\S+",  # URL
			r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b",  # e-mail address
			r"\b[\w-]+\.(?:ru|рф|com|org|net|su)\b(?:/\S*)?",  # bare domain: autoservice.ru/price
		)
	),
	re.DOTALL,
)
_PLATE_CANDIDATE = re.compile(
	rf"(?<![{_LETTERS}0-9]){_PLATE_LETTER}\s?\d{{3}}\s?{_PLATE_LETTER}{{2}}\s?\d{{2,3}}(?![{_LETTERS}0-9])"
)
_ENDING_LETTERS = "аеёиоуыэюяьй"
_MAX_ENDING = 3


class SpellingSetupError(RuleError):
	"""The spell-checker cannot run: a library or dictionary is not installed."""


@dataclass(frozen=True)
class Token:
	word: str
	start: int
	end: int


@dataclass(frozen=True)
class Misspelling:
	word: str
	start: int
	end: int
	suggestions: tuple[str, ...]


def _masked(text: str) -> str:
	"""``text`` with everything that is not prose blanked out (offsets kept)."""

	def blank(match: re.Match) -> str:
		return " " * len(match.group(0))

	def blank_plate(match: re.Match) -> str:
		return blank(match) if is_civil_plate(normalize_plate(match.group(0))) else match.group(0)

	return _PLATE_CANDIDATE.sub(blank_plate, _SKIPPED.sub(blank, text))


def _name_words(names: Iterable[str]) -> set[str]:
	words: set[str] = set()
	for name in names:
		words.update(w.lower() for w in _WORD.findall(name or ""))
	return words


def words_to_check(text: str, names: Iterable[str] = ()) -> list[Token]:
	"""The words of ``text`` a dictionary should judge, with their offsets in ``text``."""
	skip = _name_words(names)
	tokens = []
	for match in _WORD.finditer(_masked(text or "")):
		word = match.group(0)
		if _DIGIT.search(word):
			continue  # numbers, 5W-30, 2-й, plates in other formats
		letters = re.sub(f"[^{_LETTERS}]", "", word)
		if len(letters) >= 2 and letters.isupper():
			continue  # abbreviations: ТО, СТО, ОСАГО, ABS, VIN
		if word.lower() in skip:
			continue
		tokens.append(Token(word, match.start(), match.end()))
	return tokens


class ShopDictionary:
	"""The shop's own words; a Russian word also matches with a short ending (шиномонтажа, -ом)."""

	def __init__(self, words: Iterable[str] = ()) -> None:
		self.words = {w.strip().lower().replace("ё", "е") for w in words if w and w.strip()}
		self.stems = {
			stem
			for stem in (w.rstrip(_ENDING_LETTERS) for w in self.words if _CYRILLIC.search(w))
			if len(stem) >= 4
		}

	def __contains__(self, word: str) -> bool:
		key = word.lower().replace("ё", "е")
		if key in self.words:
			return True
		if not _CYRILLIC.search(key):
			return False
		for size in range(1, _MAX_ENDING + 1):
			stem, ending = key[:-size], key[-size:]
			if stem in self.stems and all(c in _ENDING_LETTERS + "мхвгт" for c in ending):
				return True
		return key.rstrip(_ENDING_LETTERS) in self.stems

	def close_to(self, word: str) -> list[str]:
		return difflib.get_close_matches(word.lower(), sorted(self.words), n=2, cutoff=0.8)


def _load_enchant():
	try:
		import enchant
	except ImportError as error:  # pyenchant missing, or libenchant not installed
		raise SpellingSetupError(
			N_("The spell-checker library is not installed: install the Debian package {0} and pyenchant."),
			ENCHANT_PACKAGE,
		) from error
	return enchant


_dictionaries: dict[str, object] = {}


def load_dictionary(language: str):
	"""The hunspell dictionary for ``language`` (cached), or :class:`SpellingSetupError` naming the package."""
	if language in _dictionaries:
		return _dictionaries[language]
	enchant = _load_enchant()
	package = DICTIONARY_PACKAGES.get(language, f"hunspell-{language}")
	broker = enchant.Broker()
	if not broker.dict_exists(language):
		raise SpellingSetupError(
			N_(
				"Spelling dictionary {0} is not installed: install the Debian package {1} (apt-get install {1})."
			),
			language,
			package,
		)
	dictionary = broker.request_dict(language)
	_dictionaries[language] = dictionary
	return dictionary


def check_dictionaries() -> None:
	"""Raise :class:`SpellingSetupError` unless every dictionary the app uses is installed."""
	for language in DICTIONARY_PACKAGES:
		load_dictionary(language)


class SpellChecker:
	def __init__(self, shop_words: Iterable[str] = ()) -> None:
		self.shop = ShopDictionary(shop_words)
		self.russian = load_dictionary(RUSSIAN)
		self.english = load_dictionary(ENGLISH)

	def _dictionary_for(self, word: str):
		has_cyrillic, has_latin = bool(_CYRILLIC.search(word)), bool(_LATIN.search(word))
		if has_cyrillic and has_latin:
			return None  # a mixed-script word is a typo (a Latin «о» in a Russian word)
		return self.russian if has_cyrillic else self.english

	def is_correct(self, word: str) -> bool:
		if word in self.shop:
			return True
		dictionary = self._dictionary_for(word)
		if dictionary is None:
			return False
		if dictionary.check(word) or dictionary.check(word.replace("’", "'")):
			return True
		if "ё" in word.lower() and dictionary.check(word.replace("ё", "е").replace("Ё", "Е")):
			return True
		parts = [p for p in re.split("[-'’]", word) if p]
		if len(parts) > 1:
			return all(self.is_correct(part) for part in parts)
		return False

	def suggest(self, word: str) -> tuple[str, ...]:
		found = list(self.shop.close_to(word))
		dictionary = self._dictionary_for(word) or self.russian
		for suggestion in dictionary.suggest(word):
			if suggestion not in found:
				found.append(suggestion)
		if word[:1].isupper():
			found = [s[:1].upper() + s[1:] for s in found]
		return tuple(found[:MAX_SUGGESTIONS])

	def check(self, text: str, names: Iterable[str] = ()) -> list[Misspelling]:
		if len(text or "") > MAX_TEXT_LENGTH:
			raise RuleError(N_("The text is too long to check: at most {0} characters."), MAX_TEXT_LENGTH)
		return [
			Misspelling(token.word, token.start, token.end, self.suggest(token.word))
			for token in words_to_check(text, names)
			if not self.is_correct(token.word)
		]


def check_text(text: str, shop_words: Iterable[str] = (), names: Iterable[str] = ()) -> list[Misspelling]:
	"""Misspelled words of ``text`` with suggestions (see the module docstring for what is skipped)."""
	return SpellChecker(shop_words).check(text, names)


def replace_word(text: str, start: int, end: int, expected: str, replacement: str) -> str:
	"""``text`` with the word at ``start:end`` replaced, if it is still ``expected`` there."""
	if text[start:end] != expected:
		raise RuleError(N_("The text has changed since it was checked: check it again."))
	return text[:start] + replacement + text[end:]
