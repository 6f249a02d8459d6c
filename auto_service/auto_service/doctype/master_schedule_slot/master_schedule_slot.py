# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""A visit in a master's time. Only active statuses (Booked, Confirmed, Arrived, In Work) hold time.

Booking a cell is check-then-act: the master's Employee row is locked first, so that concurrent bookings
for one master run one after another and the overlap check (a locking read) sees every committed slot.
"""

from datetime import timedelta

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_datetime, get_datetime, getdate, now_datetime

from auto_service.clients import ensure_vehicle_of
from auto_service.exceptions import (
	MasterOffDutyError,
	MasterSkillError,
	SlotInPastError,
	SlotOverlapError,
	SlotTimeError,
)
from auto_service.messages import esc, link
from auto_service.schedule import (
	ACTIVE_STATUSES,
	busy_map,
	load_masters,
	max_visit_length,
	settings,
	working_map,
)
from auto_service.scheduling import find_conflicts, is_within_working_time

# a booking made a few minutes "late" (the client is at the desk) is not in the past
PAST_GRACE_MINUTES = 10


def lock_masters(*masters: str) -> None:
	"""Take the masters' Employee rows in a fixed order: every writer of a master's time queues here first
	(before the naming series and before any slot row), so concurrent writers cannot deadlock."""
	for master in sorted({m for m in masters if m}):
		frappe.db.get_value("Employee", master, "name", for_update=True)


class MasterScheduleSlot(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from auto_service.auto_service.doctype.master_schedule_slot_item.master_schedule_slot_item import (
			MasterScheduleSlotItem,
		)

		channel: DF.Literal["", "Phone", "Walk-in", "Website", "Messenger", "Repeat Visit", "Other"]
		customer: DF.Link
		customer_name: DF.Data | None
		duration_minutes: DF.Int
		ends_on: DF.Datetime
		items: DF.Table[MasterScheduleSlotItem]
		master: DF.Link
		master_name: DF.Data | None
		notes: DF.SmallText | None
		repair_order: DF.Link | None
		requested_work: DF.SmallText | None
		required_skill: DF.Link | None
		starts_on: DF.Datetime
		status: DF.Literal["Booked", "Confirmed", "Arrived", "In Work", "Done", "No-show", "Cancelled"]
		vehicle: DF.Link | None
		vehicle_title: DF.Data | None

	# end: auto-generated types
	def before_insert(self) -> None:
		lock_masters(self.master)

	def check_if_latest(self) -> None:
		"""Saving an existing visit locks its row first (frappe's check): the masters go before it, in the
		order every writer of a master's time takes them, so a form save racing a booking cannot deadlock."""
		if not self.is_new():
			lock_masters(frappe.db.get_value(self.doctype, self.name, "master"), self.master)
		super().check_if_latest()

	def validate(self) -> None:
		self.keep_server_fields()
		self.validate_required()
		self.validate_times()
		if self.vehicle:
			ensure_vehicle_of(self.customer, self.vehicle)
		if self.status not in ACTIVE_STATUSES or not self.time_changed():
			return
		master = self.lock_master()
		if self.start_changed():
			# stretching a visit that has already begun is fine; starting one in the past is not
			self.validate_not_in_past()
		self.validate_working_time(master)
		self.validate_no_overlap()
		self.validate_skill(master)

	def on_update(self) -> None:
		frappe.publish_realtime(
			"as_schedule_update", {"slot": self.name, "master": self.master}, after_commit=True
		)

	def on_trash(self) -> None:
		frappe.publish_realtime(
			"as_schedule_update", {"slot": self.name, "master": self.master}, after_commit=True
		)

	def keep_server_fields(self) -> None:
		"""The visit's repair order is linked by the order itself, never by what a client sends."""
		before = self.get_doc_before_save()
		self.repair_order = before.repair_order if before else None

	def validate_required(self) -> None:
		"""Checked before anything reads them (frappe's own mandatory check comes after validate)."""
		missing = [
			_(self.meta.get_label(field))
			for field in ("master", "customer", "starts_on", "ends_on")
			if not self.get(field)
		]
		if missing:
			frappe.throw(
				_("Fill in: {0}.").format(", ".join(missing)), exc=SlotTimeError, title=_("Missing values")
			)

	def validate_times(self) -> None:
		try:
			start, end = get_datetime(self.starts_on), get_datetime(self.ends_on)
		except Exception:
			start = end = None
		if not start or not end or start.tzinfo or end.tzinfo:
			frappe.throw(_("Give the visit's start and end as dates and times."), exc=SlotTimeError)
		if end <= start:
			frappe.throw(_("The visit must end after it starts."), exc=SlotTimeError, title=_("Wrong time"))
		longest = max_visit_length(settings(), load_masters([self.master]))
		if end - start > longest:
			frappe.throw(
				_("A visit cannot be longer than the longest working day ({0} h).").format(
					round(longest.total_seconds() / 3600, 2)
				),
				exc=SlotTimeError,
				title=_("Wrong time"),
			)
		self.duration_minutes = int((end - start).total_seconds() // 60)

	def time_changed(self) -> bool:
		before = self.get_doc_before_save()
		return self.start_changed() or get_datetime(before.ends_on) != get_datetime(self.ends_on)

	def start_changed(self) -> bool:
		"""New, reactivated, moved to another master or to another start (the end alone may change)."""
		before = self.get_doc_before_save()
		return (
			not before
			or before.master != self.master
			or get_datetime(before.starts_on) != get_datetime(self.starts_on)
			or before.status not in ACTIVE_STATUSES
		)

	def lock_master(self) -> dict:
		lock_masters(self.master)
		masters = load_masters([self.master])
		if not masters:
			frappe.throw(
				_("{0} is not an active master.").format(esc(self.master)),
				exc=MasterOffDutyError,
				title=_("Not a master"),
			)
		return masters[0]

	def validate_not_in_past(self) -> None:
		earliest = now_datetime() - timedelta(minutes=PAST_GRACE_MINUTES)
		if get_datetime(self.starts_on) < earliest:
			frappe.throw(
				_("{0} is in the past: choose a later time.").format(format_datetime(self.starts_on)),
				exc=SlotInPastError,
				title=_("Time in the past"),
			)

	def validate_working_time(self, master: dict) -> None:
		start, end = get_datetime(self.starts_on), get_datetime(self.ends_on)
		working = working_map([master], getdate(start), getdate(end))[master.name]
		if not is_within_working_time(start, end, working):
			day_intervals = [f"{s:%H:%M}–{e:%H:%M}" for s, e in working if getdate(s) == getdate(start)]
			frappe.throw(
				_("{0} does not work at {1}–{2} on {3}. Working time that day: {4}.").format(
					esc(master.employee_name),
					f"{start:%H:%M}",
					f"{end:%H:%M}",
					format_datetime(start, "dd.MM.yyyy"),
					", ".join(day_intervals) or _("day off"),
				),
				exc=MasterOffDutyError,
				title=_("Master off duty"),
			)

	def validate_no_overlap(self) -> None:
		start, end = get_datetime(self.starts_on), get_datetime(self.ends_on)
		busy = busy_map([self.master], start, end, exclude=self.name, for_update=True)[self.master]
		conflicts = find_conflicts(start, end, busy)
		if conflicts:
			other_start, other_end, other = conflicts[0]
			frappe.throw(
				_("{0} is already booked {1}–{2} ({3}). Choose another time or master.").format(
					esc(self.master_name or self.master),
					format_datetime(other_start, "dd.MM HH:mm"),
					format_datetime(other_end, "HH:mm"),
					link("Master Schedule Slot", other),
				),
				exc=SlotOverlapError,
				title=_("Time taken"),
			)

	def validate_skill(self, master: dict) -> None:
		if self.required_skill and self.required_skill not in master.skills:
			frappe.throw(
				_("{0} does not have the skill {1}.").format(
					esc(master.employee_name), esc(self.required_skill)
				),
				exc=MasterSkillError,
				title=_("Missing skill"),
			)
