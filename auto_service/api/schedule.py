"""Whitelisted endpoints of the masters' schedule: the calendar page's data, finding and booking time,
moving visits, their statuses, and the repair order made from a visit."""

import json
from datetime import datetime, timedelta

import frappe
from frappe import _
from frappe.utils import add_days, cint, get_datetime, getdate, now_datetime

from auto_service.auto_service.doctype.master_schedule_slot.master_schedule_slot import lock_masters
from auto_service.schedule import (
	ACTIVE_STATUSES,
	busy_map,
	intervals_only,
	load_masters,
	settings,
	working_map,
)
from auto_service.scheduling import SlotRequest, find_candidates
from auto_service.shop_hours import to_time

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


def _as_list(value) -> list[str] | None:
	if value in (None, "", []):
		return None
	if isinstance(value, str):
		value = json.loads(value) if value.strip().startswith("[") else [value]
	return list(value)


@frappe.whitelist()
def get_schedule(start: str, days: int = 1, masters: list | str | None = None) -> dict:
	"""Masters, their working intervals and visits for ``days`` days from ``start`` (the page's data)."""
	frappe.has_permission(SLOT, "read", throw=True)
	day_from = getdate(start)
	days = min(max(cint(days), 1), 31)
	day_to = add_days(day_from, days - 1)
	conf = settings()
	master_rows = load_masters(_as_list(masters))
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
	"""The best free times for a visit: preferred master first, then the wanted time of day, then earliest."""
	frappe.has_permission(SLOT, "read", throw=True)
	conf = settings()
	now = now_datetime()
	start = max(get_datetime(earliest), now) if earliest else now
	end = get_datetime(deadline) if deadline else None
	horizon_end = max(start, end or start) + conf.horizon
	master_rows = load_masters()
	working = working_map(master_rows, getdate(start), getdate(horizon_end), conf)
	busy = intervals_only(busy_map([m.name for m in master_rows], start, horizon_end))
	window = (to_time(wanted_from), to_time(wanted_to)) if wanted_from and wanted_to else None
	result = find_candidates(
		working,
		busy,
		{m.name: set(m.skills) for m in master_rows},
		SlotRequest(
			duration=timedelta(minutes=cint(duration_minutes)),
			earliest_start=start,
			deadline=end,
			wanted_window=window,
			preferred_master=master or None,
			required_skill=skill or None,
			step=conf.step,
		),
		n=min(max(cint(n), 1), 20),
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
	start = get_datetime(starts_on)
	end = get_datetime(ends_on) if ends_on else start + timedelta(minutes=cint(duration_minutes) or 60)
	slot = frappe.get_doc(
		{
			"doctype": SLOT,
			"master": master,
			"starts_on": start,
			"ends_on": end,
			"customer": customer,
			"vehicle": vehicle,
			"requested_work": requested_work,
			"required_skill": required_skill,
			"channel": channel,
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
	lock_masters(frappe.db.get_value(SLOT, slot, "master"), master)
	doc = frappe.get_doc(SLOT, slot)
	if doc.status not in ACTIVE_STATUSES:
		frappe.throw(_("Only booked or active visits can be moved."), title=_("Wrong time"))
	doc.starts_on = get_datetime(starts_on)
	doc.ends_on = get_datetime(ends_on)
	if master:
		doc.master = master
	doc.save()
	return {field: doc.get(field) for field in SLOT_FIELDS}


@frappe.whitelist(methods=["POST"])
def set_slot_status(slot: str, status: str) -> str:
	frappe.has_permission(SLOT, "write", slot, throw=True)
	if status not in STATUSES:
		frappe.throw(_("Unknown status {0}.").format(status))
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
	doc = frappe.get_doc(SLOT, slot)
	if vehicle and not doc.vehicle:
		doc.vehicle = vehicle
		doc.save()
	if doc.repair_order and frappe.db.exists(
		"Repair Order", {"name": doc.repair_order, "docstatus": ("<", 2)}
	):
		return doc.repair_order
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
