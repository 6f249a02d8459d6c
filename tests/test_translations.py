"""Every text the app shows has a Russian translation in auto_service/translations/ru.csv.

Strings are collected the way staff meet them: DocType/Workspace JSON (labels, descriptions, select
options), custom field definitions, roles, ``_()``/``N_()`` in Python and ``__()`` in JavaScript.
"""

import ast
import csv
import json
import os
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "auto_service"
RU_CSV = APP / "translations" / "ru.csv"

JSON_KEYS = ("label", "description", "title", "card_name", "shortcut_name")
PY_MARKERS = {"_", "N_", "_lt"}
JS_CALL = re.compile(r"""__\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`$]*)`)""")
JINJA_CALL = re.compile(r"""_\(\s*"([^"]+)"\s*\)""")
CYRILLIC = re.compile("[А-Яа-яЁё]")


def load_translations() -> dict[str, str]:
	with RU_CSV.open(encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if row}


def _from_json(node, found: set[str]) -> None:
	if isinstance(node, dict):
		if node.get("doctype") == "DocType" and node.get("name"):
			found.add(node["name"])
		if node.get("doctype") == "Role" and node.get("role_name"):
			found.add(node["role_name"])
		for key in JSON_KEYS:
			if isinstance(node.get(key), str) and node[key].strip() and "<" not in node[key]:
				found.add(node[key].strip())
		# a workspace shortcut's counter: "{} In Progress" is translated as a whole by the desk
		if "stats_filter" in node and isinstance(node.get("format"), str) and node["format"].strip():
			found.add(node["format"].strip())
		if node.get("fieldtype") == "Select" and isinstance(node.get("options"), str):
			found.update(o.strip() for o in node["options"].split("\n") if o.strip())
		if isinstance(node.get("html"), str):
			found.update(m.strip() for m in JINJA_CALL.findall(node["html"]))
		if node.get("type") == "header" and isinstance(node.get("data"), dict):
			found.add(re.sub("<[^>]+>", "", node["data"].get("text", "")).strip())
		if isinstance(node.get("content"), str) and node.get("doctype") == "Workspace":
			_from_json(json.loads(node["content"]), found)
		for value in node.values():
			_from_json(value, found)
	elif isinstance(node, list):
		for value in node:
			_from_json(value, found)


def _from_python(path: Path, found: set[str]) -> None:
	tree = ast.parse(path.read_text(encoding="utf-8"))
	for node in ast.walk(tree):
		if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in PY_MARKERS:
			if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
				found.add(node.args[0].value.strip())
		# custom field definitions: {"label": "...", "description": "...", "options": "..."} of Select
		if isinstance(node, ast.Dict):
			pairs = {
				k.value: v
				for k, v in zip(node.keys, node.values, strict=True)
				if isinstance(k, ast.Constant) and isinstance(k.value, str)
			}
			for key in ("label", "description"):
				if isinstance(pairs.get(key), ast.Constant) and isinstance(pairs[key].value, str):
					found.add(pairs[key].value.strip())


