"""Rows for the period reports, number cards and dashboard charts, loaded the way ``auto_service.metrics``
defines them (one definition for all of them). Read-only: every function here only reads, so the reports
are safe under ``read_from_replica``. A few grouped queries per call, never one per row.
"""

from datetime import date

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Sum
from frappe.utils import add_days, date_diff, flt, getdate

from auto_service import facts
from auto_service.metrics import MAX_PERIOD_DAYS, Money, add_months, month_start


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


# ---------------------------------------------------------------------------------------- clients
# Clients, first visits and money come from the stored facts (DocType Client Activity, one row per client,
# company and day, kept by ``auto_service.facts``): a period is one range of that table, grouped in
# SQL, so a year of 300k orders is read as ~150k narrow rows and a few grouped numbers come back.

ACTIVITY = "tabClient Activity"
MASTER_FACTS = "tabMaster Activity"
_FIRST_DAY = "ifnull(previous_day, '1000-01-01') < %(start)s"
_SOURCE = "ifnull(lead_source, '')"
# a client is counted once in a range: on the first day they came in it (their previous visit is before it)
_FIRST_IN = "ifnull(previous_visit, '1000-01-01') < {0}"


def _facts(query: str, company: str, start: date, end: date, **values) -> list:
	facts.flush()  # this transaction's own changes first
	return frappe.db.sql(query, {"company": company, "start": start, "end": end, **values}, as_dict=True)


def _grouped(query: str, keys: str | dict[str, str], company: str, start: date, end: date, **values):
	"""``query`` grouped by text columns: ``keys`` maps each output name to its expression (a single
	expression is output as ``key``); the query's ``{keys}`` selects them and ``{group}`` groups on them.

	MariaDB groups text in a temporary table keyed by up to 140 four-byte characters a column; grouping on
	the CRC32 of the texts (one integer) halves a year's scan. Two different keys with one CRC32 would fall
	into one group, so each group also brings its largest keys: if one differs from the smallest, the query
	runs again grouped on the texts themselves."""
	keys = {"key": keys} if isinstance(keys, str) else keys
	fast = ", ".join(f"min({expr}) as `{name}`, max({expr}) as `{name}_check`" for name, expr in keys.items())
	crc = f"crc32(concat_ws(char(0), {', '.join(keys.values())}))"
	rows = _facts(query.format(keys=fast, group=crc), company, start, end, **values)
	if any(row[name] != row[f"{name}_check"] for row in rows for name in keys):
		exact = ", ".join(f"{expr} as `{name}`" for name, expr in keys.items())
		rows = _facts(query.format(keys=exact, group=", ".join(keys.values())), company, start, end, **values)
	return rows


def client_counts(company: str, start: date, end: date) -> list[dict]:
	"""One pass over the period, per lead source (``key``) and month: clients who came (counted once in the
	period: ``in_period``; once in each month: ``in_month``) and new clients (their first visit is that day)."""
	return _grouped(
		f"""select {{keys}}, month,
			sum({_FIRST_IN.format("%(start)s")}) as in_period,
			sum({_FIRST_IN.format("greatest(month, %(start)s)")}) as in_month,
			sum(day = first_visit) as new_clients
		from `{ACTIVITY}`
		where company = %(company)s and day between %(start)s and %(end)s and came = 1
		group by {{group}}, month""",
		_SOURCE,
		company,
		start,
		end,
	)


def client_list(company: str, start: date, end: date) -> list[dict]:
	"""One row per client who came in the period: name, lead source, first visit, months with visits."""
	return _facts(
		f"""select a.customer, cust.customer_name, a.lead_source, a.first_visit, a.months
		from (
			select customer, max(lead_source) as lead_source, min(first_visit) as first_visit,
				count(distinct month) as months
			from `{ACTIVITY}`
			where company = %(company)s and day between %(start)s and %(end)s and came = 1
			group by customer
		) a join `tabCustomer` cust on cust.name = a.customer""",
		company,
		start,
		end,
	)


