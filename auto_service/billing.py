"""After the order: who must post its draft invoice, and how the desk takes the client's money.

The Frappe layer between the Repair Order and ERPNext's Sales Invoice / Payment Entry. A service advisor may
draft the invoice but not post it: the people who may (Accounts User, else Auto Service Manager, or the one
user named in Auto Service Settings) get an ERPNext assignment on it, which lands in their ToDo list and
notifications.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import escape_html

from auto_service.setup.permissions import MANAGER

ACCOUNTS_USER = "Accounts User"
MAX_POSTERS = 5  # an assignment to everybody is an assignment to nobody

# what the desk offers -> the ERPNext Mode of Payment (made on install with the company's accounts)
PAYMENT_MODES = {
	"cash": "Наличные",
	"card": "Банковская карта",
	"transfer": "Безналичный перевод",
}
# (type, account kind). Cash is "General", not "Cash": ERPNext gives each new company's cash account to the
# first Cash-type mode it finds (Company.set_mode_of_payment_account), which must stay its own «Cash».
MODE_TYPES = {
	"Наличные": ("General", "Cash"),
	"Банковская карта": ("Bank", "Bank"),
	"Безналичный перевод": ("Bank", "Bank"),
}


class PaymentError(frappe.ValidationError):
	pass


def request_invoice_posting(order, invoice: str) -> list[str]:
	"""Called once when ``order`` makes its draft ``invoice``: if its maker may not submit invoices, assign
	the invoice to those who may. Returns the users assigned."""
	if frappe.has_permission("Sales Invoice", "submit"):
		return []  # the maker posts it themselves
	users = invoice_posters()
	from frappe.desk.form.assign_to import add

	add(
		{
			"assign_to": users,
			"doctype": "Sales Invoice",
			"name": invoice,
			"description": _("Post the invoice of repair order {0} ({1}).").format(
				order.name, escape_html(order.customer_name or order.customer)
			),
		},
		ignore_permissions=True,
	)
	return users


def invoice_posters() -> list[str]:
	"""Who posts the invoices advisors draft: the user set in the settings, else enabled users with the
	Accounts User role, else with the Auto Service Manager role, else the Administrator (somebody is told)."""
	chosen = frappe.get_cached_doc("Auto Service Settings").get("invoice_poster")
	if chosen and frappe.db.get_value("User", chosen, "enabled"):
		return [chosen]
	for role in (ACCOUNTS_USER, MANAGER):
		users = _enabled_users_with_role(role)
		if users:
			return users
	return ["Administrator"]


def _enabled_users_with_role(role: str) -> list[str]:
	user, has_role = DocType("User"), DocType("Has Role")
	rows = (
		frappe.qb.from_(user)
		.join(has_role)
		.on(has_role.parent == user.name)
		.select(user.name)
		.distinct()
		.where(has_role.role == role)
		.where(has_role.parenttype == "User")
		.where(user.enabled == 1)
		.where(user.user_type == "System User")
		.where(user.name.notin(["Administrator", "Guest"]))
		.orderby(user.name)
		.limit(MAX_POSTERS)
		.run(pluck=True)
	)
	return list(rows)


def open_assignees(doctype: str, name: str) -> list[dict]:
	"""Users with an open ToDo on the document, with their full names."""
	todo, user = DocType("ToDo"), DocType("User")
	return (
		frappe.qb.from_(todo)
		.left_join(user)
		.on(user.name == todo.allocated_to)
		.select(todo.allocated_to.as_("user"), user.full_name)
		.where(todo.reference_type == doctype)
		.where(todo.reference_name == name)
		.where(todo.status == "Open")
		.orderby(todo.creation)
		.run(as_dict=True)
	)


def payments_enabled() -> bool:
	return bool(frappe.get_cached_doc("Auto Service Settings").get("accept_payments"))


def can_take_payments() -> bool:
	return payments_enabled() and bool(frappe.has_permission("Payment Entry", "submit"))


def mode_account(mode_of_payment: str, company: str) -> str | None:
	return frappe.db.get_value(
		"Mode of Payment Account",
		{"parent": mode_of_payment, "parenttype": "Mode of Payment", "company": company},
		"default_account",
	)