def _select_options_in_python(path: Path, found: set[str]) -> None:
	# module-level option strings such as CONSENT_METHODS = "\nWritten form\n..."
	tree = ast.parse(path.read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
			value = node.value.value
			if isinstance(value, str) and value.startswith("\n"):
				found.update(o.strip() for o in value.split("\n") if o.strip())


def collect_strings() -> set[str]:
	found: set[str] = set()
	for path in APP.rglob("*.json"):
		_from_json(json.loads(path.read_text(encoding="utf-8")), found)
	for path in APP.rglob("*.py"):
		if "tests" in path.parts:
			continue
		_from_python(path, found)
		_select_options_in_python(path, found)
	for path in APP.rglob("*.js"):
		if "dist" in path.relative_to(APP).parts:
			continue  # the built bundles (bench build): esbuild writes «» as \xAB..., the sources are read
		for match in JS_CALL.finditer(path.read_text(encoding="utf-8")):
			found.add(next(g for g in match.groups() if g is not None).strip())
	return {s for s in found if s and _is_english(s)}


def _is_english(text: str) -> bool:
	"""English text to translate (it may quote Russian examples such as plate letters)."""
	return len(re.findall("[A-Za-z]", text)) > len(CYRILLIC.findall(text))


# Generic words the app shows but leaves to Frappe's/ERPNext's own Russian (a line of ours would replace
# theirs everywhere); test_upstream_words_are_translated_upstream checks they are there.
UPSTREAM_WORDS = {
	"Amended From",
	"Billing",
	# Frappe's own link-check messages, which auto_service/links.py raises as Frappe does
	"Cannot link cancelled document: {0}",
	"Could not find {0}",
	"Row",
	"Continue",
	"Duration",
	"From Date",
	"Inactive",
	"Next",
	"Previous",
	"Reports",
	"Today",
}


def test_every_string_has_a_russian_translation():
	missing = sorted(collect_strings() - set(load_translations()) - UPSTREAM_WORDS)
	assert not missing, "Missing in translations/ru.csv:\n" + "\n".join(missing)


def test_translations_are_russian_and_keep_placeholders():
	for source, target in load_translations().items():
		assert CYRILLIC.search(target) or source in {"VIN", "SMS", "E-mail", "ROI, %"}, source
		assert sorted(re.findall(r"\{\d\}", source)) == sorted(re.findall(r"\{\d\}", target)), source


@pytest.mark.parametrize("path", sorted(str(p) for p in APP.rglob("*.py")))
def test_python_modules_parse(path):
	ast.parse(Path(path).read_text(encoding="utf-8"))


# --- our translations must not leak into ERPNext -------------------------------------------------------
# Frappe merges every app's translations into one dictionary, later apps winning: a context-free line of
# ours for a word that Frappe or ERPNext also translate replaces their translation everywhere (ERPNext's
# «Year» became «Год выпуска» in its own reports). A shop-specific meaning goes into a line with a context
# (DocType labels and Select options are looked up with their DocType as context; in code
# ``_("Year", context="Customer Vehicle")`` / ``__("Year", null, "Customer Vehicle")``).


def _bench_dirs() -> list[Path]:
	candidates = [os.environ.get("AUTO_SERVICE_BENCH"), "/home/frappe/frappe-bench", "~/frappe-bench"]
	return [Path(c).expanduser() for c in candidates if c and (Path(c).expanduser() / "apps").is_dir()]


def _read_csv(path: Path) -> dict[str, str]:
	out = {}
	with path.open(encoding="utf-8", newline="") as f:
		for row in csv.reader(f):
			if len(row) >= 2 and not (len(row) > 2 and row[2]):
				out[row[0]] = row[1].strip()
	return out


def _read_po(path: Path) -> dict[str, str]:
	"""Context-free msgid -> msgstr of a gettext catalogue (enough of the format for frappe's files)."""
	out: dict[str, str] = {}
	entry: dict[str, str] = {}
	current = None

	def flush():
		if entry.get("msgid") and entry.get("msgstr") and "msgctxt" not in entry:
			out[entry["msgid"]] = entry["msgstr"].strip()

	for line in path.read_text(encoding="utf-8").splitlines():
		line = line.strip()
		keyword = line.split(" ", 1)[0]
		if keyword in ("msgctxt", "msgid", "msgstr"):
			if keyword == "msgctxt" or (keyword == "msgid" and current != "msgctxt"):
				flush()
				entry = {}
			current = keyword
			entry[keyword] = ast.literal_eval(line[len(keyword) + 1 :])
		elif line.startswith('"') and current:
			entry[current] += ast.literal_eval(line)
	flush()
	return out


def upstream_translations() -> dict[str, str] | None:
	"""Frappe's and ERPNext's own Russian, from the bench next to us; None when there is no bench."""
	for bench in _bench_dirs():
		found: dict[str, str] = {}
		for app in ("frappe", "erpnext"):
			root = bench / "apps" / app / app
			if (root / "translations" / "ru.csv").exists():
				found.update(_read_csv(root / "translations" / "ru.csv"))
			if (root / "locale" / "ru.po").exists():
				found.update(_read_po(root / "locale" / "ru.po"))
		if found:
			return found
	return None


def test_no_context_free_retranslation_of_frappe_or_erpnext_words():
	upstream = upstream_translations()
	if upstream is None:
		pytest.skip(
			"no Frappe/ERPNext bench found (AUTO_SERVICE_BENCH, ~frappe/frappe-bench): nothing to compare"
		)
	with RU_CSV.open(encoding="utf-8", newline="") as f:
		ours = [row for row in csv.reader(f) if len(row) >= 2 and not (len(row) > 2 and row[2])]
	leaking = [
		f"{source!r}: ours {target!r}, theirs {upstream[source]!r}"
		for source, target, *_ in ours
		if source in upstream and upstream[source] != target.strip()
	]
	assert not leaking, "Give these a context (third column) or drop them:\n" + "\n".join(leaking)


def test_upstream_words_are_translated_upstream():
	upstream = upstream_translations()
	if upstream is None:
		pytest.skip(
			"no Frappe/ERPNext bench found (AUTO_SERVICE_BENCH, ~frappe/frappe-bench): nothing to compare"
		)
	assert not sorted(UPSTREAM_WORDS - set(upstream))


def test_po_reader_keeps_context_entries_apart(tmp_path):
	po = tmp_path / "ru.po"
	po.write_text(
		'msgid "Year"\nmsgstr "Год"\n\nmsgctxt "Car"\nmsgid "Make"\nmsgstr "Марка"\n\n'
		'msgid ""\n"Long "\n"text"\nmsgstr ""\n"Длинный "\n"текст"\n',
		encoding="utf-8",
	)
	assert _read_po(po) == {"Year": "Год", "Long text": "Длинный текст"}
