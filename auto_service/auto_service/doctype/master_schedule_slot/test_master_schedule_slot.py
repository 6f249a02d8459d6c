# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Booking a master's time: every refusal says why and saves nothing; one cell, one booking."""

import random
from datetime import date, datetime, timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, getdate, now_datetime, nowdate

from auto_service.api.schedule import book, book_best, find_slots, get_schedule, make_repair_order, move
from auto_service.exceptions import (
	MasterOffDutyError,
	MasterSkillError,
	SlotInPastError,
	SlotOverlapError,
	SlotTimeError,
)
from auto_service.tests.cleanup import remove_committed
from auto_service.tests.concurrency import run_in_parallel
from auto_service.tests.factories import make_client, make_master, settings

test_ignore = ["Customer", "Customer Vehicle", "Employee", "Item", "Master Skill", "Repair Order"]


def next_weekday(weekday: int, weeks_ahead: int = 1) -> date:
	"""A date of the given weekday (0 = Monday) at least a week ahead: never in the past."""
	today = getdate(nowdate())
	return today + timedelta(days=7 * weeks_ahead - today.weekday() + weekday)


def at(day: date, hour: int, minute: int = 0) -> datetime:
	return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour, minutes=minute)


def ensure_skill(name: str) -> str:
	if not frappe.db.exists("Master Skill", name):
		frappe.get_doc({"doctype": "Master Skill", "skill_name": name}).insert(ignore_permissions=True)
	return name


class ScheduleTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		doc = settings()
		doc.reload()
		doc.set("shop_hours", [])  # the default: Mon-Sat 9-19, lunch 13-14
		doc.slot_step = "30"
		doc.holiday_list = None
		doc.save(ignore_permissions=True)
		suffix = random.randint(1000, 9999)
		cls.master = make_master(f"Расписанов{suffix}", "Пётр")
		cls.other_master = make_master(f"Графиков{suffix}", "Семён")
		client = make_client(
			"Записанов Зиновий", vehicle={"license_plate": f"В{random.randint(100, 999)}ВВ50"}
		)
		cls.customer, cls.vehicle = client["customer"], client["vehicle"]
		cls.monday = next_weekday(0)

	def book_at(self, start: datetime, minutes: int = 60, master: str | None = None, **kwargs) -> str:
		return book(
			master or self.master,
			str(start),
			self.customer,
			duration_minutes=minutes,
			vehicle=self.vehicle,
			**kwargs,
		)


