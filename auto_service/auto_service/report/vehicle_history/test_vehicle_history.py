# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

import random
from datetime import datetime, time, timedelta

import frappe
from frappe.tests.utils import FrappeTestCase

from auto_service.api.schedule import book
from auto_service.auto_service.doctype.repair_order.test_repair_order import (
	PART_A,
	WORK_A,
	setup_catalogue,
)
from auto_service.auto_service.report.vehicle_history.vehicle_history import execute
from auto_service.tests.factories import (
	MASTER_USER,
	make_act,
	make_client,
	make_master,
	make_order,
	make_staff_users,
	unique_phone,
)


def next_weekday_at(hour: int) -> datetime:
	day = datetime.now().date() + timedelta(days=1)
	while day.weekday() >= 5:
		day += timedelta(days=1)
	return datetime.combine(day, time(hour))


class TestVehicleHistory(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		setup_catalogue()
		make_staff_users()
		cls.master = make_master("Историков", "Игорь")
		client = make_client(
			"Историков Илья Ильич",
			mobile_no=unique_phone(),
			vehicle={"license_plate": f"Е{random.randint(100, 999)}КХ99"},
		)
		cls.customer, cls.vehicle = client["customer"], client["vehicle"]
		cls.visit = book(
			cls.master, str(next_weekday_at(10)), cls.customer, duration_minutes=60, vehicle=cls.vehicle
		)
		cls.act = make_act(cls.customer, cls.vehicle, mileage_in=120_000)
		cls.order = make_order(
			cls.customer,
			cls.vehicle,
			works=[{"item_code": WORK_A, "master": cls.master, "hours": 1.5}],
			parts=[{"item_code": PART_A, "qty": 2}],
			acceptance_act=cls.act.name,
			mileage_in=120_000,
		)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def test_one_timeline_of_visits_acts_orders_works_and_parts(self):
		_columns, data, message, _chart, summary = execute({"vehicle": self.vehicle})
		self.assertIsNone(message)
		kinds = {(row["kind"], row["document"]) for row in data}
		self.assertIn(("Visit", self.visit), kinds)
		self.assertIn(("Acceptance Act", self.act.name), kinds)
		self.assertIn(("Repair Order", self.order.name), kinds)
		work = next(r for r in data if r["kind"] == "Work")
		part = next(r for r in data if r["kind"] == "Part")
		self.assertIn(WORK_A, work["description"])
		self.assertIn("Историков", work["master"])
		self.assertIn(PART_A, part["description"])
		# newest first, and an order's works and parts follow the order
		order_at = [r["kind"] for r in data if r["document"] == self.order.name]
		self.assertEqual(order_at[:3], ["Repair Order", "Work", "Part"])
		self.assertEqual(data[0]["kind"], "Visit")  # booked for a day ahead
		self.assertEqual(
			next(s for s in summary if s["datatype"] == "Int" and "Mileage" in s["label"])["value"], 120_000
		)

	def test_statuses_and_kinds_are_russian(self):
		frappe.local.lang = "ru"
		_columns, data, *_ = execute({"vehicle": self.vehicle})
		order_row = next(r for r in data if r["kind"] == "Repair Order")
		visit_row = next(r for r in data if r["kind"] == "Visit")
		self.assertEqual(order_row["entry_type"], "Заказ-наряд")
		self.assertTrue(
			order_row["status"].startswith("В работе")
			or order_row["status"].startswith("Черновик")
			or "Не" in order_row["status"],
			order_row["status"],
		)
		self.assertNotIn("Booked", visit_row["status"])
		self.assertNotIn("Progress", order_row["status"])
		self.assertNotIn("Invoiced", order_row["status"])

	def test_no_total_row_adding_mileage(self):
		report = frappe.get_doc("Report", "Vehicle History")
		self.assertFalse(report.add_total_row)

	def test_empty_filters_say_what_to_choose_instead_of_failing(self):
		columns, data, message = execute({})
		self.assertEqual(data, [])
		self.assertTrue(message)
		self.assertTrue(columns)

	def test_master_sees_the_history_without_money(self):
		# a master sees only their own visits and orders (auto_service.permissions), and never money
		frappe.set_user(MASTER_USER)
		_columns, data, *_rest, summary = execute({"vehicle": self.vehicle})
		self.assertTrue(all("amount" not in row for row in data))
		self.assertFalse(any(s["datatype"] == "Currency" for s in summary))
