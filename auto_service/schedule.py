"""The masters' schedule on the Frappe side: loads working time, days off, skills and bookings in a few
queries and hands plain values to the pure ``scheduling`` and ``shop_hours`` modules.

Used by the Master Schedule Slot controller (validation) and by ``api/schedule.py`` (the calendar page).
"""

from datetime import date, datetime, timedelta

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Concat_ws, Count, CustomFunction, GroupConcat
from frappe.utils import cint, get_datetime, getdate

from auto_service.scheduling import Interval, working_intervals
from auto_service.shop_hours import default_rows, longest_day, weekly_hours

ACTIVE_STATUSES = ("Booked", "Confirmed", "Arrived", "In Work")
# no visit is longer: the slot's validation caps it at the longest working day, and a working day (an
# overnight shift included) is at most 24 hours
LONGEST_VISIT = timedelta(hours=24)


def settings() -> dict:
	doc = frappe.get_cached_doc("Auto Service Settings")
	rows = [row.as_dict() for row in doc.shop_hours] or default_rows()
	return frappe._dict(
		step=timedelta(minutes=cint(doc.slot_step) or 30),
		horizon=timedelta(days=min(cint(doc.booking_horizon_days) or 30, MAX_HORIZON_DAYS)),
		shop_hours=weekly_hours(rows),
		holiday_list=doc.holiday_list or company_holiday_list(doc.company),
	)


def company_holiday_list(company: str | None) -> str | None:
	return frappe.get_cached_value("Company", company, "default_holiday_list") if company else None


def load_masters(names: list[str] | None = None) -> list[dict]:
	"""Active masters with their skills, own working hours and holiday list (three queries; frappe.qb
	rather than get_all: this runs two or three times for every «Найти время» and calendar view)."""
	employee = DocType("Employee")
	query = (
		frappe.qb.from_(employee)
		.select(employee.name, employee.employee_name, employee.holiday_list, employee.image)
		.where(employee.as_is_master == 1)
		.where(employee.status == "Active")
		.orderby(employee.employee_name)
	)
	if names:
		query = query.where(employee.name.isin(names))
	masters = query.run(as_dict=True)
	if not masters:
		return []
	ids = [m.name for m in masters]
	skills: dict[str, set[str]] = {}
	skill_row = DocType("Master Skill Row")
	for parent, skill in (
		frappe.qb.from_(skill_row)
		.select(skill_row.parent, skill_row.skill)
		.where(skill_row.parenttype == "Employee")
		.where(skill_row.parentfield == "as_skills")
		.where(skill_row.parent.isin(ids))
		.run()
	):
		skills.setdefault(parent, set()).add(skill)
	own_hours: dict[str, list[dict]] = {}
	hours = DocType("Working Hours Row")
	for row in (
		frappe.qb.from_(hours)
		.select(
			hours.parent, hours.weekday, hours.open_time, hours.close_time, hours.break_from, hours.break_to
		)
		.where(hours.parenttype == "Employee")
		.where(hours.parentfield == "as_working_hours")
		.where(hours.parent.isin(ids))
		.orderby(hours.idx)
		.run(as_dict=True)
	):
		own_hours.setdefault(row.parent, []).append(row)
	for master in masters:
		master.skills = sorted(skills.get(master.name, ()))
		master.own_hours = own_hours.get(master.name)
	return masters


def days_off(holiday_lists: set[str], day_from: date, day_to: date) -> dict[str, set[date]]:
	"""Holiday dates per Holiday List within the range (one query)."""
	lists = [name for name in holiday_lists if name]
	if not lists:
		return {}
	holiday = DocType("Holiday")
	rows = (
		frappe.qb.from_(holiday)
		.select(holiday.parent, holiday.holiday_date)
		.where(holiday.parent.isin(lists))
		.where(holiday.holiday_date.between(day_from, day_to))
		.run(as_dict=True)
	)
	out: dict[str, set[date]] = {}
	for row in rows:
		out.setdefault(row.parent, set()).add(getdate(row.holiday_date))
	return out


def working_map(
	masters: list[dict], day_from: date, day_to: date, conf: dict | None = None
) -> dict[str, list]:
	"""Each master's working intervals over [day_from, day_to]: own hours or the shop's, minus the shop's
	and the master's own days off."""
	conf = conf or settings()
	off = days_off({conf.holiday_list, *(m.holiday_list for m in masters)}, day_from, day_to)
	shop_off = off.get(conf.holiday_list, set())
	result = {}
	for master in masters:
		hours = weekly_hours(master.own_hours) if master.own_hours else conf.shop_hours
		result[master.name] = working_intervals(
			day_from, day_to, hours, shop_off | off.get(master.holiday_list, set())
		)
	return result


