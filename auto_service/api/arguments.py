"""Reading the arguments of whitelisted methods: anything a caller sends that is not what the method takes
is refused with a translated message (HTTP 417), never a traceback.

REST callers send strings (or JSON values): dates, times, numbers and JSON are parsed here, in one place.
"""

import json
from datetime import datetime, time

import frappe
from frappe import _
from frappe.utils import cint, get_datetime

from auto_service.i18n import RuleError
from auto_service.messages import esc
from auto_service.shop_hours import to_time


class InvalidArgumentError(frappe.ValidationError):
	pass


def refuse(label: str, value: object) -> None:
	frappe.throw(
		_("{0}: {1} is not a valid value.").format(_(label), esc(str(value)[:100])),
		exc=InvalidArgumentError,
		title=_("Invalid value"),
	)


def as_datetime(value: object, label: str) -> datetime:
	"""A naive local date-time (the site's time zone), from a string the desk or an API client sends."""
	if isinstance(value, datetime):
		parsed = value
	elif isinstance(value, str) and 8 <= len(value.strip()) <= 32:
		try:
			parsed = get_datetime(value.strip())
		except Exception:
			parsed = None
	else:
		parsed = None
	if not isinstance(parsed, datetime) or parsed.tzinfo is not None or not 2000 <= parsed.year <= 2200:
		refuse(label, value)
	return parsed


def as_time(value: object, label: str) -> time:
	try:
		parsed = to_time(value) if isinstance(value, str | time) else None
	except (RuleError, ValueError, TypeError):
		parsed = None
	if parsed is None:
		refuse(label, value)
	return parsed


def as_int(value: object, label: str, low: int, high: int) -> int:
	"""An integer in ``[low, high]``: out-of-range or non-numeric input is refused, not clipped."""
	if isinstance(value, bool) or not isinstance(value, int | str | float):
		refuse(label, value)
	text = str(value).strip()
	if not text.lstrip("-").isdigit() and not (isinstance(value, float) and value.is_integer()):
		refuse(label, value)
	number = cint(value)
	if not low <= number <= high:
		frappe.throw(
			_("{0} must be between {1} and {2}.").format(_(label), low, high),
			exc=InvalidArgumentError,
			title=_("Invalid value"),
		)
	return number


def as_json(value: object, label: str, kind: type) -> object:
	"""A JSON value of ``kind`` (list or dict), given as such or as JSON text."""
	if isinstance(value, str):
		try:
			value = json.loads(value)
		except ValueError:
			refuse(label, value)
	if not isinstance(value, kind):
		refuse(label, value)
	return value


def as_name_list(value: object, label: str, limit: int = 200) -> list[str] | None:
	"""A list of document names: JSON text, a list, or a single name; ``None`` when empty."""
	if value in (None, "", []):
		return None
	if isinstance(value, str) and not value.strip().startswith("["):
		value = [value]
	names = as_json(value, label, list)
	if len(names) > limit or not all(isinstance(n, str) and 0 < len(n) <= 140 for n in names):
		refuse(label, str(value))
	return names


def as_text(value: object, label: str, limit: int = 140) -> str | None:
	"""A short piece of text (a name, a code); numbers are read as their text."""
	if value in (None, ""):
		return None
	if isinstance(value, int | float) and not isinstance(value, bool):
		value = str(value)
	if not isinstance(value, str) or len(value) > limit:
		refuse(label, value)
	return value
