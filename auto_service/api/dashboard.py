"""Number cards and dashboard charts of the «Автосервис» workspace. Each reads the same definitions as the
period reports (``auto_service.metrics`` through ``auto_service.period_data``) and checks the caller's
rights on the documents it counts before reading anything."""

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import add_days, getdate, nowdate

from auto_service import period_data
from auto_service.api.arguments import as_json
from auto_service.i18n import N_
from auto_service.messages import esc
from auto_service.metrics import CANCELLED, Money, add_months, month_start, months_in

IN_PROGRESS, READY = "In Progress", "Ready"


def _company(filters) -> str:
	filters = as_json(filters, N_("Card filters"), dict | list) if filters else {}
	company = filters.get("company") if isinstance(filters, dict) else None
	company = company or frappe.db.get_single_value("Auto Service Settings", "company")
	if not company:
		frappe.throw(_("Choose the company."), exc=period_data.ReportPeriodError)
	frappe.has_permission("Company", "read", company, throw=True)
	return company


def _today() -> date:
	return getdate(nowdate())


# ---------------------------------------------------------------------------------------- number cards


@frappe.whitelist()
def visits_today(filters: str | dict | None = None) -> dict:
	"""Bookings today that are not cancelled."""
	frappe.has_permission("Master Schedule Slot", "read", throw=True)
	company, today = _company(filters), _today()
	rows = period_data.slot_counts(company, today, today)
	return {
		"value": sum(r.count for r in rows if r.status != CANCELLED),
		"fieldtype": "Int",
		"route": ["master-schedule"],
	}


def _orders_in_status(filters, status: str) -> dict:
	frappe.has_permission("Repair Order", "read", throw=True)
	company = _company(filters)
	ro = DocType("Repair Order")
	count = (
		frappe.qb.from_(ro)
		.select(Count(ro.name))
		.where((ro.company == company) & (ro.docstatus == 1) & (ro.status == status))
		.run()[0][0]
	)
	return {
		"value": count,
		"fieldtype": "Int",
		"route": ["List", "Repair Order"],
		"route_options": {"status": status, "company": company},
	}


@frappe.whitelist()
def cars_in_work(filters: str | dict | None = None) -> dict:
	return _orders_in_status(filters, IN_PROGRESS)


@frappe.whitelist()
def ready_for_handover(filters: str | dict | None = None) -> dict:
	return _orders_in_status(filters, READY)


@frappe.whitelist()
def revenue_this_month(filters: str | dict | None = None) -> dict:
	"""Net invoiced revenue of the current month (``metrics`` definition), without VAT."""
	frappe.has_permission("Sales Invoice", "read", throw=True)
	company, today = _company(filters), _today()
	money = Money()
	for amount in period_data.money_by_month(company, month_start(today), today).values():
		money.add(amount)
	return {
		"value": money.revenue,
		"fieldtype": "Currency",
		"route": ["query-report", "Marketing Effectiveness"],
		"route_options": {"company": company, "from_date": month_start(today), "to_date": today},
	}


@frappe.whitelist()
def new_clients_this_month(filters: str | dict | None = None) -> dict:
	frappe.has_permission("Customer", "read", throw=True)
	company, today = _company(filters), _today()
	return {
		"value": sum(period_data.new_clients_by_source(company, month_start(today), today).values()),
		"fieldtype": "Int",
		"route": ["query-report", "Client Summary"],
		"route_options": {"company": company, "from_date": month_start(today), "to_date": today},
	}


# ---------------------------------------------------------------------------------------- charts


def revenue_by_month(filters: str | dict | None = None) -> dict:
	"""Revenue and gross profit of the last 12 months, month by month."""
	frappe.has_permission("Sales Invoice", "read", throw=True)
	company, today = _company(filters), _today()
	start = add_months(month_start(today), -11)
	months = months_in(start, today)
	totals = {m: Money() for m in months}
	for month, money in period_data.money_by_month(company, start, today).items():
		totals[month].add(money)
	return {
		"labels": [m.strftime("%m.%Y") for m in months],
		"datasets": [
			{"name": _("Revenue", context="Period Report"), "values": [totals[m].revenue for m in months]},
			{
				"name": _("Gross Profit", context="Period Report"),
				"values": [totals[m].gross_profit for m in months],
			},
		],
	}


def new_clients_by_source(filters: str | dict | None = None) -> dict:
	"""New clients of the last 12 months per lead source."""
	frappe.has_permission("Customer", "read", throw=True)
	company, today = _company(filters), _today()
	counts: dict[str, int] = {}
	for source, count in period_data.new_clients_by_source(
		company, add_months(month_start(today), -11), today
	).items():
		label = source or _("No source")
		counts[label] = counts.get(label, 0) + count
	labels = sorted(counts, key=lambda s: (-counts[s], s))
	return {"labels": labels, "datasets": [{"name": _("New Clients"), "values": [counts[s] for s in labels]}]}


def master_load_this_week(filters: str | dict | None = None) -> dict:
	"""Load % per master this week (Monday to Sunday), as the Master Performance report counts it."""
	from auto_service.auto_service.report.master_performance.master_performance import collect

	frappe.has_permission("Repair Order", "read", throw=True)
	company, today = _company(filters), _today()
	monday = today - timedelta(days=today.weekday())
	rows = collect(company, monday, add_days(monday, 6), 0, 50.0)
	return {
		"labels": [row["master_name"] for row in rows],
		"datasets": [{"name": _("Load, %"), "values": [row["load"] or 0 for row in rows]}],
	}


CHARTS = {
	"Shop Revenue by Month": revenue_by_month,
	"New Clients by Source": new_clients_by_source,
	"Master Load This Week": master_load_this_week,
}


@frappe.whitelist()
def chart(
	chart_name: str | None = None,
	chart: str | dict | None = None,
	no_cache: int | None = None,
	filters: str | dict | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year: str | None = None,
	refresh: int | None = None,
) -> dict:
	"""Data of one of our dashboard charts (the Dashboard Chart Sources call it with their chart)."""
	if chart_name:
		source = frappe.get_cached_value("Dashboard Chart", chart_name, "source")
		if not source:
			frappe.throw(_("Unknown dashboard chart {0}.").format(esc(chart_name)))
		frappe.get_doc("Dashboard Chart", chart_name).check_permission("read")
	else:
		source = as_json(chart, N_("Chart settings"), dict).get("source")
	if source not in CHARTS:
		frappe.throw(_("Unknown dashboard chart {0}.").format(esc(source or "")))
	return CHARTS[source](filters)
