"""Whitelisted endpoints of the masters' schedule: the calendar page's data, finding and booking time,
moving visits, their statuses, and the repair order made from a visit."""

from dataclasses import replace
from datetime import datetime, time, timedelta

import frappe
from frappe import _
from frappe.utils import add_days, now_datetime

from auto_service.api.arguments import (
	InvalidArgumentError,
	as_datetime,
	as_int,
	as_name_list,
	as_text,
	as_time,
)
from auto_service.auto_service.doctype.master_schedule_slot.master_schedule_slot import lock_masters
from auto_service.i18n import N_
from auto_service.messages import as_typed, esc
from auto_service.schedule import (
	ACTIVE_STATUSES,
	LONGEST_VISIT,
	MAX_HORIZON_DAYS,
	busy_map,
	intervals_only,
	load_masters,
	max_visit_length,
	settings,
	unpacked,
	working_map,
)
from auto_service.scheduling import ScheduleResult, SlotRequest, find_candidates

SLOT = "Master Schedule Slot"
SLOT_FIELDS = (
	"name",
	"master",
	"starts_on",
	"ends_on",
	"status",
	"customer",
	"customer_name",
	"vehicle",
	"vehicle_title",
	"requested_work",
	"repair_order",
)
STATUSES = (*ACTIVE_STATUSES, "Done", "No-show", "Cancelled")
MAX_VIEW_DAYS = 31
MAX_CANDIDATES = 20
MAX_TEXT = 2000
FIRST_LOOK = timedelta(days=7)  # «Найти время» first loads at most this much of the masters' time


