# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Everything that happened to a car (or to all cars of a client): orders with works, parts, masters,
mileage and money, newest first. Three queries whatever the number of orders."""

import frappe
from frappe import _
from frappe.query_builder import DocType, Order


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	if not (filters.vehicle or filters.customer):
		frappe.throw(_("Choose a vehicle or a customer."), title=_("Vehicle History"))
	orders = get_orders(filters)
	works, parts = get_lines([o.name for o in orders])
	data = [make_row(order, works.get(order.name, []), parts.get(order.name, [])) for order in orders]
	return get_columns(), data, None, None, get_summary(data)


def get_orders(filters) -> list[dict]:
	order = DocType("Repair Order")
	query = (
		frappe.qb.from_(order)
		.select(
			order.name,
			order.posting_date,
			order.status,
			order.vehicle,
			order.vehicle_title,
			order.customer_name,
			order.mileage_in,
			order.mileage_out,
			order.total_works,
			order.total_parts,
			order.grand_total,
			order.payment_status,
			order.sales_invoice,
		)
		.orderby(order.posting_date, order=Order.desc)
		.orderby(order.creation, order=Order.desc)
	)
	if filters.vehicle:
		query = query.where(order.vehicle == filters.vehicle)
	if filters.customer:
		query = query.where(order.customer == filters.customer)
	query = query.where(order.docstatus.isin([1, 2] if filters.include_cancelled else [1]))
	rows = query.run(as_dict=True)
	allowed = set(
		frappe.get_list("Repair Order", filters={"name": ("in", [r.name for r in rows])}, pluck="name")
	)
	return [row for row in rows if row.name in allowed]


def get_lines(order_names: list[str]) -> tuple[dict, dict]:
	works = _lines_by_order(
		"Repair Order Work", ("item_code", "description", "master_name", "hours"), order_names
	)
	parts = _lines_by_order("Repair Order Part", ("item_code", "item_name", "qty", "uom"), order_names)
	return works, parts


def _lines_by_order(doctype: str, fields: tuple[str, ...], order_names: list[str]) -> dict[str, list]:
	"""Rows of one child table of the orders, grouped by order, in their order on the form."""
	lines: dict[str, list] = {}
	if not order_names:
		return lines
	table = DocType(doctype)
	for row in (
		frappe.qb.from_(table)
		.select(table.parent, *(table[field] for field in fields))
		.where(table.parent.isin(order_names))
		.where(table.parenttype == "Repair Order")
		.orderby(table.idx)
		.run(as_dict=True)
	):
		lines.setdefault(row.parent, []).append(row)
	return lines


def make_row(order: dict, works: list[dict], parts: list[dict]) -> frappe._dict:
	return frappe._dict(
		order,
		works="; ".join(f"{w.description or w.item_code} ({w.hours:g} {_('h')})" for w in works),
		masters=", ".join(sorted({w.master_name for w in works if w.master_name})),
		parts="; ".join(f"{p.item_name or p.item_code} × {p.qty:g}" for p in parts),
	)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "posting_date", "label": _("Date"), "fieldtype": "Date", "width": 100},
		{
			"fieldname": "name",
			"label": _("Repair Order"),
			"fieldtype": "Link",
			"options": "Repair Order",
			"width": 150,
		},
		{"fieldname": "vehicle_title", "label": _("Vehicle"), "fieldtype": "Data", "width": 170},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "mileage_in", "label": _("Mileage In (km)"), "fieldtype": "Int", "width": 110},
		{"fieldname": "works", "label": _("Works"), "fieldtype": "Data", "width": 280},
		{"fieldname": "masters", "label": _("Masters"), "fieldtype": "Data", "width": 160},
		{"fieldname": "parts", "label": _("Parts"), "fieldtype": "Data", "width": 240},
		{"fieldname": "grand_total", "label": _("Grand Total"), "fieldtype": "Currency", "width": 120},
		{"fieldname": "payment_status", "label": _("Payment Status"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "sales_invoice",
			"label": _("Sales Invoice"),
			"fieldtype": "Link",
			"options": "Sales Invoice",
			"width": 150,
		},
	]


def get_summary(data: list[dict]) -> list[dict]:
	mileages = [row.mileage_in for row in data if row.mileage_in]
	return [
		{"value": len(data), "label": _("Repair Orders"), "datatype": "Int"},
		{
			"value": sum(row.grand_total or 0 for row in data),
			"label": _("Total Spent"),
			"datatype": "Currency",
		},
		{"value": max(mileages) if mileages else 0, "label": _("Latest Mileage (km)"), "datatype": "Int"},
	]
