"""Names of people as Russian staff type them: «Фамилия Имя Отчество». Pure Python."""

from dataclasses import dataclass

from auto_service.i18n import N_, RuleError


@dataclass(frozen=True)
class FullName:
	last_name: str | None
	first_name: str
	middle_name: str | None

	@property
	def display(self) -> str:
		return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


def _title(word: str) -> str:
	# "иванов-петров" -> "Иванов-Петров"; keeps "McLeod"-style capitals already typed
	return "-".join(part[:1].upper() + part[1:] if part else part for part in word.split("-"))


def split_full_name(raw: str | None) -> FullName:
	"""Split ФИО in Russian order: one word is a first name; two are surname + name; three or more are
	surname, name and patronymic (a patronymic may have several words, e.g. «Оглы»)."""
	words = [_title(w) for w in (raw or "").split()]
	if not words:
		raise RuleError(N_("Enter the client's name."))
	if len(words) == 1:
		return FullName(None, words[0], None)
	if len(words) == 2:
		return FullName(words[0], words[1], None)
	return FullName(words[0], words[1], " ".join(words[2:]))
