"""What a message says: Jinja placeholders for client, vehicle, visit, order and shop, rendered in bulk.

Texts are rendered in Frappe's sandboxed Jinja environment. Only the placeholders listed in
:data:`PLACEHOLDERS` may be used: a misspelt or unknown one is refused before anything is sent (Frappe's
environment would otherwise print it as typed, ``{{ vehicel.plate }}``, into the client's SMS).
"""

import frappe
from frappe import _
from frappe.utils import fmt_money, format_datetime, get_datetime, now_datetime
from frappe.utils.jinja import get_jenv
from jinja2 import TemplateSyntaxError, meta

from auto_service.i18n import RuleError
from auto_service.messaging.audience import ACTIVE_SLOT_STATUSES, OPEN_ORDER_STATUSES
from auto_service.people import split_full_name
from auto_service.vehicle_ids import format_plate

PLACEHOLDERS = ("customer_name", "first_name", "vehicle", "visit", "order", "shop")


class TemplateError(frappe.ValidationError):
	pass


def compile_text(text: str | None, label: str):
	"""The compiled template of ``text``; a syntax error or an unknown placeholder is a clear error."""
	environment = get_jenv()
	try:
		names = meta.find_undeclared_variables(environment.parse(text or ""))
		template = environment.from_string(text or "")
	except TemplateSyntaxError as error:
		frappe.throw(
			_(
				"{0}: the placeholder in line {1} is broken ({2}). Write placeholders as {{{{ customer_name }}}}."
			).format(label, error.lineno, error.message),
			exc=TemplateError,
			title=_("Broken placeholder"),
		)
	unknown = sorted(set(names) - set(PLACEHOLDERS))
	if unknown:
		frappe.throw(
			_("{0}: unknown placeholder {1}. Use only: {2}.").format(
				label, ", ".join(unknown), ", ".join(PLACEHOLDERS)
			),
			exc=TemplateError,
			title=_("Broken placeholder"),
		)
	return template


def uses(texts: list[str | None], name: str) -> bool:
	return any(name in (t or "") for t in texts)


def shop_context() -> dict:
	company = frappe.db.get_single_value(
		"Auto Service Settings", "company"
	) or frappe.defaults.get_global_default("company")
	phone = frappe.db.get_value("Company", company, "phone_no") if company else None
	return {"name": company or "", "phone": phone or ""}


def contexts(clients: list[dict], texts: list[str | None]) -> dict[str, dict]:
	"""Placeholder values per customer; vehicles, visits and orders each in one query, only when used."""
	names = [c["customer"] for c in clients]
	vehicles = _first_vehicles(names) if uses(texts, "vehicle") else {}
	visits = _next_visits(names) if uses(texts, "visit") else {}
	orders = _latest_orders(names) if uses(texts, "order") else {}
	shop = shop_context() if uses(texts, "shop") else {}
	result = {}
	for client in clients:
		name = client["customer"]
		full = client.get("customer_name") or ""
		try:
			first = split_full_name(full).first_name
		except RuleError:
			first = full
		result[name] = {
			"customer_name": full,
			"first_name": first,
			"vehicle": vehicles.get(name, {}),
			"visit": visits.get(name, {}),
			"order": orders.get(name, {}),
			"shop": shop,
		}
	return result


def _chunks(names: list[str], size: int = 1000):
	for start in range(0, len(names), size):
		yield names[start : start + size]


def _first_vehicles(names: list[str]) -> dict[str, dict]:
	vehicle = frappe.qb.DocType("Customer Vehicle")
	found: dict[str, dict] = {}
	for part in _chunks(names):
		rows = (
			frappe.qb.from_(vehicle)
			.select(
				vehicle.customer,
				vehicle.license_plate,
				vehicle.make,
				vehicle.model,
				vehicle.year,
				vehicle.title,
			)
			.where(vehicle.customer.isin(part) & (vehicle.is_active == 1))
			.orderby(vehicle.creation)
			.run(as_dict=True)
		)
		for row in rows:
			found.setdefault(
				row.customer,
				{
					"plate": format_plate(row.license_plate) if row.license_plate else "",
					"make": row.make or "",
					"model": row.model or "",
					"year": row.year or "",
					"title": row.title or "",
				},
			)
	return found


