# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Свод по клиентам: clients who came in the period, new and returning (``auto_service.metrics``), by lead
source, by month or one row per client."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate

from auto_service import period_data
from auto_service.metrics import months_in, share

BY_SOURCE, BY_MONTH, BY_CLIENT = "By Lead Source", "By Month", "Clients"


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	company, start, end = period_data.period(filters)
	sources, months = fold(period_data.client_counts(company, start, end))

	view = filters.view or BY_SOURCE
	if view == BY_MONTH:
		columns, data = by_month(months, start, end)
	elif view == BY_CLIENT:
		columns, data = by_client(period_data.client_list(company, start, end), start, end)
	else:
		columns, data = by_source(sources)
	return columns, data, None, chart(months, start, end), summary(sources)


def fold(counts: list[dict]) -> tuple[dict, dict]:
	"""Per-source-and-month counts folded per source (a client once in the period) and per month (a client
	once in each month)."""
	sources: dict = {}
	months: dict = {}
	for row in counts:
		source = sources.setdefault(row.key, frappe._dict(clients=0, new_clients=0))
		source.clients += int(row.in_period)
		source.new_clients += int(row.new_clients)
		month = months.setdefault(getdate(row.month), frappe._dict(clients=0, new_clients=0))
		month.clients += int(row.in_month)
		month.new_clients += int(row.new_clients)
	sources = {key: row for key, row in sources.items() if row.clients}
	return sources, months


def by_source(sources: dict):
	total = sum(row.clients for row in sources.values())
	total_new = sum(row.new_clients for row in sources.values())
	data = [
		{
			"lead_source": source or None,
			"source_label": source or _("No source"),
			"clients": row.clients,
			"new_clients": row.new_clients,
			"returning_clients": row.clients - row.new_clients,
			"share": share(row.clients, total),
			"new_share": share(row.new_clients, total_new),
		}
		for source, row in sorted(sources.items(), key=lambda item: (-item[1].clients, item[0]))
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


def by_month(months: dict, start, end):
	data = []
	for month in months_in(start, end):
		row = months.get(month) or frappe._dict(clients=0, new_clients=0)
		data.append(
			{
				"month": month,
				"clients": row.clients,
				"new_clients": row.new_clients,
				"returning_clients": row.clients - row.new_clients,
			}
		)
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


def by_client(clients: list[dict], start, end):
	data = [
		{
			"customer": row.customer,
			"customer_name": row.customer_name,
			"lead_source": row.lead_source or None,
			"first_visit": row.first_visit,
			"kind": _("New Client")
			if row.first_visit and start <= row.first_visit <= end
			else _("Returning Client"),
			"months": row.months,
		}
		for row in sorted(clients, key=lambda r: (r.first_visit or date.max, r.customer))
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


def chart(months: dict, start, end):
	rows = by_month(months, start, end)[1]
	return {
		"data": {
			"labels": [row["month"].strftime("%m.%Y") for row in rows],
			"datasets": [
				{"name": _("New Clients"), "values": [row["new_clients"] for row in rows]},
				{"name": _("Returning Clients"), "values": [row["returning_clients"] for row in rows]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#2490ef", "#98d85b"],
	}


def summary(sources: dict):
	clients = sum(row.clients for row in sources.values())
	new = sum(row.new_clients for row in sources.values())
	return [
		{
			"value": clients,
			"label": _("Clients", context="Period Report"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{"value": new, "label": _("New Clients"), "datatype": "Int", "indicator": "Green"},
		{"value": clients - new, "label": _("Returning Clients"), "datatype": "Int", "indicator": "Grey"},
		{
			"value": share(new, clients),
			"label": _("Share of New Clients, %"),
			"datatype": "Percent",
			"indicator": "Green",
		},
	]