def _duration(
	value: object, conf: dict, default: int | None = None, masters: list[dict] | None = None
) -> timedelta:
	"""A visit's length in minutes, from 1 minute to the longest working day."""
	masters = load_masters() if masters is None else masters
	longest = int(max_visit_length(conf, masters).total_seconds() // 60)
	if value in (None, "") and default:
		return timedelta(minutes=min(default, longest))
	return timedelta(minutes=as_int(value, N_("Visit length (minutes)"), 1, longest))


def _not_beyond_horizon(moment: datetime, label: str) -> datetime:
	limit = now_datetime() + timedelta(days=MAX_HORIZON_DAYS)
	if moment > limit:
		frappe.throw(
			_("{0} is more than {1} days ahead: the schedule does not reach that far.").format(
				_(label), MAX_HORIZON_DAYS
			),
			exc=InvalidArgumentError,
			title=_("Too far ahead"),
		)
	return moment


@frappe.whitelist()
def get_schedule(start: str, days: int = 1, masters: list | str | None = None) -> dict:
	"""Masters, their working intervals and visits for ``days`` days from ``start`` (the page's data)."""
	frappe.has_permission(SLOT, "read", throw=True)
	day_from = as_datetime(start, N_("First day shown")).date()
	days = as_int(days, N_("Days shown"), 1, MAX_VIEW_DAYS)
	day_to = add_days(day_from, days - 1)
	conf = settings()
	master_rows = load_masters(as_name_list(masters, N_("Masters shown")))
	names = [m.name for m in master_rows]
	working = working_map(master_rows, day_from, day_to, conf)
	window_start = datetime.combine(day_from, datetime.min.time())
	slots = visible_slots(names, window_start, window_start + timedelta(days=days))
	return {
		"step_minutes": int(conf.step.total_seconds() // 60),
		"masters": [
			{"name": m.name, "employee_name": m.employee_name, "skills": m.skills, "image": m.image}
			for m in master_rows
		],
		"working": {name: [[s, e] for s, e in intervals] for name, intervals in working.items()},
		"slots": slots,
		"now": now_datetime(),
	}


@frappe.whitelist()
def find_slots(
	duration_minutes: int,
	earliest: str | None = None,
	deadline: str | None = None,
	wanted_from: str | None = None,
	wanted_to: str | None = None,
	master: str | None = None,
	skill: str | None = None,
	n: int = 5,
) -> dict:
	"""The best free times for a visit: preferred master first, then the wanted time of day, then earliest.

	Bounded whatever the caller sends: the search starts at most 180 days ahead and looks at most one
	booking horizon past its start (a later deadline is clipped to it); at most 20 candidates."""
	frappe.has_permission(SLOT, "read", throw=True)
	conf = settings()
	master_rows = load_masters()
	duration = _duration(duration_minutes, conf, masters=master_rows)
	now = now_datetime()
	start = now
	if earliest:
		start = max(_not_beyond_horizon(as_datetime(earliest, N_("Search from")), N_("Search from")), now)
	end = min(as_datetime(deadline, N_("Wanted deadline")), start + conf.horizon) if deadline else None
	window = None
	if wanted_from or wanted_to:
		window = (as_time(wanted_from, N_("Wanted time from")), as_time(wanted_to, N_("Wanted time to")))
		if window[1] <= window[0]:
			frappe.throw(
				_("The wanted time of day must end after it starts."),
				exc=InvalidArgumentError,
				title=_("Invalid value"),
			)
	n = as_int(n, N_("Number of candidates"), 1, MAX_CANDIDATES)
	master = as_text(master, N_("Master"))
	skill = as_text(skill, N_(N_("Required Skill")))
	result = search(
		master_rows,
		conf,
		SlotRequest(
			duration=duration,
			earliest_start=start,
			deadline=end,
			wanted_window=window,
			preferred_master=master or None,
			required_skill=skill or None,
			step=conf.step,
		),
		n,
	)
	names = {m.name: m.employee_name for m in master_rows}
	return {
		"meets_deadline": result.meets_deadline,
		"candidates": [
			{
				"master": c.master,
				"master_name": names.get(c.master),
				"starts_on": c.start,
				"ends_on": c.end,
				"preferred": c.preferred,
				"in_window": c.in_window,
			}
			for c in result.candidates
		],
	}


def search(master_rows: list[dict], conf: dict, request: SlotRequest, n: int) -> ScheduleResult:
	"""``find_candidates`` over the masters' time, loading as few days as decide its answer.

	Loading working time and bookings is most of «Найти время»'s cost (a month of a busy shop is thousands
	of bookings), and the answer is nearly always in the first days. So the days up to the deadline, at most
	``FIRST_LOOK`` of them, are loaded and searched first. That answer is the whole search's when those days
	are all the search looks at before the deadline, or when its ``n`` candidates all come from the first
	group of the ranking (the preferred master, inside the wanted time of day): everything later ranks
	behind them. Otherwise the whole range is loaded and searched, as before."""
	earliest = request.earliest_start
	last = request.deadline or earliest + conf.horizon
	first = min(last, earliest + FIRST_LOOK)
	early = _find(master_rows, conf, replace(request, deadline=first), n, first, timedelta(0))
	if early.candidates and (first == last or _first_group_only(early, request, n)):
		return ScheduleResult(early.candidates, True, early.horizon_end)
	return _find(master_rows, conf, request, n, max(earliest, last) + conf.horizon, conf.horizon)


def _find(
	master_rows: list[dict], conf: dict, request: SlotRequest, n: int, until: datetime, horizon: timedelta
) -> ScheduleResult:
	"""find_candidates on the masters' time from the request's start to ``until``. One day more of working
	time and two of bookings are loaded: a free gap near ``until`` then ends where it really does, or a day
	or more after the visit (which ranks a visit the same, its duration being at most a day)."""
	start = request.earliest_start
	working = working_map(master_rows, start.date(), until.date() + timedelta(days=1), conf)
	busy_until = datetime.combine(until.date() + timedelta(days=2), time())
	busy = intervals_only(busy_map([m.name for m in master_rows], start, busy_until))
	skills = {m.name: set(m.skills) for m in master_rows}
	return find_candidates(working, busy, skills, request, n=n, horizon=horizon)


def _first_group_only(result: ScheduleResult, request: SlotRequest, n: int) -> bool:
	"""All ``n`` candidates are of the ranking's first group: the preferred master (when one is asked
	for), starting inside the wanted time of day (when one is given)."""
	return len(result.candidates) >= n and all(
		c.in_window and (c.preferred or not request.preferred_master) for c in result.candidates
	)


# one packed row per visit list: a field separator, a row separator, and a mark before every value that
# is not NULL (so that NULL and "" read back as they were)
_FIELD_SEP = "\x1f"
_ROW_SEP = "\x1e"
_END = "."


def visible_slots(masters: list[str], window_start: datetime, window_end: datetime) -> list[dict]:
	"""The visits of ``masters`` overlapping the window that the user may read, earliest first; the
	requested work as it was typed (``as_typed``: the page escapes it once).

	``frappe.get_list`` decides what the user may read (role rights, user permissions, shares and a
	master's own-work condition from permissions.py); its own query is then read back packed in one row
	(GROUP_CONCAT): a week of a busy shop is thousands of rows of eleven fields, and reading them one by
	one was most of the week view's time. When the packed row does not read back whole (a value holding a
	separator, more than group_concat_max_len) or a field is not at permission level 0, the rows come from
	get_list as they are."""
	if not masters:
		return []
	args = {
		"filters": [
			["master", "in", masters],
			["starts_on", "<", window_end],
			# no visit is longer than a day: the index range starts near the window, not at the first visit
			["starts_on", ">", window_start - LONGEST_VISIT],
			["ends_on", ">", window_start],
		],
		"fields": list(SLOT_FIELDS),
		"order_by": "starts_on asc",
		"limit_page_length": 0,
	}
	meta = frappe.get_meta(SLOT)
	slots = None
	if not any((df := meta.get_field(f)) and df.permlevel for f in SLOT_FIELDS):
		slots = _read_packed(frappe.get_list(SLOT, **args, run=False))
	if slots is None:
		slots = frappe.get_list(SLOT, **args)
	for slot in slots:
		slot["requested_work"] = as_typed(slot["requested_work"])
	return slots


def _read_packed(query: str) -> list[dict] | None:
	values = ", ".join(f"coalesce(concat('=', v.`{field}`), '')" for field in SLOT_FIELDS)
	count, packed = frappe.db.sql(
		f"select count(*), group_concat(concat_ws('{_FIELD_SEP}', {values}, '{_END}') "
		f"order by v.starts_on separator '{_ROW_SEP}') from ({query}) v"
	)[0]
	rows = unpacked(packed, count, _ROW_SEP, _FIELD_SEP, len(SLOT_FIELDS), _END)
	if rows is None:
		return None
	out = []
	parse = datetime.fromisoformat
	for parts in rows:
		slot = frappe._dict(zip(SLOT_FIELDS, [p[1:] if p else None for p in parts], strict=True))
		slot["starts_on"] = parse(slot["starts_on"])
		slot["ends_on"] = parse(slot["ends_on"])
		out.append(slot)
	return out


@frappe.whitelist(methods=["POST"])
def book(
	master: str,
	starts_on: str,
	customer: str,
	duration_minutes: int | None = None,
	ends_on: str | None = None,
	vehicle: str | None = None,
	requested_work: str | None = None,
	required_skill: str | None = None,
	channel: str | None = None,
) -> str:
	"""Book a visit in a master's time; refused with a clear message when the time is not free."""
	frappe.has_permission(SLOT, "create", throw=True)
	start = _not_beyond_horizon(as_datetime(starts_on, N_("Visit start")), N_("Visit start"))
	if ends_on:
		end = as_datetime(ends_on, N_("Visit end"))
		if end - start > max_visit_length(settings(), load_masters()):
			_duration(int((end - start).total_seconds() // 60), settings())  # refuses, naming the limit
	else:
		end = start + _duration(duration_minutes, settings(), default=60)
	slot = frappe.get_doc(
		{
			"doctype": SLOT,
			"master": as_text(master, N_("Master")),
			"starts_on": start,
			"ends_on": end,
			"customer": as_text(customer, N_("Client")),
			"vehicle": as_text(vehicle, N_("Client's vehicle")),
			"requested_work": as_text(requested_work, N_("Requested Work"), MAX_TEXT),
			"required_skill": as_text(required_skill, N_("Required Skill")),
			"channel": as_text(channel, N_("Booking channel")),
		}
	).insert()
	return slot.name


@frappe.whitelist(methods=["POST"])
def book_best(
	customer: str,
	duration_minutes: int,
	earliest: str | None = None,
	deadline: str | None = None,
	wanted_from: str | None = None,
	wanted_to: str | None = None,
	master: str | None = None,
	skill: str | None = None,
	vehicle: str | None = None,
	requested_work: str | None = None,
	channel: str | None = None,
) -> dict:
	"""Let the system place the request itself: the best candidate is booked."""
	frappe.has_permission(SLOT, "create", throw=True)
	found = find_slots(duration_minutes, earliest, deadline, wanted_from, wanted_to, master, skill, n=1)
	if not found["candidates"]:
		frappe.throw(_("No free time for this request within the search horizon."), title=_("No free time"))
	best = found["candidates"][0]
	name = book(
		best["master"],
		str(best["starts_on"]),
		customer,
		ends_on=str(best["ends_on"]),
		vehicle=vehicle,
		requested_work=requested_work,
		required_skill=skill,
		channel=channel,
	)
	return {"slot": name, "meets_deadline": found["meets_deadline"], **best}


@frappe.whitelist(methods=["POST"])
def move(slot: str, starts_on: str, ends_on: str, master: str | None = None) -> dict:
	"""Drag or resize a visit: the server validates the new place like a new booking."""
	frappe.has_permission(SLOT, "write", slot, throw=True)
	start = _not_beyond_horizon(as_datetime(starts_on, N_("Visit start")), N_("Visit start"))
	end = as_datetime(ends_on, N_("Visit end"))
	master = as_text(master, N_("Master"))
	lock_masters(frappe.db.get_value(SLOT, slot, "master"), master)
	doc = frappe.get_doc(SLOT, slot)
	if doc.status not in ACTIVE_STATUSES:
		frappe.throw(_("Only booked or active visits can be moved."), title=_("Wrong time"))
	doc.starts_on = start
	doc.ends_on = end
	if master:
		doc.master = master
	doc.save()
	return {
		**{field: doc.get(field) for field in SLOT_FIELDS},
		"requested_work": as_typed(doc.requested_work),
	}


@frappe.whitelist(methods=["POST"])
def set_slot_status(slot: str, status: str) -> str:
	frappe.has_permission(SLOT, "write", slot, throw=True)
	if status not in STATUSES:
		frappe.throw(_("Unknown status {0}.").format(esc(status)), exc=InvalidArgumentError)
	doc = frappe.get_doc(SLOT, slot)
	doc.status = status
	doc.save()
	return doc.status


@frappe.whitelist(methods=["POST"])
def make_repair_order(slot: str, vehicle: str | None = None) -> str:
	"""The visit's repair order: opened if it exists, else created (draft) with the client, car and work.
	``vehicle`` gives the visit its car when it was booked without one."""
	frappe.has_permission(SLOT, "write", slot, throw=True)
	frappe.has_permission("Repair Order", "create", throw=True)
	vehicle = as_text(vehicle, N_("Client's vehicle"))
	# two clicks at once: the master, then the visit, are locked (the order every writer of a visit
	# takes), so the second click waits and finds the order the first one made
	lock_masters(frappe.db.get_value(SLOT, slot, "master"))
	# locking reads: under REPEATABLE READ a plain read would still see the snapshot taken before the
	# first click committed its order
	existing = frappe.db.get_value(SLOT, slot, "repair_order", for_update=True)
	if existing and frappe.db.get_value("Repair Order", existing, "docstatus", for_update=True) in (0, 1):
		return existing
	doc = frappe.get_doc(SLOT, slot)
	if vehicle and not doc.vehicle:
		doc.vehicle = vehicle
		doc.save()
	if not doc.vehicle:
		frappe.throw(_("Choose the client's vehicle for this visit first."), title=_("No vehicle"))
	order = frappe.new_doc("Repair Order")
	order.update(
		{
			"customer": doc.customer,
			"vehicle": doc.vehicle,
			"schedule_slot": doc.name,
			"complaint": doc.requested_work,
		}
	)
	for row in doc.items:
		order.append("works", {"item_code": row.item_code, "master": doc.master, "hours": 1})
	order.insert()  # a draft may wait for its works: they are required at submit
	if doc.status in ("Booked", "Confirmed"):
		doc.db_set("status", "Arrived")
	return order.name
