# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Обращения и визиты: bookings in the period by booking channel or by status, booking -> repair order
conversion, no-show rate, and a weekday x hour heat map of the load."""

from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Extract
from frappe.utils import add_days
from pypika.terms import CustomFunction

from auto_service import period_data
from auto_service.metrics import ARRIVED_STATUSES, CANCELLED, NO_SHOW, conversion_rate, no_show_rate, share
from auto_service.shop_hours import WEEKDAYS

BY_CHANNEL, BY_STATUS, HEAT_MAP = "By Channel", "By Status", "Heat Map"
STATUSES = ("Booked", "Confirmed", "Arrived", "In Work", "Done", "No-show", "Cancelled")
HOURS = range(7, 22)
WEEKDAY = CustomFunction("WEEKDAY", ["day"])  # 0 = Monday


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	company, start, end = period_data.period(filters)
	masters = [filters.master] if filters.master else None
	rows = period_data.slot_counts(company, start, end, masters)
	view = filters.view or BY_CHANNEL
	if view == HEAT_MAP:
		columns, data, chart = heat_map(company, start, end, masters)
	elif view == BY_STATUS:
		columns, data, chart = by_status(rows)
	else:
		columns, data, chart = by_channel(rows)
	return columns, data, None, chart, summary(rows)


def totals(rows) -> dict:
	statuses = Counter()
	with_order = 0
	for row in rows:
		statuses[row.status] += row.count
		if row.with_order and row.status != CANCELLED:
			with_order += row.count
	bookings = sum(statuses.values())
	live = bookings - statuses[CANCELLED]
	return {
		"statuses": statuses,
		"bookings": bookings,
		"live": live,
		"arrived": sum(statuses[s] for s in ARRIVED_STATUSES),
		"with_order": with_order,
	}


def by_channel(rows):
	groups: dict[str, list] = {}
	for row in rows:
		groups.setdefault(row.channel or "", []).append(row)
	data = []
	for channel in sorted(groups):
		t = totals(groups[channel])
		data.append(
			{
				"channel": _(channel) if channel else _("Channel Not Set"),
				"bookings": t["bookings"],
				"cancelled": t["statuses"][CANCELLED],
				"arrived": t["arrived"],
				"no_shows": t["statuses"][NO_SHOW],
				"with_order": t["with_order"],
				"conversion": conversion_rate(t["live"], t["with_order"]),
				"no_show_rate": no_show_rate(t["statuses"]),
			}
		)
	columns = [
		{"fieldname": "channel", "label": _("Booking Channel"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "bookings",
			"label": _("Bookings", context="Period Report"),
			"fieldtype": "Int",
			"width": 100,
		},
		{"fieldname": "cancelled", "label": _("Cancelled"), "fieldtype": "Int", "width": 100},
		{"fieldname": "arrived", "label": _("Arrived"), "fieldtype": "Int", "width": 100},
		{"fieldname": "no_shows", "label": _("No-shows"), "fieldtype": "Int", "width": 100},
		{"fieldname": "with_order", "label": _("With Repair Order"), "fieldtype": "Int", "width": 140},
		{"fieldname": "conversion", "label": _("Booking to Order, %"), "fieldtype": "Percent", "width": 150},
		{"fieldname": "no_show_rate", "label": _("No-show Rate, %"), "fieldtype": "Percent", "width": 130},
	]
	chart = {
		"data": {
			"labels": [row["channel"] for row in data],
			"datasets": [
				{"name": _("Bookings", context="Period Report"), "values": [row["bookings"] for row in data]},
				{"name": _("With Repair Order"), "values": [row["with_order"] for row in data]},
			],
		},
		"type": "bar",
	}
	return columns, data, chart


def by_status(rows):
	t = totals(rows)
	data = [
		{
			"status": status,
			"status_label": _(status),
			"count": t["statuses"][status],
			"share": share(t["statuses"][status], t["bookings"]),
		}
		for status in STATUSES
	]
	columns = [
		{"fieldname": "status_label", "label": _("Status"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "count",
			"label": _("Bookings", context="Period Report"),
			"fieldtype": "Int",
			"width": 110,
		},
		{"fieldname": "share", "label": _("Share, %"), "fieldtype": "Percent", "width": 100},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "hidden": 1},
	]
	chart = {
		"data": {
			"labels": [row["status_label"] for row in data],
			"datasets": [
				{"name": _("Bookings", context="Period Report"), "values": [row["count"] for row in data]}
			],
		},
		"type": "donut",
	}
	return columns, data, chart


def heat_map(company, start, end, masters: list[str] | None = None):
	slot = DocType("Master Schedule Slot")
	counts = Counter()
	masters = period_data.company_employees(company, masters)
	query = (
		frappe.qb.from_(slot)
		.force_index("as_period_slots")  # the period's range of the covering index (see slot_counts)
		.select(WEEKDAY(slot.starts_on), Extract("hour", slot.starts_on), Count("*"))
		.where(
			slot.master.isin(masters or [""])
			& (slot.status != CANCELLED)
			& (slot.starts_on >= start)
			& (slot.starts_on < add_days(end, 1))
		)
		.groupby(WEEKDAY(slot.starts_on), Extract("hour", slot.starts_on))
	)
	for weekday, hour, count in query.run():
		counts[(int(weekday), int(hour))] += count
	hours = sorted({*HOURS, *(h for _w, h in counts)})
	peak = max(counts.values(), default=0)
	data = [
		{
			"weekday": _(day),
			**{f"h{hour:02d}": counts[(index, hour)] for hour in hours},
			"total": sum(counts[(index, hour)] for hour in hours),
			"heat_max": peak,
		}
		for index, day in enumerate(WEEKDAYS)
	]
	columns = [
		{"fieldname": "weekday", "label": _("Weekday"), "fieldtype": "Data", "width": 120},
		*(
			{"fieldname": f"h{hour:02d}", "label": f"{hour:02d}:00", "fieldtype": "Int", "width": 62}
			for hour in hours
		),
		{"fieldname": "total", "label": _("All Hours"), "fieldtype": "Int", "width": 80},
		{"fieldname": "heat_max", "label": _("Busiest Cell"), "fieldtype": "Int", "hidden": 1},
	]
	chart = {
		"data": {
			"labels": [f"{hour:02d}:00" for hour in hours],
			"datasets": [
				{"name": _(day), "values": [counts[(index, hour)] for hour in hours]}
				for index, day in enumerate(WEEKDAYS)
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}
	return columns, data, chart


def summary(rows) -> list[dict]:
	t = totals(rows)
	return [
		{
			"value": t["bookings"],
			"label": _("Bookings", context="Period Report"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{"value": t["arrived"], "label": _("Arrived"), "datatype": "Int", "indicator": "Green"},
		{"value": t["statuses"][NO_SHOW], "label": _("No-shows"), "datatype": "Int", "indicator": "Red"},
		{
			"value": no_show_rate(t["statuses"]),
			"label": _("No-show Rate, %"),
			"datatype": "Percent",
			"indicator": "Red",
		},
		{
			"value": conversion_rate(t["live"], t["with_order"]),
			"label": _("Booking to Order, %"),
			"datatype": "Percent",
			"indicator": "Green",
		},
	]
