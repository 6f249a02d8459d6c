"""Every text the app shows has a Russian translation in auto_service/translations/ru.csv.

Strings are collected the way staff meet them: DocType/Workspace JSON (labels, descriptions, select
options), custom field definitions, roles, ``_()``/``N_()`` in Python and ``__()`` in JavaScript.
"""

import ast
import csv
import json
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
		for match in JS_CALL.finditer(path.read_text(encoding="utf-8")):
			found.add(next(g for g in match.groups() if g is not None).strip())
	return {s for s in found if s and _is_english(s)}


def _is_english(text: str) -> bool:
	"""English text to translate (it may quote Russian examples such as plate letters)."""
	return len(re.findall("[A-Za-z]", text)) > len(CYRILLIC.findall(text))


def test_every_string_has_a_russian_translation():
	missing = sorted(collect_strings() - set(load_translations()))
	assert not missing, "Missing in translations/ru.csv:\n" + "\n".join(missing)


def test_translations_are_russian_and_keep_placeholders():
	for source, target in load_translations().items():
		assert CYRILLIC.search(target) or source in {"VIN", "SMS", "E-mail"}, source
		assert sorted(re.findall(r"\{\d\}", source)) == sorted(re.findall(r"\{\d\}", target)), source


@pytest.mark.parametrize("path", sorted(str(p) for p in APP.rglob("*.py")))
def test_python_modules_parse(path):
	ast.parse(Path(path).read_text(encoding="utf-8"))
