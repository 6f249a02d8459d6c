"""Shop and master working hours as the settings hold them, turned into the scheduler's weekly hours.

Pure Python: rows are plain dicts ``{"weekday": "Monday", "open_time": time, "close_time": time,
"has_break": 0 | 1, "break_from": time, "break_to": time}``. The break counts only when ``has_break`` is
set: Frappe fills every new Time field with the current time, so an empty break cannot be told apart.
"""

from datetime import time, timedelta

from auto_service.i18n import N_, RuleError

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def to_time(value) -> time | None:
	"""Frappe returns Time fields as ``timedelta`` (from MariaDB) or ``str``; make them ``time``."""
	if value in (None, ""):
		return None
	if isinstance(value, time):
		return value
	if isinstance(value, timedelta):
		seconds = int(value.total_seconds()) % 86400
		return time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
	parts = [int(float(p)) for p in str(value).split(":")]
	return time(*parts[:3])


def weekly_hours(rows: list[dict]) -> dict[int, list[tuple[time, time]]]:
	"""``{weekday index: [(from, to), ...]}``, a break splitting the day in two. Refuses bad rows."""
	hours: dict[int, list[tuple[time, time]]] = {}
	for row in rows:
		if row.get("weekday") not in WEEKDAYS:
			raise RuleError(N_("Unknown weekday {0}."), row.get("weekday"))
		opens, closes = to_time(row.get("open_time")), to_time(row.get("close_time"))
		if not opens or not closes or closes <= opens:
			raise RuleError(N_("{0}: the closing time must be after the opening time."), row["weekday"])
		day = WEEKDAYS.index(row["weekday"])
		pause_from, pause_to = to_time(row.get("break_from")), to_time(row.get("break_to"))
		if row.get("has_break"):
			if not (pause_from and pause_to):
				raise RuleError(N_("{0}: give the start and the end of the break."), row["weekday"])
			if not (opens < pause_from < pause_to < closes):
				raise RuleError(N_("{0}: the break must lie inside the working hours."), row["weekday"])
			hours.setdefault(day, []).extend([(opens, pause_from), (pause_to, closes)])
		else:
			hours.setdefault(day, []).append((opens, closes))
	for intervals in hours.values():
		intervals.sort()
	return hours


def default_rows() -> list[dict]:
	"""A typical shop: Monday to Saturday 9:00-19:00 with a lunch break 13:00-14:00."""
	return [
		{
			"weekday": day,
			"open_time": time(9),
			"close_time": time(19),
			"has_break": 1,
			"break_from": time(13),
			"break_to": time(14),
		}
		for day in WEEKDAYS[:6]
	]


def longest_day(*weeks: dict[int, list[tuple[time, time]]]) -> timedelta:
	"""The longest working day (first opening to last closing) over the given weekly hours: no visit may
	be longer, whatever a caller asks."""
	longest = timedelta(0)
	for hours in weeks:
		for intervals in hours.values():
			if intervals:
				first = min(start for start, _end in intervals)
				last = max(end for _start, end in intervals)
				span = timedelta(hours=last.hour - first.hour, minutes=last.minute - first.minute)
				longest = max(longest, span)
	return longest
