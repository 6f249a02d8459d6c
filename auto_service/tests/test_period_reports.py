"""The period reports on a month worked out by hand (``period_scenario``): every expected figure below is
computed in the comments from the scenario's documents, not read back from the code under test."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from auto_service.auto_service.report.client_summary.client_summary import execute as client_summary
from auto_service.auto_service.report.marketing_effectiveness.marketing_effectiveness import (
	execute as marketing_effectiveness,
)
from auto_service.auto_service.report.master_performance.master_performance import (
	execute as master_performance,
)
from auto_service.auto_service.report.visits_and_bookings.visits_and_bookings import (
	execute as visits_and_bookings,
)
from auto_service.period_data import ReportPeriodError
from auto_service.tests import period_scenario as scenario

test_ignore = ["Customer", "Employee", "Item", "Lead Source", "Repair Order", "Sales Invoice", "User"]


def rows_by(data: list[dict], key: str) -> dict:
	return {row[key]: row for row in data if row.get(key)}


class TestPeriodReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.enterClassContext(scenario.no_vat_no_shop_holidays())  # left before FrappeTestCase's rollback
		cls.s = scenario.build()

	# ------------------------------------------------------------------ Свод по клиентам
	def test_client_new_on_the_first_day_is_new_and_one_from_the_day_before_is_returning(self):
		columns, data, _msg, chart, summary = client_summary(scenario.filters())
		by_source = rows_by(data, "lead_source")
		# SPEND_A: NEW (first visit 1 Sep) and OLD (31 Aug) came in September
		self.assertEqual(
			(by_source[self.s.spend_a]["clients"], by_source[self.s.spend_a]["new_clients"]), (2, 1)
		)
		self.assertEqual(by_source[self.s.spend_a]["returning_clients"], 1)
		# FREE_C: RET, first visit 15 Sep
		self.assertEqual(
			(by_source[self.s.free_c]["clients"], by_source[self.s.free_c]["new_clients"]), (1, 1)
		)
		self.assertNotIn(self.s.spend_b, by_source)  # nobody came from B
		self.assertEqual(chart["barOptions"]["stacked"], 1)
		self.assertEqual(chart["data"]["labels"], ["09.2026"])
		self.assertTrue(summary and columns)

		_c, clients, *_ = client_summary(scenario.filters(view="Clients"))
		kinds = {row["customer"]: (row["first_visit"], row["kind"]) for row in clients}
		self.assertEqual(kinds[self.s.new][0], date(2026, 9, 1))
		self.assertEqual(kinds[self.s.old][0], date(2026, 8, 31))
		self.assertEqual(kinds[self.s.new][1], frappe._("New Client"))
		self.assertEqual(kinds[self.s.old][1], frappe._("Returning Client"))

	def test_the_day_before_makes_a_client_new_in_a_period_that_starts_then(self):
		_c, data, *_ = client_summary(scenario.filters(from_date=date(2026, 8, 31), view="Clients"))
		kinds = {row["customer"]: row["kind"] for row in data}
		self.assertEqual(kinds[self.s.old], frappe._("New Client"))

	# ------------------------------------------------------------------ Эффективность рекламы
	def test_marketing_return_per_source(self):
		_c, data, _m, chart, summary = marketing_effectiveness(scenario.filters())
		rows = rows_by(data, "lead_source")
		a, b, c = rows[self.s.spend_a], rows[self.s.spend_b], rows[self.s.free_c]
		# A: one new client (NEW) with RO1 (7000, part 1800) and RO2 (2000): revenue 9000, GP 7200;
		# spent 10000: -2800, ROI -28 %, 10000 per new client, loses money. OLD is returning: not counted.
		self.assertEqual(
			(a["spend"], a["new_clients"], a["orders"], a["revenue"], a["gross_profit"]),
			(10000, 1, 2, 9000, 7200),
		)
		self.assertEqual((a["profit_after_spend"], a["roi"], a["cost_per_client"]), (-2800, -28.0, 10000))
		self.assertEqual(a["loses_money"], 1)
		# B: spend and nobody: still a row, loses everything
		self.assertEqual(
			(b["spend"], b["new_clients"], b["revenue"], b["roi"], b["cost_per_client"], b["loses_money"]),
			(5000, 0, 0, -100.0, None, 1),
		)
		# C: RET, RO4 8000 minus the credit note 3000 (dated after the period) = 5000; parts 3600 - 1800
		self.assertEqual((c["spend"], c["new_clients"], c["orders"], c["revenue"]), (0, 1, 1, 5000))
		self.assertEqual((c["gross_profit"], c["roi"], c["loses_money"]), (3200, None, 0))
		labels = chart["data"]["labels"]
		self.assertIn(self.s.spend_b, labels)
		self.assertEqual(
			chart["data"]["datasets"][0]["values"][labels.index(self.s.spend_a)], 10000, "spend of A"
		)
		self.assertTrue(summary)

	def test_marketing_return_by_month_puts_clients_in_their_first_month(self):
		_c, data, *_ = marketing_effectiveness(scenario.filters(group_by_month=1))
		a = [row for row in data if row["lead_source"] == self.s.spend_a]
		self.assertEqual(
			[(row["month"], row["new_clients"], row["spend"]) for row in a], [(date(2026, 9, 1), 1, 10000)]
		)

	def test_cancelled_invoice_counts_nowhere_and_old_client_revenue_is_not_new_client_revenue(self):
		# OLD's RO3: the cancelled first invoice (6000) must not double the revenue; OLD is returning so
		# A's revenue is NEW's alone (9000) — the same 9000 with or without the cancelled invoice
		_c, data, *_ = marketing_effectiveness(scenario.filters())
		self.assertEqual(rows_by(data, "lead_source")[self.s.spend_a]["revenue"], 9000)
		from auto_service.period_data import money_by_month

		money = money_by_month(scenario.settings().company, scenario.START, scenario.END, [self.s.old])
		old = money[date(2026, 9, 1)]
		self.assertEqual((old.revenue, old.parts_cost), (6000, 1800))

	# ------------------------------------------------------------------ Анализ мастеров
	def test_master_performance(self):
		_c, data, _m, chart, summary = master_performance(scenario.filters(retention_months=6))
		rows = rows_by(data, "master")
		m1, m2 = rows[self.s.m1.name], rows[self.s.m2.name]
		# M1: RO1 + RO2, client NEW came back (RO2); 2 h + 1 h of 176 h (22 weekdays x 8 h); works
		# invoiced 4000 + 2000; RO2 repeats RO1's work on the same car after 19 days: one comeback;
		# visits 1 and 8 Sep done, 3 Sep no-show
		self.assertEqual((m1["orders"], m1["clients"], m1["returned"], m1["retention"]), (2, 1, 1, 100.0))
		self.assertEqual((m1["hours_billed"], m1["hours_available"], m1["load"]), (3, 176, 1.7))
		self.assertEqual(
			(m1["works_revenue"], m1["comebacks"], m1["visits"], m1["no_shows"]), (6000, 1, 2, 1)
		)
		self.assertEqual(m1["idle"], 1)
		# M2 (holiday from 16 Sep: 11 weekdays, 88 h): RO3 (OLD, who left M1 for M2) and RO4; nobody
		# came back; 1.5 h + 1 h; works 3000 + 2000
		self.assertEqual((m2["orders"], m2["clients"], m2["returned"], m2["retention"]), (2, 2, 0, 0.0))
		self.assertEqual((m2["hours_billed"], m2["hours_available"], m2["load"]), (2.5, 88, 2.8))
		self.assertEqual((m2["works_revenue"], m2["comebacks"]), (5000, 0))
		self.assertIn(self.s.m1.employee_name, chart["data"]["labels"])
		# loads of 1.7 % and 2.8 % against the default idle threshold drawn as a marker line (50 %)
		(load,) = chart["data"]["datasets"]
		self.assertEqual(load["values"][chart["data"]["labels"].index(self.s.m1.employee_name)], 1.7)
		self.assertEqual([m["value"] for m in chart["data"]["yMarkers"]], [50.0])
		self.assertTrue(summary)

	def test_client_who_changed_master_came_back_to_neither(self):
		_c, data, *_ = master_performance(scenario.filters(from_date=date(2026, 8, 1)))
		rows = rows_by(data, "master")
		# August-September: M1 served NEW (came back) and OLD (went to M2: not back to M1)
		self.assertEqual((rows[self.s.m1.name]["clients"], rows[self.s.m1.name]["returned"]), (2, 1))
		self.assertEqual(rows[self.s.m2.name]["returned"], 0)

	def test_idle_threshold_is_a_filter(self):
		_c, data, *_ = master_performance(scenario.filters(idle_threshold=1))
		rows = rows_by(data, "master")
		self.assertEqual((rows[self.s.m1.name]["idle"], rows[self.s.m2.name]["idle"]), (0, 0))

	# ------------------------------------------------------------------ Обращения и визиты
	def test_visits_by_channel_and_status(self):
		_c, data, _m, chart, summary = visits_and_bookings(scenario.filters(master=self.s.m1.name))
		channels = rows_by(data, "channel")
		phone, web = channels[frappe._("Phone")], channels[frappe._("Website")]
		# Phone: 1 Sep done (with RO1), 4 Sep cancelled, 8 Sep done -> 3 bookings, 2 live, 1 with order
		self.assertEqual(
			(phone["bookings"], phone["cancelled"], phone["arrived"], phone["with_order"]), (3, 1, 2, 1)
		)
		self.assertEqual((phone["conversion"], phone["no_show_rate"]), (50.0, 0.0))
		self.assertEqual((web["bookings"], web["no_shows"], web["no_show_rate"]), (1, 1, 100.0))
		values = {row["label"]: row["value"] for row in summary}
		# 4 bookings, 2 arrived, 1 no-show of 3 due, 1 order of 3 live bookings
		self.assertEqual(values[frappe._("Bookings", context="Period Report")], 4)
		self.assertEqual(values[frappe._("No-show Rate, %")], 33.3)
		self.assertEqual(values[frappe._("Booking to Order, %")], 33.3)
		self.assertEqual(chart["type"], "bar")

		_c, statuses, _m, chart, _s = visits_and_bookings(
			scenario.filters(master=self.s.m1.name, view="By Status")
		)
		counts = {row["status"]: row["count"] for row in statuses}
		self.assertEqual((counts["Done"], counts["No-show"], counts["Cancelled"]), (2, 1, 1))
		self.assertEqual(chart["type"], "donut")

	def test_heat_map_counts_live_bookings_by_weekday_and_hour(self):
		_c, data, *_ = visits_and_bookings(scenario.filters(master=self.s.m1.name, view="Heat Map"))
		by_day = {row["weekday"]: row for row in data}
		# 1 and 8 Sep are Tuesdays at 10:00; 3 Sep a Thursday at 11:00; 4 Sep (Friday) was cancelled
		self.assertEqual(by_day[frappe._("Tuesday")]["h10"], 2)
		self.assertEqual(by_day[frappe._("Thursday")]["h11"], 1)
		self.assertEqual(by_day[frappe._("Friday")]["h12"], 0)

	# ------------------------------------------------------------------ filters
	def test_bad_periods_are_refused(self):
		for bad in (
			{"from_date": None},
			{"from_date": date(2026, 10, 1)},  # after the end
			{"from_date": date(2020, 1, 1)},  # too long
		):
			with self.assertRaises(ReportPeriodError):
				client_summary(scenario.filters(**bad))