def _next_visits(names: list[str]) -> dict[str, dict]:
	slot = frappe.qb.DocType("Master Schedule Slot")
	found: dict[str, dict] = {}
	for part in _chunks(names):
		rows = (
			frappe.qb.from_(slot)
			.select(slot.customer, slot.starts_on, slot.master_name)
			.where(
				slot.customer.isin(part)
				& slot.status.isin(ACTIVE_SLOT_STATUSES)
				& (slot.starts_on >= now_datetime())
			)
			.orderby(slot.starts_on)
			.run(as_dict=True)
		)
		for row in rows:
			found.setdefault(row.customer, visit_context(row.starts_on, row.master_name))
	return found


def visit_context(starts_on, master_name: str | None) -> dict:
	moment = get_datetime(starts_on)
	return {
		"date": moment.strftime("%d.%m.%Y"),
		"time": moment.strftime("%H:%M"),
		"when": format_datetime(moment, "dd.MM.yyyy HH:mm"),
		"master": master_name or "",
	}


def _latest_orders(names: list[str]) -> dict[str, dict]:
	order = frappe.qb.DocType("Repair Order")
	found: dict[str, dict] = {}
	for part in _chunks(names):
		rows = (
			frappe.qb.from_(order)
			.select(order.customer, order.name, order.status, order.grand_total, order.currency)
			.where(order.customer.isin(part) & (order.docstatus < 2) & (order.status != "Cancelled"))
			.orderby(order.creation, order=frappe.qb.desc)
			.run(as_dict=True)
		)
		for row in rows:
			found.setdefault(row.customer, order_context(row))
	return found


def order_context(row) -> dict:
	return {
		"name": row.name,
		"status": _(row.status) if row.status else "",
		"total": fmt_money(row.grand_total or 0, currency=row.currency),
		"open": row.status in OPEN_ORDER_STATUSES,
	}


def render(template, context: dict) -> str:
	return template.render(**context).strip()


def escaped(context: dict) -> dict:
	"""``context`` with every text HTML-escaped, for e-mail bodies (names and notes are typed by people)."""
	from markupsafe import escape

	def walk(value):
		if isinstance(value, dict):
			return {k: walk(v) for k, v in value.items()}
		return escape(value) if isinstance(value, str) else value

	return walk(context)


def reference_context(reference_doctype: str | None, reference_name: str | None) -> dict:
	"""Placeholder values from the document a one-client message is about (this order, this visit)."""
	if not reference_doctype or not reference_name:
		return {}
	result: dict = {}
	vehicle_name = None
	if reference_doctype == "Sales Invoice":
		reference_doctype = "Repair Order"
		reference_name = frappe.db.get_value("Repair Order", {"sales_invoice": reference_name}, "name")
	if reference_doctype == "Repair Order" and reference_name:
		row = frappe.db.get_value(
			"Repair Order",
			reference_name,
			["name", "status", "grand_total", "currency", "vehicle"],
			as_dict=True,
		)
		if row:
			result["order"] = order_context(row)
			vehicle_name = row.vehicle
	elif reference_doctype == "Master Schedule Slot":
		row = frappe.db.get_value(
			"Master Schedule Slot", reference_name, ["starts_on", "master_name", "vehicle"], as_dict=True
		)
		if row:
			result["visit"] = visit_context(row.starts_on, row.master_name)
			vehicle_name = row.vehicle
	if vehicle_name:
		car = frappe.db.get_value(
			"Customer Vehicle",
			vehicle_name,
			["license_plate", "make", "model", "year", "title"],
			as_dict=True,
		)
		if car:
			result["vehicle"] = {
				"plate": format_plate(car.license_plate) if car.license_plate else "",
				"make": car.make or "",
				"model": car.model or "",
				"year": car.year or "",
				"title": car.title or "",
			}
	return result
