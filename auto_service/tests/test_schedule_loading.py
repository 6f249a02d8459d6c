"""The schedule's fast loading gives the answers of the slow one: «Найти время» searching the first days
first finds what a search over the whole range finds, and the week view's packed read of the visits returns
exactly the rows frappe.get_list returns, for a master limited to their own work too."""

import random
from datetime import datetime, time, timedelta
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from auto_service.api.schedule import SLOT, SLOT_FIELDS, _find, search, visible_slots
from auto_service.benchmarks.common import bulk_rows
from auto_service.schedule import load_masters, settings
from auto_service.scheduling import SlotRequest
from auto_service.tests.factories import (
	MASTER_USER,
	make_client,
	make_master,
	make_master_of_user,
	make_staff_users,
)

DAYS = 21


class TestScheduleLoading(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff_users()
		rng = random.Random(20261129)
		suffix = rng.randint(1000, 9999)
		cls.masters = [make_master(f"Загрузов{suffix}", name) for name in ("Антон", "Борис", "Вадим")]
		cls.me = make_master_of_user(MASTER_USER, "Свой", f"Загрузов{suffix}")
		cls.customer = make_client("Загрузкин Клиент")["customer"]
		cls.first_day = add_days(getdate(nowdate()), 1)
		rows, number = [], 0
		for master in [*cls.masters, cls.me]:
			for day in range(DAYS):
				at = datetime.combine(add_days(cls.first_day, day), time(9))
				while at < datetime.combine(add_days(cls.first_day, day), time(19)):
					at += timedelta(minutes=rng.choice((0, 30, 30, 60, 90)))
					length = timedelta(minutes=rng.choice((30, 60, 60, 120)))
					if rng.random() < 0.7:
						number += 1
						rows.append(
							{
								"name": f"LOAD{suffix}-{number:05d}",
								"master": master,
								"starts_on": at,
								"ends_on": at + length,
								"duration_minutes": int(length.total_seconds() // 60),
								"status": rng.choice(("Booked", "Booked", "Confirmed", "Cancelled")),
								"customer": cls.customer,
								"customer_name": "Загрузкин Клиент",
								"vehicle_title": rng.choice((None, "", "Kia Rio А123ВС77")),
								"requested_work": rng.choice(
									(None, "", "Замена масла & фильтра", 'ТО "большое" <b>срочно</b>')
								),
							}
						)
					at += length
		bulk_rows(SLOT, rows)
		cls.rows = rows

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_searching_the_first_days_first_finds_what_the_whole_range_finds(self):
		rng = random.Random(7)
		conf = settings()
		masters = load_masters()
		start = datetime.combine(self.first_day, time(0))
		loads = []
		for i in range(150):
			earliest = start + timedelta(days=rng.randint(0, DAYS - 3), hours=rng.randint(7, 18))
			deadline = rng.choice((None, earliest + timedelta(hours=rng.randint(1, 24 * 12))))
			window = rng.choice((None, (time(9), time(12)), (time(16), time(19))))
			request = SlotRequest(
				duration=timedelta(minutes=rng.choice((30, 60, 90, 180))),
				earliest_start=earliest,
				deadline=deadline,
				wanted_window=window,
				preferred_master=rng.choice((None, *self.masters, self.me)),
				step=conf.step,
			)
			n = rng.randint(1, 6)
			with patch("auto_service.api.schedule._find", wraps=_find) as spy:
				fast = search(masters, conf, request, n)
			loads.append(spy.call_count)
			whole = _find(
				masters, conf, request, n, max(earliest, deadline or earliest) + conf.horizon, conf.horizon
			)
			self.assertEqual(fast.candidates, whole.candidates, f"request {i}: {request}")
			self.assertEqual(fast.meets_deadline, whole.meets_deadline, f"request {i}: {request}")
		# both ways were taken: answered from the first days, and the whole range read after them
		self.assertGreater(loads.count(1), 30)
		self.assertGreater(loads.count(2), 3)

	def week(self) -> tuple[list[str], datetime, datetime]:
		start = datetime.combine(add_days(self.first_day, 3), time(0))
		return [*self.masters, self.me], start, start + timedelta(days=7)

	def plain(self, masters: list[str], start: datetime, end: datetime) -> list[dict]:
		return frappe.get_list(
			SLOT,
			filters={"master": ("in", masters), "starts_on": ("<", end), "ends_on": (">", start)},
			fields=list(SLOT_FIELDS),
			order_by="starts_on asc, name asc",
			limit_page_length=0,
		)

	def assert_same_rows(self, packed: list[dict], plain: list[dict]) -> None:
		key = lambda row: (row["starts_on"], row["name"])  # noqa: E731 - the order of equal starts is free
		self.assertEqual(sorted(map(dict, packed), key=key), sorted(map(dict, plain), key=key))
		self.assertEqual([r["starts_on"] for r in packed], sorted(r["starts_on"] for r in packed))

	def test_the_packed_week_is_what_get_list_returns(self):
		masters, start, end = self.week()
		packed = visible_slots(masters, start, end)
		self.assertGreater(len(packed), 100)
		self.assert_same_rows(packed, self.plain(masters, start, end))
		typed = [r["requested_work"] for r in packed]
		self.assertIn(None, typed)
		self.assertIn("", typed)
		self.assertIn("Замена масла & фильтра", typed)

	def test_a_master_reads_only_their_own_visits_in_the_week(self):
		masters, start, end = self.week()
		frappe.set_user(MASTER_USER)
		packed = visible_slots(masters, start, end)
		self.assertTrue(packed)
		self.assertEqual({row["master"] for row in packed}, {self.me})
		self.assert_same_rows(packed, self.plain(masters, start, end))

	def test_a_value_holding_the_separators_falls_back_to_get_list(self):
		masters, start, end = self.week()
		inside = frappe.get_all(
			SLOT,
			filters={"master": self.masters[0], "starts_on": (">=", start), "ends_on": ("<=", end)},
			pluck="name",
			limit=1,
		)[0]
		hostile = "a\x1fb\x1ec."
		frappe.db.set_value(SLOT, inside, "requested_work", hostile, update_modified=False)
		packed = visible_slots(masters, start, end)
		self.assertIn(hostile, [row["requested_work"] for row in packed])
		self.assert_same_rows(packed, self.plain(masters, start, end))