def busy_map(
	masters: list[str],
	start: datetime,
	end: datetime,
	exclude: str | None = None,
	for_update: bool = False,
) -> dict[str, list[tuple]]:
	"""Active bookings overlapping [start, end) per master: ``(starts_on, ends_on, name)``.

	Reading (a search, the calendar) gets each master's bookings packed into one row: a month of a busy
	shop is thousands of rows, and sending them one by one was most of «Найти время»'s time. Locking (a
	booking being checked) reads row by row, so that exactly those rows are locked."""
	if not masters:
		return {}
	if not for_update:
		packed = _busy_packed(masters, start, end, exclude)
		if packed is not None:
			return packed
	slot = DocType("Master Schedule Slot")
	query = (
		frappe.qb.from_(slot)
		.select(slot.name, slot.master, slot.starts_on, slot.ends_on)
		.where(slot.master.isin(masters))
		.where(slot.status.isin(ACTIVE_STATUSES))
		.where(slot.starts_on < end)
		.where(slot.ends_on > start)
	)
	if exclude:
		query = query.where(slot.name != exclude)
	if for_update:
		query = query.for_update()
	out: dict[str, list[tuple]] = {m: [] for m in masters}
	for row in query.run(as_dict=True):
		out[row.master].append((get_datetime(row.starts_on), get_datetime(row.ends_on), row.name))
	return out


# TO_SECONDS counts seconds from year 0 whatever the session's time zone; datetimes are stored naive
_EPOCH = datetime(2000, 1, 1)
_EPOCH_SECONDS = 63113904000  # TO_SECONDS('2000-01-01 00:00:00')
_to_seconds = CustomFunction("TO_SECONDS", ["moment"])
_WHOLE = "."


def _busy_packed(masters: list[str], start: datetime, end: datetime, exclude: str | None) -> dict | None:
	"""busy_map in one row per master (GROUP_CONCAT of «start end name .»); None when a packed row does
	not read back whole (a name with the separators in it, a list longer than group_concat_max_len)."""
	slot = DocType("Master Schedule Slot")
	# «start end name .»: the closing mark shows an entry read back whole (a row cut at group_concat_max_len
	# inside its last name would otherwise give that name shortened)
	entry = Concat_ws(" ", _to_seconds(slot.starts_on), _to_seconds(slot.ends_on), slot.name, _WHOLE)
	query = (
		frappe.qb.from_(slot)
		.select(slot.master, Count("*"), GroupConcat(entry))
		.where(slot.master.isin(masters))
		.where(slot.status.isin(ACTIVE_STATUSES))
		# the lower bound lets the index range start near ``start`` instead of at the master's first visit
		.where(slot.starts_on > start - LONGEST_VISIT)
		.where(slot.starts_on < end)
		.where(slot.ends_on > start)
		.groupby(slot.master)
	)
	if exclude:
		query = query.where(slot.name != exclude)
	out: dict[str, list[tuple]] = {m: [] for m in masters}
	moments: dict[str, datetime] = {}  # visits start and end on the same grid: convert each moment once

	def moment(seconds: str) -> datetime:
		if (value := moments.get(seconds)) is None:
			value = moments[seconds] = _EPOCH + timedelta(seconds=int(seconds) - _EPOCH_SECONDS)
		return value

	for master, count, packed in query.run():
		entries = unpacked(packed, count, ",", " ", 3, _WHOLE)
		if entries is None:
			return None
		out.setdefault(master, []).extend((moment(s), moment(e), name) for s, e, name in entries)
	return out


def unpacked(
	packed: str | None, count: int, row_sep: str, field_sep: str, width: int, end: str
) -> list[list[str]] | None:
	"""The rows of a GROUP_CONCAT of ``CONCAT_WS(field_sep, <width values>, end)``, each as its values; None
	when they do not read back whole: not ``count`` rows (a value holding the row separator, or the list cut
	at group_concat_max_len), not ``width`` values, or no closing ``end`` (a row cut inside its last value)."""
	rows = packed.split(row_sep) if packed else []
	if len(rows) != count:
		return None
	out = []
	for row in rows:
		parts = row.split(field_sep)
		if len(parts) != width + 1 or parts[-1] != end:
			return None
		out.append(parts[:-1])
	return out


def intervals_only(busy: dict[str, list[tuple]]) -> dict[str, list[Interval]]:
	return {master: [(s, e) for s, e, *_ in rows] for master, rows in busy.items()}


MAX_HORIZON_DAYS = 180  # a search or a booking never looks further ahead, whatever the settings say


def max_visit_length(conf: dict, masters: list[dict] = ()) -> timedelta:
	"""No visit is longer than the longest working day (the shop's or a master's own)."""
	weeks = [conf.shop_hours, *(weekly_hours(m.own_hours) for m in masters if m.get("own_hours"))]
	return longest_day(*weeks) or timedelta(hours=24)
