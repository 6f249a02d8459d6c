"""Number cards and dashboard charts of the workspace: the same definitions as the reports, rights checked."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, nowdate

from auto_service.api import dashboard
from auto_service.tests import period_scenario as scenario
from auto_service.tests.factories import NO_ROLE_USER, make_client, make_user

test_ignore = ["Customer", "Employee", "Item", "Lead Source", "Repair Order", "Sales Invoice", "User"]


class TestDashboard(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_cards_count_todays_work_and_this_months_money(self):
		with scenario.no_vat_no_shop_holidays():
			scenario.make_work_item(scenario.WORK, scenario.WORK_RATE)
			m = scenario.master("Карточкин")
			before = {
				name: getattr(dashboard, name)()["value"]
				for name in ("cars_in_work", "revenue_this_month", "new_clients_this_month", "visits_today")
			}
			made = make_client(
				"Карточкин Иван Иванович", vehicle={"license_plate": "Р104РР99", "make": "Lada"}
			)
			today = getdate(nowdate())
			order = scenario.order(made["customer"], made["vehicle"], today, m.name, 1.5)
			self.assertEqual(dashboard.cars_in_work()["value"], before["cars_in_work"] + 1)
			scenario.invoice(order, today)
			# 1.5 h x 2000, no VAT; a brand-new client whose first visit is today
			self.assertEqual(dashboard.revenue_this_month()["value"], before["revenue_this_month"] + 3000)
			self.assertEqual(
				dashboard.new_clients_this_month()["value"], before["new_clients_this_month"] + 1
			)
			self.assertEqual(dashboard.ready_for_handover()["fieldtype"], "Int")

	def test_charts_read_the_report_definitions(self):
		revenue = dashboard.chart(chart_name="Shop Revenue by Month")
		self.assertEqual(len(revenue["labels"]), 12)
		self.assertEqual(revenue["labels"][-1], date.today().strftime("%m.%Y"))
		self.assertIn("datasets", dashboard.chart(chart_name="New Clients by Source"))
		self.assertIn("labels", dashboard.chart(chart_name="Master Load This Week"))

	def test_no_rights_no_numbers(self):
		make_user(NO_ROLE_USER)
		frappe.set_user(NO_ROLE_USER)
		for card in (dashboard.revenue_this_month, dashboard.cars_in_work, dashboard.visits_today):
			with self.assertRaises(frappe.PermissionError):
				card()
		with self.assertRaises(frappe.PermissionError):
			dashboard.chart(chart_name="Shop Revenue by Month")