def new_client_money(company: str, start: date, end: date, by_month: bool = False) -> list[dict]:
	"""Per lead source (``key``; and month of the first visit): the clients new in the period, and their
	submitted orders, net revenue and parts cost in the period."""
	month = ", date_format(first_visit, '%%Y-%%m-01')" if by_month else ""
	return _grouped(
		f"""select {{keys}}{month and month + " as month"},
			sum(came = 1 and day = first_visit) as new_clients, sum(orders) as orders,
			sum(revenue) as revenue, sum(parts_cost) as parts_cost
		from `{ACTIVITY}`
		where company = %(company)s and day between %(start)s and %(end)s
			and first_visit between %(start)s and %(end)s
		group by {{group}}{month}""",
		_SOURCE,
		company,
		start,
		end,
	)


def new_clients_by_source(company: str, start: date, end: date) -> dict[str, int]:
	"""How many clients had their first visit in the period, per lead source ('' for none)."""
	rows = _grouped(
		f"""select {{keys}}, count(*) as clients
		from `{ACTIVITY}`
		where company = %(company)s and day between %(start)s and %(end)s and came = 1 and day = first_visit
		group by {{group}}""",
		_SOURCE,
		company,
		start,
		end,
	)
	return {row.key: int(row.clients) for row in rows}


def money_by_month(company: str, start: date, end: date, customers: list[str] | None = None) -> dict:
	"""Net revenue and parts cost per month of the invoice (``metrics`` definition), optionally of some
	clients only: {month: Money}."""
	only = "and customer in %(customers)s" if customers else ""
	rows = _facts(
		f"""select month, sum(revenue) as revenue, sum(parts_cost) as parts_cost
		from `{ACTIVITY}`
		where company = %(company)s and day between %(start)s and %(end)s {only}
		group by month""",
		company,
		start,
		end,
		customers=tuple(customers or ()),
	)
	return {getdate(r.month): Money(revenue=flt(r.revenue, 2), parts_cost=flt(r.parts_cost, 2)) for r in rows}


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


def master_facts(company: str, start: date, end: date, months: int) -> dict[str, dict]:
	"""Per master over submitted orders in the period (Master Activity): orders, norm hours, works on
	invoiced orders, comebacks; clients served (each once: on their first day with the master in the period)
	and, of them, those who came back to the master (``metrics.came_back``: their next order with the master
	falls in the period or within ``months`` months of their first order with the master in the period)."""
	rows = _grouped(
		f"""select {{keys}}, sum(orders) as orders, sum(hours) as hours, sum(works_invoiced) as revenue,
			sum(comebacks) as comebacks,
			sum({_FIRST_DAY}) as clients,
			sum(
				{_FIRST_DAY}
				and ifnull(next_day <= greatest(%(end)s, date_add(day, interval %(months)s month)), 0)
			) as returned
		from `{MASTER_FACTS}`
		where company = %(company)s and day between %(start)s and %(end)s
		group by {{group}}""",
		"master",
		company,
		start,
		end,
		months=int(months),
	)
	return {row.key: row for row in rows}


def company_employees(company: str, only: list[str] | None = None) -> list[str]:
	"""The company's employees, or those of ``only`` who are the company's: the bookings queries take them as
	a list (joined to Employee, MariaDB reads every booking of each master instead of the period's range)."""
	employees = frappe.get_all("Employee", filters={"company": company}, pluck="name", order_by="name")
	if only:
		own = set(employees)
		return [name for name in only if name in own]
	return employees


def slot_counts(company: str, start: date, end: date, masters: list[str] | None = None) -> list[dict]:
	"""Bookings in the period grouped by master, status, channel, whether they led to an order."""
	masters = company_employees(company, masters)
	if not masters:
		return []
	return _grouped(
		"""select {keys}, ifnull(repair_order, '') != '' as with_order, count(*) as count
		from `tabMaster Schedule Slot` force index (as_period_slots)
		where master in %(masters)s and starts_on >= %(start)s and starts_on < %(after)s
		group by {group}, ifnull(repair_order, '') != ''""",
		{"master": "master", "status": "status", "channel": "ifnull(channel, '')"},
		company,
		start,
		end,
		masters=tuple(masters),
		after=add_days(end, 1),
	)


def last_of_month(day: date) -> date:
	return getdate(add_days(add_months(month_start(day), 1), -1))
