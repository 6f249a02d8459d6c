"""Whitelisted endpoints of the masters' schedule: the calendar page's data, finding and booking time,
moving visits, their statuses, and the repair order made from a visit."""

from datetime import datetime, timedelta

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
from auto_service.messages import esc
from auto_service.schedule import (
	ACTIVE_STATUSES,
	MAX_HORIZON_DAYS,
	busy_map,
	intervals_only,
	load_masters,
	max_visit_length,
	settings,
	working_map,
)
from auto_service.scheduling import SlotRequest, find_candidates

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


def _duration(value: object, conf: dict, default: int | None = None) -> timedelta:
	"""A visit's length in minutes, from 1 minute to the longest working day."""
	longest = int(max_visit_length(conf, load_masters()).total_seconds() // 60)
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
	window_end = window_start + timedelta(days=days)
	slots = (
		frappe.get_list(
			SLOT,
			filters={
				"master": ("in", names),
				"starts_on": ("<", window_end),
				"ends_on": (">", window_start),
			},
			fields=list(SLOT_FIELDS),
			order_by="starts_on asc",
			limit_page_length=0,
		)
		if names
		else []
	)
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
	duration = _duration(duration_minutes, conf)
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
	horizon_end = max(start, end or start) + conf.horizon
	master_rows = load_masters()
	working = working_map(master_rows, start.date(), horizon_end.date(), conf)
	busy = intervals_only(busy_map([m.name for m in master_rows], start, horizon_end))
	result = find_candidates(
		working,
		busy,
		{m.name: set(m.skills) for m in master_rows},
		SlotRequest(
			duration=duration,
			earliest_start=start,
			deadline=end,
			wanted_window=window,
			preferred_master=master or None,
			required_skill=skill or None,
			step=conf.step,
		),
		n=n,
		horizon=conf.horizon,
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
	return {field: doc.get(field) for field in SLOT_FIELDS}


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
