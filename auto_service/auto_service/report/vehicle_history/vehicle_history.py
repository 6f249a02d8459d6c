# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""A car's history (or the history of all cars of a client) as one timeline, newest first: visits,
acceptance acts, repair orders with their works and parts, the hand-over, and the mileage read at each.
Five queries whatever the number of documents; each document type is read through the user's permissions."""

from datetime import date, datetime, time

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import get_datetime

VISIT = "Master Schedule Slot"
ACT = "Acceptance Act"
ORDER = "Repair Order"
MONEY_ROLES = (
	"Service Advisor",
	"Auto Service Manager",
	"Accounts User",
	"Accounts Manager",
	"System Manager",
)
MAX_ROWS_PER_KIND = 500

# entry kinds, in the order they appear within one moment (an order before its works and parts)
KIND_ORDER = ("Handed Over", "Repair Order", "Work", "Part", "Acceptance Act", "Visit")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	columns = get_columns()
	if not (filters.vehicle or filters.customer):
		# not an error: the report opens empty and says what to choose (no 417 while filters load)
		return columns, [], _("Choose a vehicle or a customer.")
	show_money = bool(set(frappe.get_roles()) & set(MONEY_ROLES))
	# drafts too: an order being written up or an act not yet signed is part of the car's story
	docstatus = [0, 1, 2] if filters.get("include_cancelled") else [0, 1]
	orders = get_orders(filters, docstatus)
	works, parts = get_lines([o.name for o in orders])
	entries = [
		*visit_entries(get_visits(filters)),
		*act_entries(get_acts(filters, docstatus)),
		*order_entries(orders, works, parts, show_money),
	]
	entries.sort(key=_newest_first)
	for entry in entries:
		entry.pop("moment", None)
		if not show_money:
			entry.pop("amount", None)
	return columns, entries, None, None, get_summary(entries, orders, show_money)


def _scope(filters) -> dict:
	scope = {}
	if filters.vehicle:
		scope["vehicle"] = filters.vehicle
	if filters.customer:
		scope["customer"] = filters.customer
	return scope


def get_visits(filters) -> list[dict]:
	if not frappe.has_permission(VISIT, "read"):
		return []
	return frappe.get_list(
		VISIT,
		filters=_scope(filters),
		fields=[
			"name",
			"starts_on",
			"status",
			"vehicle_title",
			"master_name",
			"requested_work",
			"repair_order",
		],
		order_by="starts_on desc",
		limit=MAX_ROWS_PER_KIND,
	)


def get_acts(filters, docstatus: list[int]) -> list[dict]:
	if not frappe.has_permission(ACT, "read"):
		return []
	return frappe.get_list(
		ACT,
		filters={**_scope(filters), "docstatus": ("in", docstatus)},
		fields=["name", "act_datetime", "docstatus", "vehicle_title", "mileage_in", "complaint"],
		order_by="act_datetime desc",
		limit=MAX_ROWS_PER_KIND,
	)


def get_orders(filters, docstatus: list[int]) -> list[dict]:
	if not frappe.has_permission(ORDER, "read"):
		return []
	return frappe.get_list(
		ORDER,
		filters={**_scope(filters), "docstatus": ("in", docstatus)},
		fields=[
			"name",
			"posting_date",
			"creation",
			"status",
			"docstatus",
			"vehicle_title",
			"mileage_in",
			"mileage_out",
			"handed_over_on",
			"grand_total",
			"payment_status",
			"complaint",
		],
		order_by="posting_date desc, creation desc",
		limit=MAX_ROWS_PER_KIND,
	)


def get_lines(order_names: list[str]) -> tuple[dict, dict]:
	works = _lines_by_order(
		"Repair Order Work", ("item_code", "description", "master_name", "hours", "amount"), order_names
	)
	parts = _lines_by_order(
		"Repair Order Part", ("item_code", "item_name", "qty", "uom", "amount"), order_names
	)
	return works, parts


def _lines_by_order(doctype: str, fields: tuple[str, ...], order_names: list[str]) -> dict[str, list]:
	"""Rows of one child table of the (already permitted) orders, grouped by order, in form order."""
	lines: dict[str, list] = {}
	if not order_names:
		return lines
	table = DocType(doctype)
	for row in (
		frappe.qb.from_(table)
		.select(table.parent, *(table[field] for field in fields))
		.where(table.parent.isin(order_names))
		.where(table.parenttype == ORDER)
		.orderby(table.idx)
		.run(as_dict=True)
	):
		lines.setdefault(row.parent, []).append(row)
	return lines


def _entry(kind: str, moment, doctype: str, name: str, **values) -> frappe._dict:
	moment = _as_datetime(moment)
	return frappe._dict(
		moment=moment,
		kind=kind,
		date=moment.date() if moment else None,
		entry_type=_(kind, context="Vehicle History"),
		document_type=doctype,
		document=name,
		**values,
	)


