"""Rows for the period reports, number cards and dashboard charts, loaded the way ``auto_service.metrics``
defines them (one definition for all of them). Read-only: every function here only reads, so the reports
are safe under ``read_from_replica``. A few grouped queries per call, never one per row.
"""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Coalesce, Count, Extract, Min, Sum
from frappe.utils import add_days, date_diff, flt, getdate
from pypika import analytics as an
from pypika.terms import CustomFunction

from auto_service.metrics import ARRIVED_STATUSES, MAX_PERIOD_DAYS, Money, add_months, month_start


class ReportPeriodError(frappe.ValidationError):
	pass


def period(filters: dict | None) -> tuple[str, date, date]:
	"""Company and period from report filters; refuses a missing, reversed or over-long period."""
	filters = frappe._dict(filters or {})
	if not filters.from_date or not filters.to_date:
		frappe.throw(_("Choose the period: from and to dates."), exc=ReportPeriodError)
	start, end = getdate(filters.from_date), getdate(filters.to_date)
	if start > end:
		frappe.throw(_("The period's start must not be after its end."), exc=ReportPeriodError)
	if date_diff(end, start) > MAX_PERIOD_DAYS:
		frappe.throw(
			_("The period is too long: at most {0} days.").format(MAX_PERIOD_DAYS), exc=ReportPeriodError
		)
	company = filters.company or frappe.db.get_single_value("Auto Service Settings", "company")
	if not company:
		frappe.throw(_("Choose the company."), exc=ReportPeriodError)
	return company, start, end


DATEDIFF = CustomFunction("DATEDIFF", ["later", "earlier"])  # days, MariaDB


def is_set(field):
	"""A link is set: neither NULL nor empty (frappe stores both)."""
	return Coalesce(field, "") != ""


def month_key(year, month) -> date:
	return date(int(year), int(month), 1)


# ---------------------------------------------------------------------------------------- visits


def _orders():
	return DocType("Repair Order")


def _slots():
	return DocType("Master Schedule Slot")


def visits_by_month(company: str, start: date, end: date) -> dict[str, set[date]]:
	"""Per client, the months in which they came in the period (an order or an arrived visit)."""
	ro = _orders()
	rows = (
		frappe.qb.from_(ro)
		.select(ro.customer, Extract("year", ro.posting_date), Extract("month", ro.posting_date))
		.where((ro.company == company) & (ro.docstatus < 2) & ro.posting_date[start:end])
		.groupby(ro.customer, Extract("year", ro.posting_date), Extract("month", ro.posting_date))
		.run()
	)
	out: dict[str, set[date]] = defaultdict(set)
	for customer, year, month in rows:
		out[customer].add(month_key(year, month))
	slot, emp = _slots(), DocType("Employee")
	rows = (
		frappe.qb.from_(slot)
		.join(emp)
		.on(emp.name == slot.master)
		.select(slot.customer, Extract("year", slot.starts_on), Extract("month", slot.starts_on))
		.where(
			(emp.company == company)
			& slot.status.isin(ARRIVED_STATUSES)
			& (slot.starts_on >= start)
			& (slot.starts_on < add_days(end, 1))
			& is_set(slot.customer)
		)
		.groupby(slot.customer, Extract("year", slot.starts_on), Extract("month", slot.starts_on))
		.run()
	)
	for customer, year, month in rows:
		out[customer].add(month_key(year, month))
	return out


def first_visit_dates(company: str, customers: list[str] | None = None) -> dict[str, date]:
	"""The first visit of each client (``metrics`` definition): earliest order or arrived visit, ever."""
	ro = _orders()
	query = (
		frappe.qb.from_(ro)
		.select(ro.customer, Min(ro.posting_date))
		.where((ro.company == company) & (ro.docstatus < 2))
		.groupby(ro.customer)
	)
	slot, emp = _slots(), DocType("Employee")
	visits = (
		frappe.qb.from_(slot)
		.join(emp)
		.on(emp.name == slot.master)
		.select(slot.customer, Min(slot.starts_on))
		.where((emp.company == company) & slot.status.isin(ARRIVED_STATUSES) & is_set(slot.customer))
		.groupby(slot.customer)
	)
	if customers is not None:
		if not customers:
			return {}
		query = query.where(ro.customer.isin(customers))
		visits = visits.where(slot.customer.isin(customers))
	first: dict[str, date] = {}
	for customer, day in [*query.run(), *visits.run()]:
		day = getdate(day)
		if customer not in first or day < first[customer]:
			first[customer] = day
	return first


def new_clients_since(company: str, start: date, end: date) -> dict[str, date]:
	"""Clients whose first visit falls in [start, end]: {client: first visit}."""
	came = visits_by_month(company, start, end)
	first = first_visit_dates(company, list(came))
	return {c: d for c, d in first.items() if start <= d <= end}


