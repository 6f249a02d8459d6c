"""Карточка клиента: what the desk needs first when a client's form opens, in one call.

The Customer form stays ERPNext's (accounting, addresses, credit limits keep working and keep their
updates); public/js/customer.js draws this card above ERPNext's tabs. Every list is read through the
user's permissions; money only for users who may read invoices or orders' totals.
"""

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Sum
from frappe.utils import now_datetime

from auto_service.phones import format_phone
from auto_service.vehicle_ids import format_plate

MAX_CARS = 20
MAX_VISITS = 5
MAX_ORDERS = 10
CLOSED_VISITS = ("Cancelled", "No-show", "Done")
CLOSED_ORDERS = ("Closed", "Cancelled")
MONEY_ROLES = (
	"Service Advisor",
	"Auto Service Manager",
	"Accounts User",
	"Accounts Manager",
	"System Manager",
)


@frappe.whitelist()
def get_client_card(customer: str) -> dict:
	frappe.has_permission("Customer", "read", doc=customer, throw=True)
	doc = frappe.get_doc("Customer", customer)
	show_money = bool(set(frappe.get_roles()) & set(MONEY_ROLES))
	visits_next, visits_past = _visits(customer)
	return {
		"customer": doc.name,
		"customer_name": doc.customer_name,
		"phones": _phones(customer, doc.mobile_no),
		"emails": _emails(customer, doc.email_id),
		"lead_source": doc.get("as_lead_source"),
		"first_visit": doc.get("as_first_visit_date"),
		"preferred_master": _master_name(doc.get("as_preferred_master")),
		"consent": [
			_consent(doc, "sms", "SMS"),
			_consent(doc, "email", "E-mail"),
		],
		"vehicles": _vehicles(customer),
		"next_visits": visits_next,
		"past_visits": visits_past,
		"open_orders": _open_orders(customer, show_money),
		"owed": _owed(customer) if show_money else None,
		"last_master": _last_master(visits_past),
		"can": {
			"book": frappe.has_permission("Master Schedule Slot", "create"),
			"act": frappe.has_permission("Acceptance Act", "create"),
			"order": frappe.has_permission("Repair Order", "create"),
			"vehicle": frappe.has_permission("Customer Vehicle", "create"),
		},
	}


def _consent(doc, key: str, channel: str) -> dict:
	prefix = f"as_{key}_consent"
	return {
		"channel": channel,
		"given": bool(doc.get(prefix)),
		"method": doc.get(f"{prefix}_method"),
		"date": doc.get(f"{prefix}_date"),
	}


def _contacts(customer: str) -> list[str]:
	link = DocType("Dynamic Link")
	return (
		frappe.qb.from_(link)
		.select(link.parent)
		.where(link.parenttype == "Contact")
		.where(link.link_doctype == "Customer")
		.where(link.link_name == customer)
		.run(pluck=True)
	)


def _phones(customer: str, primary: str | None) -> list[dict]:
	contacts = _contacts(customer)
	rows = (
		frappe.get_all(
			"Contact Phone",
			filters={"parent": ("in", contacts), "parenttype": "Contact"},
			fields=["phone", "is_primary_mobile_no", "is_primary_phone"],
			order_by="is_primary_mobile_no desc, idx asc",
		)
		if contacts and frappe.has_permission("Contact", "read")
		else []
	)
	phones = [r.phone for r in rows if r.phone]
	if primary and primary not in phones:
		phones.insert(0, primary)
	return [{"phone": p, "display": _display_phone(p)} for p in dict.fromkeys(phones)]


def _display_phone(phone: str) -> str:
	return format_phone(phone) if phone.startswith("+") else phone


def _emails(customer: str, primary: str | None) -> list[str]:
	contacts = _contacts(customer)
	rows = (
		frappe.get_all(
			"Contact Email",
			filters={"parent": ("in", contacts), "parenttype": "Contact"},
			pluck="email_id",
			order_by="is_primary desc, idx asc",
		)
		if contacts and frappe.has_permission("Contact", "read")
		else []
	)
	return list(dict.fromkeys([e for e in [primary, *rows] if e]))


def _master_name(employee: str | None) -> str | None:
	if not employee:
		return None
	return frappe.db.get_value("Employee", employee, "employee_name") or employee


def _vehicles(customer: str) -> list[dict]:
	if not frappe.has_permission("Customer Vehicle", "read"):
		return []
	vehicles = frappe.get_list(
		"Customer Vehicle",
		filters={"customer": customer},
		fields=["name", "title", "license_plate", "vin", "last_mileage", "last_mileage_date", "is_active"],
		order_by="is_active desc, modified desc",
		limit=MAX_CARS,
	)
	for vehicle in vehicles:
		vehicle["plate_display"] = format_plate(vehicle.license_plate) if vehicle.license_plate else None
	return vehicles


def _visits(customer: str) -> tuple[list[dict], list[dict]]:
	if not frappe.has_permission("Master Schedule Slot", "read"):
		return [], []
	fields = ["name", "starts_on", "status", "master_name", "vehicle_title", "requested_work"]
	now = now_datetime()
	upcoming = frappe.get_list(
		"Master Schedule Slot",
		filters={"customer": customer, "starts_on": (">=", now), "status": ("not in", CLOSED_VISITS)},
		fields=fields,
		order_by="starts_on asc",
		limit=MAX_VISITS,
	)
	past = frappe.get_list(
		"Master Schedule Slot",
		filters={"customer": customer, "starts_on": ("<", now)},
		fields=fields,
		order_by="starts_on desc",
		limit=MAX_VISITS,
	)
	return upcoming, past


def _open_orders(customer: str, show_money: bool) -> list[dict]:
	if not frappe.has_permission("Repair Order", "read"):
		return []
	fields = ["name", "posting_date", "status", "vehicle_title", "docstatus"]
	if show_money:
		fields += ["grand_total", "outstanding_amount", "payment_status", "currency"]
	return frappe.get_list(
		"Repair Order",
		filters={"customer": customer, "docstatus": ("<", 2), "status": ("not in", CLOSED_ORDERS)},
		fields=fields,
		order_by="posting_date desc, creation desc",
		limit=MAX_ORDERS,
	)


def _owed(customer: str) -> dict:
	"""What the client owes: posted invoices' outstanding (ERPNext's own number), else open orders'."""
	if frappe.has_permission("Sales Invoice", "read"):
		invoice = DocType("Sales Invoice")
		rows = (
			frappe.qb.from_(invoice)
			.select(Sum(invoice.outstanding_amount).as_("owed"), invoice.currency)
			.where(invoice.customer == customer)
			.where(invoice.docstatus == 1)
			.where(invoice.outstanding_amount != 0)
			.groupby(invoice.currency)
			.run(as_dict=True)
		)
	else:
		order = DocType("Repair Order")
		rows = (
			frappe.qb.from_(order)
			.select(Sum(order.outstanding_amount).as_("owed"), order.currency)
			.where(order.customer == customer)
			.where(order.docstatus == 1)
			.groupby(order.currency)
			.run(as_dict=True)
		)
	rows = [r for r in rows if r.owed]
	return {"amount": rows[0].owed, "currency": rows[0].currency} if rows else {"amount": 0, "currency": None}


def _last_master(past_visits: list[dict]) -> str | None:
	for visit in past_visits:
		if visit.get("master_name") and visit.get("status") not in ("Cancelled", "No-show"):
			return visit["master_name"]
	return None
