"""Period reports and workspace cards on scale data (``auto_service.demo.scale``: 50k clients, 300k orders,
24 months), against ERPNext's own "Customer Acquisition and Loyalty" report on the same invoices::

    bench --site SITE execute auto_service.demo.generate --kwargs '{"scale": "scale"}'   # once, minutes
    bench --site SITE execute auto_service.benchmarks.reports.run

Reads only. Server time = the report's ``execute()`` (or the card's method) in this process, warm caches,
median of ``rounds`` runs after one warm-up run.
"""

import signal

import frappe
from frappe.utils import add_days, getdate, nowdate

from auto_service.benchmarks.common import report, timed
from auto_service.metrics import add_months, month_start


def run(
	rounds: int = 3, months: int = 12, warm_up: bool = True, erpnext_limit_s: int = 300, only_cards: int = 0
) -> dict:
	from erpnext.selling.report.customer_acquisition_and_loyalty.customer_acquisition_and_loyalty import (
		execute as acquisition_and_loyalty,
	)

	from auto_service.api import dashboard
	from auto_service.auto_service.report.client_summary.client_summary import execute as client_summary
	from auto_service.auto_service.report.marketing_effectiveness.marketing_effectiveness import (
		execute as marketing,
	)
	from auto_service.auto_service.report.master_performance.master_performance import execute as masters
	from auto_service.auto_service.report.visits_and_bookings.visits_and_bookings import execute as visits

	frappe.set_user("Administrator")
	company = frappe.db.get_single_value("Auto Service Settings", "company")
	today = getdate(nowdate())
	start = add_months(month_start(today), -(months - 1))
	period = {"company": company, "from_date": start, "to_date": today}
	sizes = {
		doctype: frappe.db.count(doctype)
		for doctype in (
			"Customer",
			"Customer Vehicle",
			"Repair Order",
			"Sales Invoice",
			"Master Schedule Slot",
		)
	}
	sizes["masters"] = frappe.db.count("Employee", {"as_is_master": 1})
	cases = {
		"Client Summary (by source)": lambda: client_summary(period),
		"Client Summary (by month)": lambda: client_summary({**period, "view": "By Month"}),
		"Marketing Effectiveness": lambda: marketing(period),
		"Marketing Effectiveness (by month)": lambda: marketing({**period, "group_by_month": 1}),
		"Master Performance": lambda: masters(period),
		"Visits and Bookings (by channel)": lambda: visits(period),
		"Visits and Bookings (heat map)": lambda: visits({**period, "view": "Heat Map"}),
		"ERPNext Customer Acquisition and Loyalty": lambda: acquisition_and_loyalty(
			frappe._dict(
				view_type="Monthly", company=company, from_date=str(start), to_date=str(add_days(today, 0))
			)
		),
	}
	cards = {
		"card: visits today": dashboard.visits_today,
		"card: cars in work": dashboard.cars_in_work,
		"card: ready for hand-over": dashboard.ready_for_handover,
		"card: revenue this month": dashboard.revenue_this_month,
		"card: new clients this month": dashboard.new_clients_this_month,
		"chart: revenue by month": lambda: dashboard.chart(chart_name="Shop Revenue by Month"),
		"chart: new clients by source": lambda: dashboard.chart(chart_name="New Clients by Source"),
		"chart: master load this week": lambda: dashboard.chart(chart_name="Master Load This Week"),
	}
	results: dict = {"data": sizes, "period": f"{start} .. {today}"}
	erpnext = cases.pop("ERPNext Customer Acquisition and Loyalty")
	if only_cards:
		cases = {}
	for name, fn in {**cases, **cards}.items():
		if warm_up:
			fn()
		results[name] = timed(fn, rounds)
		print(f"  {name}: {results[name]}", flush=True)
	if only_cards:
		return report("workspace cards and charts on scale data", results)
	results["ERPNext Customer Acquisition and Loyalty"] = limited(erpnext, erpnext_limit_s)
	ours = results["Client Summary (by source)"]["median_ms"]
	theirs = results["ERPNext Customer Acquisition and Loyalty"].get("median_ms")
	ratio = round(theirs / ours, 2) if theirs and ours else f"> {round(erpnext_limit_s * 1000 / ours, 1)}"
	results["ratio: ERPNext acquisition report / Client Summary"] = ratio
	return report(f"period reports, {months} months on scale data", results)


class Timeout(Exception):
	pass


def limited(fn, seconds: int) -> dict:
	"""One timed run of ``fn``, given up after ``seconds`` (ERPNext's Customer Acquisition and Loyalty keeps
	the customers it has seen in a list, so each invoice scans it: quadratic in clients). The alarm may land
	inside a database read, which leaves the connection unusable: it is opened again."""
	fired = []

	def stop(signum, frame):
		fired.append(True)
		raise Timeout

	previous = signal.signal(signal.SIGALRM, stop)
	signal.alarm(seconds)
	try:
		result = timed(fn, 1)
	except Exception:
		if not fired:
			raise
		result = {"did_not_finish_within_s": seconds}
	finally:
		signal.alarm(0)
		signal.signal(signal.SIGALRM, previous)
	if fired:
		frappe.db.close()
		frappe.db.connect()
	print(f"  ERPNext Customer Acquisition and Loyalty: {result}", flush=True)
	return result
