# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from auto_service.schedule import settings as schedule_settings
from auto_service.tests.factories import make_master

test_ignore = ["Company", "Warehouse", "Price List", "Sales Taxes and Charges Template", "Holiday List"]


class TestAutoServiceSettings(FrappeTestCase):
	def test_shop_hours_closing_before_opening_are_refused_and_not_saved(self):
		doc = frappe.get_single("Auto Service Settings")
		before = frappe.get_all(
			"Working Hours Row",
			{"parenttype": "Auto Service Settings"},
			["weekday", "open_time"],
			order_by="idx",
		)
		doc.set("shop_hours", [{"weekday": "Monday", "open_time": "18:00:00", "close_time": "09:00:00"}])
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		after = frappe.get_all(
			"Working Hours Row",
			{"parenttype": "Auto Service Settings"},
			["weekday", "open_time"],
			order_by="idx",
		)
		self.assertEqual(after, before)

	def test_saved_shop_hours_drive_the_schedule(self):
		doc = frappe.get_single("Auto Service Settings")
		doc.set(
			"shop_hours",
			[
				{"weekday": "Monday", "open_time": "08:00:00", "close_time": "17:00:00"},
				{
					"weekday": "Tuesday",
					"open_time": "10:00:00",
					"close_time": "20:00:00",
					"has_break": 1,
					"break_from": "14:00:00",
					"break_to": "14:30:00",
				},
			],
		)
		doc.slot_step = "15"
		doc.save()
		conf = schedule_settings()
		self.assertEqual(conf.step.total_seconds(), 15 * 60)
		self.assertEqual(sorted(conf.shop_hours), [0, 1])
		self.assertEqual(len(conf.shop_hours[1]), 2)

	def test_a_masters_own_hours_with_a_break_outside_them_are_refused(self):
		employee = frappe.get_doc("Employee", make_master("Часов", "Неверных"))
		employee.append(
			"as_working_hours",
			{
				"weekday": "Friday",
				"open_time": "09:00:00",
				"close_time": "15:00:00",
				"has_break": 1,
				"break_from": "16:00:00",
				"break_to": "17:00:00",
			},
		)
		with self.assertRaises(frappe.ValidationError):
			employee.save()