class TestBookingRefusals(ScheduleTestCase):
	def assert_refused(self, exc, start, minutes=60, **kwargs):
		before = frappe.db.count("Master Schedule Slot")
		with self.assertRaises(exc):
			self.book_at(start, minutes, **kwargs)
		self.assertEqual(frappe.db.count("Master Schedule Slot"), before)

	def test_booking_a_free_cell_shows_in_the_schedule(self):
		name = self.book_at(at(self.monday, 10), 90, requested_work="ТО-2")
		data = get_schedule(str(self.monday), 1, [self.master])
		self.assertEqual(data["step_minutes"], 30)
		self.assertEqual([m["name"] for m in data["masters"]], [self.master])
		slot = next(s for s in data["slots"] if s.name == name)
		self.assertEqual(get_datetime(slot.ends_on), at(self.monday, 11, 30))
		self.assertEqual(slot.customer, self.customer)
		self.assertEqual(
			[[get_datetime(s), get_datetime(e)] for s, e in data["working"][self.master]],
			[[at(self.monday, 9), at(self.monday, 13)], [at(self.monday, 14), at(self.monday, 19)]],
		)

	def test_requested_work_reads_back_in_the_schedule_as_it_was_typed(self):
		typed = 'Замена масла & фильтра "срочно" <b>важно</b> 5 < 7'
		tuesday = self.monday + timedelta(days=1)
		name = self.book_at(at(tuesday, 10), 60, requested_work=typed)
		# Frappe stores a value holding markup cleaned (HTML source: «&amp;»); the schedule reads it back
		self.assertIn("&amp;", frappe.db.get_value("Master Schedule Slot", name, "requested_work"))
		slot = next(s for s in get_schedule(str(tuesday), 1, [self.master])["slots"] if s.name == name)
		self.assertEqual(slot.requested_work, typed)
		moved = move(name, str(at(tuesday, 11)), str(at(tuesday, 12)))
		self.assertEqual(moved["requested_work"], typed)

	def test_end_before_start_is_refused(self):
		before = frappe.db.count("Master Schedule Slot")
		with self.assertRaises(SlotTimeError):
			book(self.master, str(at(self.monday, 11)), self.customer, ends_on=str(at(self.monday, 10)))
		self.assertEqual(frappe.db.count("Master Schedule Slot"), before)

	def test_booking_in_the_past_is_refused(self):
		self.assert_refused(SlotInPastError, at(getdate(nowdate()) - timedelta(days=7), 10))

	def test_booking_outside_working_time_is_refused(self):
		self.assert_refused(MasterOffDutyError, at(self.monday, 19, 30))  # after closing
		self.assert_refused(MasterOffDutyError, at(self.monday, 12, 30))  # runs into lunch
		self.assert_refused(MasterOffDutyError, at(next_weekday(6), 10))  # Sunday

	def test_booking_on_the_masters_day_off_is_refused(self):
		holiday_list = frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": f"Отпуск {self.master}",
				"from_date": self.monday - timedelta(days=1),
				"to_date": self.monday + timedelta(days=10),
				"holidays": [{"holiday_date": self.monday + timedelta(days=1), "description": "Отгул"}],
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Employee", self.other_master, "holiday_list", holiday_list.name)
		self.assert_refused(
			MasterOffDutyError, at(self.monday + timedelta(days=1), 10), master=self.other_master
		)
		self.assertTrue(self.book_at(at(self.monday + timedelta(days=2), 10), master=self.other_master))

	def test_overlapping_booking_is_refused_but_touching_is_fine(self):
		first = self.book_at(at(self.monday, 15), 60)
		self.assert_refused(SlotOverlapError, at(self.monday, 15, 30), 60)
		self.assertTrue(self.book_at(at(self.monday, 16), 30))  # starts when the first ends
		self.assertTrue(self.book_at(at(self.monday, 15, 30), 60, master=self.other_master))  # other master
		frappe.get_doc("Master Schedule Slot", first).db_set("status", "Cancelled")
		self.assertTrue(self.book_at(at(self.monday, 15), 60))  # a cancelled visit holds no time

	def test_master_without_the_skill_is_refused(self):
		skill = ensure_skill("Развал-схождение")
		self.assert_refused(MasterSkillError, at(self.monday, 9), required_skill=skill)
		employee = frappe.get_doc("Employee", self.master)
		employee.append("as_skills", {"skill": skill})
		employee.save(ignore_permissions=True)
		self.assertTrue(self.book_at(at(self.monday, 9), required_skill=skill))

	def test_moving_onto_a_taken_time_is_refused_and_the_visit_stays(self):
		self.book_at(at(self.monday + timedelta(days=3), 10), 60)
		other = self.book_at(at(self.monday + timedelta(days=3), 11), 60)
		with self.assertRaises(SlotOverlapError):
			move(
				other,
				str(at(self.monday + timedelta(days=3), 10, 30)),
				str(at(self.monday + timedelta(days=3), 11, 30)),
			)
		# refused in validate: nothing was written
		moved = move(
			other, str(at(self.monday + timedelta(days=3), 14)), str(at(self.monday + timedelta(days=3), 16))
		)
		self.assertEqual(get_datetime(moved["ends_on"]), at(self.monday + timedelta(days=3), 16))

	def test_a_visit_under_way_may_be_stretched_but_a_closed_one_not_moved(self):
		slot = frappe.get_doc(
			"Master Schedule Slot", self.book_at(at(self.monday + timedelta(days=4), 15), 60)
		)
		# the visit began an hour ago (written directly: booking in the past is refused)
		started = now_datetime().replace(second=0, microsecond=0) - timedelta(hours=1)
		slot.db_set({"starts_on": started, "ends_on": started + timedelta(minutes=90), "status": "In Work"})
		frappe.db.set_value("Employee", self.master, "holiday_list", None)
		slot.reload()
		slot.ends_on = started + timedelta(minutes=120)
		try:
			slot.save()  # may fail only if "now" is outside working hours: then the refusal must not be "past"
		except SlotInPastError:
			self.fail("stretching a visit under way must not be refused as in the past")
		except MasterOffDutyError:
			pass
		slot.db_set("status", "Done")
		with self.assertRaises(frappe.ValidationError):
			move(
				slot.name,
				str(at(self.monday + timedelta(days=4), 16)),
				str(at(self.monday + timedelta(days=4), 17)),
			)