def visit_entries(visits: list[dict]) -> list[dict]:
	return [
		_entry(
			"Visit",
			v.starts_on,
			VISIT,
			v.name,
			vehicle=v.vehicle_title,
			description=v.requested_work or "",
			master=v.master_name,
			status=_(v.status, context=VISIT) if v.status else "",
		)
		for v in visits
	]


def act_entries(acts: list[dict]) -> list[dict]:
	return [
		_entry(
			"Acceptance Act",
			a.act_datetime,
			ACT,
			a.name,
			vehicle=a.vehicle_title,
			description=a.complaint or "",
			mileage=a.mileage_in,
			status={0: _("Draft"), 2: _("Cancelled")}.get(a.docstatus, ""),
		)
		for a in acts
	]


def order_entries(orders: list[dict], works: dict, parts: dict, show_money: bool) -> list[dict]:
	entries = []
	for order in orders:
		moment = order.posting_date
		status = _(order.status, context=ORDER) if order.status else ""
		if order.payment_status and show_money:
			status = f"{status}, {_(order.payment_status, context=ORDER)}"
		entries.append(
			_entry(
				"Repair Order",
				moment,
				ORDER,
				order.name,
				vehicle=order.vehicle_title,
				description=order.complaint or "",
				mileage=order.mileage_in,
				status=status,
				amount=order.grand_total,
			)
		)
		for work in works.get(order.name, []):
			entries.append(
				_entry(
					"Work",
					moment,
					ORDER,
					order.name,
					vehicle=order.vehicle_title,
					description=f"{work.description or work.item_code} ({work.hours or 0:g} {_('h')})",
					master=work.master_name,
					amount=work.amount,
				)
			)
		for part in parts.get(order.name, []):
			entries.append(
				_entry(
					"Part",
					moment,
					ORDER,
					order.name,
					vehicle=order.vehicle_title,
					description=f"{part.item_name or part.item_code} × {part.qty or 0:g} {_(part.uom or '')}".strip(),
					amount=part.amount,
				)
			)
		if order.handed_over_on:
			entries.append(
				_entry(
					"Handed Over",
					order.handed_over_on,
					ORDER,
					order.name,
					vehicle=order.vehicle_title,
					description="",
					mileage=order.mileage_out,
				)
			)
	return entries


def _as_datetime(value) -> datetime | None:
	if not value:
		return None
	if isinstance(value, datetime):
		return value
	if isinstance(value, date):
		# a date-only document (an order's posting date) sorts after the same day's visit and act
		return datetime.combine(value, time.max)
	return get_datetime(value)


def _newest_first(entry: dict):
	moment = entry["moment"] or datetime.min
	return (
		-moment.timestamp() if entry["moment"] else float("inf"),
		entry["document"],
		KIND_ORDER.index(entry["kind"]),
	)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "date", "label": _("Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "entry_type", "label": _("Entry"), "fieldtype": "Data", "width": 130},
		# Data, not a Link to DocType: the desk would load DocType's meta, which staff may not read
		{"fieldname": "document_type", "label": _("Document Type"), "fieldtype": "Data", "hidden": 1},
		{
			"fieldname": "document",
			"label": _("Document"),
			"fieldtype": "Dynamic Link",
			"options": "document_type",
			"width": 160,
		},
		{
			"fieldname": "vehicle",
			"label": _("Vehicle", context="Vehicle History"),
			"fieldtype": "Data",
			"width": 160,
		},
		{"fieldname": "description", "label": _("Description"), "fieldtype": "Data", "width": 320},
		{"fieldname": "master", "label": _("Master"), "fieldtype": "Data", "width": 150},
		{"fieldname": "mileage", "label": _("Mileage (km)"), "fieldtype": "Int", "width": 110},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 160},
		{"fieldname": "amount", "label": _("Amount"), "fieldtype": "Currency", "width": 120},
	]


def get_summary(entries: list[dict], orders: list[dict], show_money: bool) -> list[dict]:
	mileages = [e.mileage for e in entries if e.get("mileage")]
	summary = [
		{"value": sum(1 for e in entries if e.kind == "Visit"), "label": _("Visits"), "datatype": "Int"},
		{"value": len(orders), "label": _("Repair Orders"), "datatype": "Int"},
		{"value": max(mileages) if mileages else 0, "label": _("Latest Mileage (km)"), "datatype": "Int"},
	]
	if show_money:
		summary.insert(
			2,
			{
				"value": sum(o.grand_total or 0 for o in orders if o.docstatus == 1),
				"label": _("Total Spent"),
				"datatype": "Currency",
			},
		)
	return summary
