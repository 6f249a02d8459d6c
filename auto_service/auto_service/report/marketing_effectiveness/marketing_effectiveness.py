# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Эффективность рекламы: per lead source (and month of acquisition) — spend, the new clients the source
brought in the period, their repair orders, revenue and gross profit in the period, profit after spend, ROI
and the cost of one new client. Definitions in ``auto_service.metrics``; labour cost is not modelled."""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.utils import flt, getdate

from auto_service import period_data
from auto_service.metrics import NO_SOURCE, Money, cost_per_client, loses_money, roi_percent


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	company, start, end = period_data.period(filters)
	by_month = bool(frappe.utils.cint(filters.group_by_month))
	rows = collect(company, start, end, by_month)
	data = [row_of(key, values) for key, values in sorted(rows.items(), key=sort_key)]
	return columns(by_month), data, None, chart(data), summary(data)


def collect(company, start, end, by_month: bool) -> dict:
	rows: dict = defaultdict(lambda: {"spend": 0.0, "new_clients": 0, "orders": 0, "money": Money()})
	for fact in period_data.new_client_money(company, start, end, by_month):
		row = rows[(fact.key or NO_SOURCE, getdate(fact.month) if by_month else None)]
		row["new_clients"] += fact.new_clients
		row["orders"] += int(fact.orders or 0)
		row["money"].add(Money(revenue=flt(fact.revenue, 2), parts_cost=flt(fact.parts_cost, 2)))
	for (source, month), amount in period_data.spend_by_source_month(company, start, end).items():
		rows[(source, month if by_month else None)]["spend"] += amount
	return rows


def sort_key(item):
	(source, month), _values = item
	return (month or date.min, source)


def row_of(key, values) -> dict:
	source, month = key
	money, spend = values["money"], round(values["spend"], 2)
	return {
		"lead_source": source or None,
		"source_label": source or _("No source"),
		"month": month,
		"spend": spend,
		"new_clients": values["new_clients"],
		"orders": values["orders"],
		"revenue": money.revenue,
		"gross_profit": money.gross_profit,
		"profit_after_spend": round(money.gross_profit - spend, 2),
		"roi": roi_percent(money.gross_profit, spend),
		"cost_per_client": cost_per_client(spend, values["new_clients"]),
		"loses_money": int(loses_money(money.gross_profit, spend)),
	}


def columns(by_month: bool) -> list[dict]:
	cols = [
		{
			"fieldname": "lead_source",
			"label": _("Lead Source"),
			"fieldtype": "Link",
			"options": "Lead Source",
			"width": 170,
		},
	]
	if by_month:
		cols.append(
			{
				"fieldname": "month",
				"label": _("Month", context="Period Report"),
				"fieldtype": "Date",
				"width": 110,
			}
		)
	return [
		*cols,
		{
			"fieldname": "spend",
			"label": _("Spend", context="Period Report"),
			"fieldtype": "Currency",
			"width": 120,
		},
		{"fieldname": "new_clients", "label": _("New Clients"), "fieldtype": "Int", "width": 110},
		{"fieldname": "orders", "label": _("Their Orders"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "revenue",
			"label": _("Revenue", context="Period Report"),
			"fieldtype": "Currency",
			"width": 130,
		},
		{
			"fieldname": "gross_profit",
			"label": _("Gross Profit", context="Period Report"),
			"fieldtype": "Currency",
			"width": 130,
		},
		{
			"fieldname": "profit_after_spend",
			"label": _("Profit after Spend"),
			"fieldtype": "Currency",
			"width": 150,
		},
		{"fieldname": "roi", "label": _("ROI, %"), "fieldtype": "Percent", "width": 90},
		{
			"fieldname": "cost_per_client",
			"label": _("Cost per New Client"),
			"fieldtype": "Currency",
			"width": 150,
		},
		{"fieldname": "source_label", "label": _("Channel"), "fieldtype": "Data", "hidden": 1},
		{"fieldname": "loses_money", "label": _("Loses Money"), "fieldtype": "Check", "width": 110},
	]


def chart(data: list[dict]) -> dict:
	spend, profit = defaultdict(float), defaultdict(float)
	for row in data:
		spend[row["source_label"]] += row["spend"]
		profit[row["source_label"]] += row["gross_profit"]
	labels = sorted(spend)
	return {
		"data": {
			"labels": labels,
			"datasets": [
				{"name": _("Spend", context="Period Report"), "values": [round(spend[s], 2) for s in labels]},
				{
					"name": _("Gross Profit", context="Period Report"),
					"values": [round(profit[s], 2) for s in labels],
				},
			],
		},
		"type": "bar",
		"colors": ["#e24c4c", "#29cd42"],
		"fieldtype": "Currency",
	}


def summary(data: list[dict]) -> list[dict]:
	spend = round(sum(r["spend"] for r in data), 2)
	profit = round(sum(r["gross_profit"] for r in data), 2)
	after = round(profit - spend, 2)
	return [
		{
			"value": spend,
			"label": _("Spend", context="Period Report"),
			"datatype": "Currency",
			"indicator": "Red",
		},
		{
			"value": sum(r["new_clients"] for r in data),
			"label": _("New Clients"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"value": round(sum(r["revenue"] for r in data), 2),
			"label": _("Revenue", context="Period Report"),
			"datatype": "Currency",
			"indicator": "Blue",
		},
		{
			"value": profit,
			"label": _("Gross Profit", context="Period Report"),
			"datatype": "Currency",
			"indicator": "Green",
		},
		{
			"value": after,
			"label": _("Profit after Spend"),
			"datatype": "Currency",
			"indicator": "Green" if after >= 0 else "Red",
		},
		{
			"value": roi_percent(profit, spend) or 0,
			"label": _("ROI, %"),
			"datatype": "Percent",
			"indicator": "Green" if after >= 0 else "Red",
		},
	]