class TestAutomaticPlacement(ScheduleTestCase):
	def test_find_slots_puts_the_preferred_master_first_and_honours_the_deadline(self):
		tuesday = self.monday + timedelta(days=1)
		found = find_slots(
			60,
			earliest=str(at(tuesday, 9)),
			deadline=str(at(tuesday, 19)),
			wanted_from="15:00",
			wanted_to="18:00",
			master=self.other_master,
		)
		self.assertTrue(found["meets_deadline"])
		best = found["candidates"][0]
		self.assertEqual(best["master"], self.other_master)
		self.assertEqual(get_datetime(best["starts_on"]), at(tuesday, 15))
		for candidate in found["candidates"]:
			self.assertLessEqual(get_datetime(candidate["ends_on"]), at(tuesday, 19))

	def test_book_best_books_the_first_candidate(self):
		wednesday = self.monday + timedelta(days=2)
		self.book_at(at(wednesday, 9), 60)
		result = book_best(
			self.customer, 60, earliest=str(at(wednesday, 9)), master=self.master, vehicle=self.vehicle
		)
		self.assertEqual(result["master"], self.master)
		self.assertEqual(get_datetime(result["starts_on"]), at(wednesday, 10))
		self.assertEqual(
			frappe.db.get_value("Master Schedule Slot", result["slot"], "customer"), self.customer
		)

	def test_nothing_before_the_deadline_offers_the_nearest_after_it(self):
		thursday = self.monday + timedelta(days=3)
		found = find_slots(600, earliest=str(at(thursday, 9)), deadline=str(at(thursday, 19)))
		self.assertFalse(found["meets_deadline"])  # 10 hours never fit a 9-19 day with lunch


class TestVisitToRepairOrder(ScheduleTestCase):
	def test_one_click_makes_the_repair_order_then_opens_it(self):
		slot = self.book_at(at(self.monday + timedelta(days=4), 10), 60, requested_work="Замена масла")
		order = make_repair_order(slot)
		doc = frappe.get_doc("Repair Order", order)
		self.assertEqual((doc.customer, doc.vehicle, doc.schedule_slot), (self.customer, self.vehicle, slot))
		self.assertEqual(doc.complaint, "Замена масла")
		self.assertEqual(make_repair_order(slot), order)
		self.assertEqual(
			frappe.db.get_value("Master Schedule Slot", slot, ["status", "repair_order"]), ("Arrived", order)
		)


class TestBookingConcurrency(FrappeTestCase):
	"""Twenty simultaneous requests for one cell: exactly one books it."""

	def test_twenty_parallel_bookings_of_one_cell_make_one_slot(self):
		suffix = random.randint(1000, 9999)
		master = make_master(f"Параллельный{suffix}", "Мастер")
		client = make_client("Одновременный Клиент")
		# committed, then removed with the visits booked for them
		self.addCleanup(remove_committed, customers=[client["customer"]], employees=[master])
		frappe.db.commit()  # the other connections must see the master and the client
		start = at(next_weekday(4, weeks_ahead=2), 11)
		outcomes = run_in_parallel(
			lambda: book(master, str(start), client["customer"], duration_minutes=60), times=20
		)
		booked = [value for kind, value in outcomes if kind == "ok"]
		refused = [value for kind, value in outcomes if isinstance(value, SlotOverlapError)]
		other_errors = [repr(value) for kind, value in outcomes if kind == "error" and value not in refused]
		self.assertEqual(other_errors, [])
		self.assertEqual(len(booked), 1)
		self.assertEqual(len(refused), 19)
		self.assertEqual(frappe.db.count("Master Schedule Slot", {"master": master, "starts_on": start}), 1)