def lead_sources(customers: list[str]) -> dict[str, str]:
	if not customers:
		return {}
	cust = DocType("Customer")
	rows = frappe.qb.from_(cust).select(cust.name, cust.as_lead_source).where(cust.name.isin(customers)).run()
	return {name: source or "" for name, source in rows}


# ---------------------------------------------------------------------------------------- money


def money_by_client_month(company: str, start: date, end: date) -> dict[tuple[str, date], Money]:
	"""Net invoiced revenue and parts cost (``metrics`` definition) per client and month of the invoice:
	submitted invoices of repair orders posted in the period, their submitted credit notes subtracted."""
	si = DocType("Sales Invoice")
	orig = DocType("Sales Invoice").as_("orig")
	ret = DocType("Sales Invoice").as_("ret")
	sle = DocType("Stock Ledger Entry")
	year, month = Extract("year", si.posting_date), Extract("month", si.posting_date)
	originals = (
		(si.docstatus == 1)
		& (si.is_return == 0)
		& is_set(si.as_repair_order)
		& (si.company == company)
		& si.posting_date[start:end]
	)
	out: dict[tuple[str, date], Money] = defaultdict(Money)
	for customer, y, m, net in (
		frappe.qb.from_(si)
		.select(si.customer, year, month, Sum(si.base_net_total))
		.where(originals)
		.groupby(si.customer, year, month)
		.run()
	):
		out[(customer, month_key(y, m))].revenue += flt(net)
	for customer, y, m, cost in (
		frappe.qb.from_(si)
		.join(sle)
		.on((sle.voucher_no == si.name) & (sle.voucher_type == "Sales Invoice"))
		.select(si.customer, year, month, Sum(sle.stock_value_difference))
		.where(originals & (sle.is_cancelled == 0))
		.groupby(si.customer, year, month)
		.run()
	):
		out[(customer, month_key(y, m))].parts_cost -= flt(cost)
	# credit notes: counted against their invoice (its client and month), whatever their own date
	oyear, omonth = Extract("year", orig.posting_date), Extract("month", orig.posting_date)
	returns = (
		(ret.docstatus == 1)
		& (ret.is_return == 1)
		& (orig.docstatus == 1)
		& is_set(orig.as_repair_order)
		& (orig.company == company)
		& orig.posting_date[start:end]
	)
	for customer, y, m, net in (
		frappe.qb.from_(orig)
		.join(ret)
		.on(ret.return_against == orig.name)
		.select(orig.customer, oyear, omonth, Sum(ret.base_net_total))
		.where(returns)
		.groupby(orig.customer, oyear, omonth)
		.run()
	):
		out[(customer, month_key(y, m))].revenue += flt(net)
	for customer, y, m, cost in (
		frappe.qb.from_(orig)
		.join(ret)
		.on(ret.return_against == orig.name)
		.join(sle)
		.on((sle.voucher_no == ret.name) & (sle.voucher_type == "Sales Invoice"))
		.select(orig.customer, oyear, omonth, Sum(sle.stock_value_difference))
		.where(returns & (sle.is_cancelled == 0))
		.groupby(orig.customer, oyear, omonth)
		.run()
	):
		out[(customer, month_key(y, m))].parts_cost -= flt(cost)
	for money in out.values():
		money.revenue, money.parts_cost = round(money.revenue, 2), round(money.parts_cost, 2)
	return out


def orders_by_client_month(company: str, start: date, end: date) -> dict[tuple[str, date], int]:
	"""Submitted (not cancelled) repair orders per client and month in the period."""
	ro = _orders()
	year, month = Extract("year", ro.posting_date), Extract("month", ro.posting_date)
	rows = (
		frappe.qb.from_(ro)
		.select(ro.customer, year, month, Count(ro.name))
		.where((ro.company == company) & (ro.docstatus == 1) & ro.posting_date[start:end])
		.groupby(ro.customer, year, month)
		.run()
	)
	return {(c, month_key(y, m)): int(n) for c, y, m, n in rows}


def spend_by_source_month(company: str, start: date, end: date) -> dict[tuple[str, date], float]:
	ms = DocType("Marketing Spend")
	rows = (
		frappe.qb.from_(ms)
		.select(ms.lead_source, ms.month, Sum(ms.amount))
		.where((ms.company == company) & ms.month[month_start(start) : end])
		.groupby(ms.lead_source, ms.month)
		.run()
	)
	return {(source, getdate(month)): flt(amount) for source, month, amount in rows}


# ---------------------------------------------------------------------------------------- masters


