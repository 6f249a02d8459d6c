# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Анализ мастеров: per master — visits, repair orders, clients and how many came back to the same
master, norm hours billed against the hours the master could work (the schedule's own working-time rules:
shop hours or the master's own, minus the shop's and the master's days off), load, idle flag, revenue from
works, no-shows and comebacks (a repeat order on the same car for the same work within the warranty days,
counted against the master of the first order)."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import cint, flt

from auto_service import period_data
from auto_service.metrics import (
	ARRIVED_STATUSES,
	DEFAULT_IDLE_THRESHOLD,
	DEFAULT_RETENTION_MONTHS,
	NO_SHOW,
	hours_in,
	is_idle,
	load_percent,
	share,
)

MAX_RETENTION_MONTHS = 24


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	company, start, end = period_data.period(filters)
	months = filters.retention_months
	months = (
		DEFAULT_RETENTION_MONTHS if months in (None, "") else min(max(cint(months), 0), MAX_RETENTION_MONTHS)
	)
	threshold = filters.idle_threshold
	threshold = DEFAULT_IDLE_THRESHOLD if threshold in (None, "") else flt(threshold)
	data = collect(company, start, end, months, threshold)
	return columns(), data, None, chart(data, threshold), summary(data)


def collect(company, start, end, months: int, threshold: float) -> list[dict]:
	from auto_service.schedule import settings, working_map

	totals = period_data.master_facts(company, start, end, months)
	masters = period_data.masters_of(company, set(totals))
	available = working_map(masters, start, end, settings()) if masters else {}
	visits, no_shows = defaultdict(int), defaultdict(int)
	for row in period_data.slot_counts(company, start, end):
		if row.status in ARRIVED_STATUSES:
			visits[row.master] += row.count
		elif row.status == NO_SHOW:
			no_shows[row.master] += row.count

	data = []
	for master in masters:
		name = master.name
		total = totals.get(name) or frappe._dict()
		free = hours_in(available.get(name, []))
		billed = round(flt(total.get("hours")), 2)
		load = load_percent(billed, free)
		data.append(
			{
				"master": name,
				"master_name": master.employee_name,
				"visits": visits[name],
				"orders": cint(total.orders),
				"clients": cint(total.clients),
				"returned": cint(total.returned),
				"retention": share(cint(total.returned), cint(total.clients)),
				"hours_billed": billed,
				"hours_available": free,
				"load": load,
				"idle": int(is_idle(load, threshold)),
				"works_revenue": round(flt(total.get("revenue")), 2),
				"no_shows": no_shows[name],
				"comebacks": cint(total.comebacks),
			}
		)
	return data


def columns() -> list[dict]:
	return [
		{
			"fieldname": "master",
			"label": _("Master"),
			"fieldtype": "Link",
			"options": "Employee",
			"width": 110,
		},
		{"fieldname": "master_name", "label": _("Master Name"), "fieldtype": "Data", "width": 180},
		{"fieldname": "visits", "label": _("Visits"), "fieldtype": "Int", "width": 80},
		{"fieldname": "orders", "label": _("Repair Orders"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "clients",
			"label": _("Clients", context="Period Report"),
			"fieldtype": "Int",
			"width": 90,
		},
		{"fieldname": "returned", "label": _("Came Back"), "fieldtype": "Int", "width": 100},
		{"fieldname": "retention", "label": _("Retention, %"), "fieldtype": "Percent", "width": 110},
		{
			"fieldname": "hours_billed",
			"label": _("Norm Hours Billed"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 130,
		},
		{
			"fieldname": "hours_available",
			"label": _("Hours Available"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 130,
		},
		{"fieldname": "load", "label": _("Load, %"), "fieldtype": "Percent", "width": 90},
		{"fieldname": "idle", "label": _("Idle", context="Period Report"), "fieldtype": "Check", "width": 70},
		{
			"fieldname": "works_revenue",
			"label": _("Revenue from Works"),
			"fieldtype": "Currency",
			"width": 150,
		},
		{"fieldname": "no_shows", "label": _("No-shows"), "fieldtype": "Int", "width": 90},
		{"fieldname": "comebacks", "label": _("Comebacks"), "fieldtype": "Int", "width": 100},
	]


def chart(data: list[dict], threshold: float) -> dict:
	"""Load per master against the idle threshold, a marker line that also sets the axis's scale: alone, a
	single master's bar of 0.1 % left the chart blank."""
	return {
		"data": {
			"labels": [row["master_name"] for row in data],
			"datasets": [{"name": _("Load, %"), "values": [row["load"] or 0 for row in data]}],
			"yMarkers": [
				{"label": _("Idle Threshold, %"), "value": threshold, "options": {"labelPos": "left"}}
			],
		},
		"type": "bar",
		"colors": ["#7575ff"],
	}


def summary(data: list[dict]) -> list[dict]:
	billed = round(sum(r["hours_billed"] for r in data), 1)
	free = round(sum(r["hours_available"] for r in data), 1)
	return [
		{"value": len(data), "label": _("Masters"), "datatype": "Int", "indicator": "Blue"},
		{"value": billed, "label": _("Norm Hours Billed"), "datatype": "Float", "indicator": "Blue"},
		{
			"value": load_percent(billed, free) or 0,
			"label": _("Load, %"),
			"datatype": "Percent",
			"indicator": "Green",
		},
		{
			"value": sum(r["idle"] for r in data),
			"label": _("Idle Masters"),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{
			"value": sum(r["comebacks"] for r in data),
			"label": _("Comebacks"),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
