# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Свод по клиентам: clients who came in the period, new and returning (``auto_service.metrics``), by lead
source, by month or one row per client."""

from collections import Counter, defaultdict
from datetime import date

import frappe
from frappe import _

from auto_service import period_data
from auto_service.metrics import NO_SOURCE, months_in, share

BY_SOURCE, BY_MONTH, BY_CLIENT = "By Lead Source", "By Month", "Clients"


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	company, start, end = period_data.period(filters)
	came = period_data.visits_by_month(company, start, end)
	first = period_data.first_visit_dates(company, list(came))
	sources = period_data.lead_sources(list(came))
	new = {c for c in came if start <= first.get(c, start) <= end}

	view = filters.view or BY_SOURCE
	if view == BY_MONTH:
		columns, data = by_month(came, first, start, end)
	elif view == BY_CLIENT:
		columns, data = by_client(came, first, sources, new)
	else:
		columns, data = by_source(came, sources, new)
	return columns, data, None, chart(came, first, start, end), summary(came, new)


def by_source(came, sources, new):
	clients, fresh = Counter(), Counter()
	for client in came:
		source = sources.get(client, NO_SOURCE)
		clients[source] += 1
		fresh[source] += client in new
	total = len(came)
	data = [
		{
			"lead_source": source or None,
			"source_label": source or _("No source"),
			"clients": clients[source],
			"new_clients": fresh[source],
			"returning_clients": clients[source] - fresh[source],
			"share": share(clients[source], total),
			"new_share": share(fresh[source], len(new)),
		}
		for source in sorted(clients, key=lambda s: (-clients[s], s))
	]
	columns = [
		{
			"fieldname": "lead_source",
			"label": _("Lead Source"),
			"fieldtype": "Link",
			"options": "Lead Source",
			"width": 180,
		},
		{"fieldname": "source_label", "label": _("Channel"), "fieldtype": "Data", "hidden": 1},
		*_count_columns(),
		{"fieldname": "share", "label": _("Share of Clients, %"), "fieldtype": "Percent", "width": 140},
		{
			"fieldname": "new_share",
			"label": _("Share of New Clients, %"),
			"fieldtype": "Percent",
			"width": 160,
		},
	]
	return columns, data


def by_month(came, first, start, end):
	rows = {m: Counter() for m in months_in(start, end)}
	for client, months in came.items():
		for month in months:
			rows[month]["clients"] += 1
			is_new = first.get(client) and period_data.month_start(first[client]) == month
			rows[month]["new_clients" if is_new else "returning_clients"] += 1
	data = [
		{"month": month, **{k: counts[k] for k in ("clients", "new_clients", "returning_clients")}}
		for month, counts in rows.items()
	]
	columns = [
		{
			"fieldname": "month",
			"label": _("Month", context="Period Report"),
			"fieldtype": "Date",
			"width": 120,
		},
		*_count_columns(),
	]
	return columns, data


def by_client(came, first, sources, new):
	names = (
		dict(
			frappe.get_all(
				"Customer",
				filters={"name": ("in", list(came))},
				fields=["name", "customer_name"],
				as_list=True,
			)
		)
		if came
		else {}
	)
	data = [
		{
			"customer": client,
			"customer_name": names.get(client),
			"lead_source": sources.get(client) or None,
			"first_visit": first.get(client),
			"kind": _("New Client") if client in new else _("Returning Client"),
			"months": len(came[client]),
		}
		for client in sorted(came, key=lambda c: (first.get(c) or date.max, c))
	]
	columns = [
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 140,
		},
		{"fieldname": "customer_name", "label": _("Full Name"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "lead_source",
			"label": _("Lead Source"),
			"fieldtype": "Link",
			"options": "Lead Source",
			"width": 160,
		},
		{"fieldname": "first_visit", "label": _("First Visit"), "fieldtype": "Date", "width": 120},
		{"fieldname": "kind", "label": _("New or Returning"), "fieldtype": "Data", "width": 140},
		{"fieldname": "months", "label": _("Months with Visits"), "fieldtype": "Int", "width": 140},
	]
	return columns, data


def _count_columns():
	return [
		{
			"fieldname": "clients",
			"label": _("Clients", context="Period Report"),
			"fieldtype": "Int",
			"width": 110,
		},
		{"fieldname": "new_clients", "label": _("New Clients"), "fieldtype": "Int", "width": 120},
		{"fieldname": "returning_clients", "label": _("Returning Clients"), "fieldtype": "Int", "width": 150},
	]


def chart(came, first, start, end):
	months = months_in(start, end)
	new, returning = defaultdict(int), defaultdict(int)
	for client, visited in came.items():
		for month in visited:
			if first.get(client) and period_data.month_start(first[client]) == month:
				new[month] += 1
			else:
				returning[month] += 1
	return {
		"data": {
			"labels": [m.strftime("%m.%Y") for m in months],
			"datasets": [
				{"name": _("New Clients"), "values": [new[m] for m in months]},
				{"name": _("Returning Clients"), "values": [returning[m] for m in months]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#2490ef", "#98d85b"],
	}


def summary(came, new):
	return [
		{
			"value": len(came),
			"label": _("Clients", context="Period Report"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{"value": len(new), "label": _("New Clients"), "datatype": "Int", "indicator": "Green"},
		{
			"value": len(came) - len(new),
			"label": _("Returning Clients"),
			"datatype": "Int",
			"indicator": "Grey",
		},
		{
			"value": share(len(new), len(came)),
			"label": _("Share of New Clients, %"),
			"datatype": "Percent",
			"indicator": "Green",
		},
	]