def masters_of(company: str, extra: set[str] = frozenset()) -> list[dict]:
	"""Active masters of the company (with hours, days off) plus any others named in ``extra``."""
	from auto_service.schedule import load_masters

	names = frappe.get_all("Employee", filters={"company": company, "as_is_master": 1}, pluck="name")
	masters = load_masters(list({*names, *extra})) if names or extra else []
	known = {m.name for m in masters}
	for name in sorted(set(extra) - known):  # left or deactivated: no working time any more
		masters.append(frappe._dict(name=name, employee_name=name, holiday_list=None, own_hours=None))
	return masters


def _order_works(company: str):
	ro, work = _orders(), DocType("Repair Order Work")
	return (
		ro,
		work,
		(
			frappe.qb.from_(ro)
			.join(work)
			.on((work.parent == ro.name) & (work.parenttype == "Repair Order"))
			.where((ro.company == company) & (ro.docstatus == 1) & is_set(work.master))
		),
	)


def master_totals(company: str, start: date, end: date) -> dict[str, dict]:
	"""Per master over submitted orders in the period: orders, norm hours, and the amount of work lines
	on orders whose invoice is posted (the order's payment status follows its invoice)."""
	ro, work, query = _order_works(company)
	rows = (
		query.select(
			work.master,
			Count(ro.name).distinct().as_("orders"),
			Sum(work.hours).as_("hours"),
			Sum(Case().when(ro.payment_status != "Not Invoiced", work.amount).else_(0)).as_("revenue"),
		)
		.where(ro.posting_date[start:end])
		.groupby(work.master)
		.run(as_dict=True)
	)
	return {row.master: row for row in rows}


def master_clients(company: str, start: date, end: date, until: date) -> list[tuple]:
	"""Per master and client served in the period: (master, client, first order date in the period,
	distinct order dates in the period, first order date after the period up to ``until`` or None)."""
	ro, work, query = _order_works(company)
	served = (
		query.select(work.master, ro.customer, Min(ro.posting_date), Count(ro.posting_date).distinct())
		.where(ro.posting_date[start:end])
		.groupby(work.master, ro.customer)
		.run()
	)
	after: dict[tuple[str, str], date] = {}
	if until > end:
		ro, work, query = _order_works(company)
		for master, customer, day in (
			query.select(work.master, ro.customer, Min(ro.posting_date))
			.where((ro.posting_date > end) & (ro.posting_date <= until))
			.groupby(work.master, ro.customer)
			.run()
		):
			after[(master, customer)] = getdate(day)
	return [(m, c, getdate(first), int(n), after.get((m, c))) for m, c, first, n in served]


def master_comebacks(company: str, start: date, end: date, days: int) -> dict[str, int]:
	"""Per master: work lines of orders in the period followed, on the same car and for the same work, by
	another order within ``days`` days (``metrics.comebacks``, counted in SQL with a window function)."""
	ro, work, query = _order_works(company)
	partition = (ro.vehicle, work.item_code)
	lines = (
		query.select(
			work.master.as_("master"),
			ro.posting_date.as_("day"),
			ro.name.as_("order_name"),
			an.Lead(ro.posting_date).over(*partition).orderby(ro.posting_date, ro.name).as_("next_day"),
			an.Lead(ro.name).over(*partition).orderby(ro.posting_date, ro.name).as_("next_order"),
		).where(ro.posting_date[start : add_days(end, days)])
	).as_("lines")
	rows = (
		frappe.qb.from_(lines)
		.select(lines.master, Count("*"))
		.where(
			lines.day[start:end]
			& lines.next_day.isnotnull()
			& (lines.next_order != lines.order_name)
			& (DATEDIFF(lines.next_day, lines.day) <= days)
		)
		.groupby(lines.master)
		.run()
	)
	return {master: int(count) for master, count in rows}


def slot_counts(company: str, start: date, end: date, masters: list[str] | None = None) -> list[dict]:
	"""Bookings in the period grouped by master, status, channel, whether they led to an order."""
	slot, emp = _slots(), DocType("Employee")
	query = (
		frappe.qb.from_(slot)
		.join(emp)
		.on(emp.name == slot.master)
		.select(
			slot.master,
			slot.status,
			slot.channel,
			is_set(slot.repair_order).as_("with_order"),
			Count(slot.name).as_("count"),
		)
		.where((emp.company == company) & (slot.starts_on >= start) & (slot.starts_on < add_days(end, 1)))
		.groupby(slot.master, slot.status, slot.channel, is_set(slot.repair_order))
	)
	if masters:
		query = query.where(slot.master.isin(masters))
	return query.run(as_dict=True)


def last_of_month(day: date) -> date:
	return getdate(add_days(add_months(month_start(day), 1), -1))
