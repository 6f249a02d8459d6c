"""Clients (ERPNext Customer + Contact) as the shop sees them: one phone, one client, consent kept.

Frappe layer over the pure rules in ``phones``, ``people`` and ``consent``.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import get_link_to_form

from auto_service.exceptions import DuplicatePhoneError, InvalidPhoneError, throw_rule
from auto_service.i18n import RuleError
from auto_service.phones import normalize_phone


def clean_phone(raw: str | None) -> str:
	"""E.164 form of ``raw`` or a translated :class:`InvalidPhoneError`."""
	try:
		return normalize_phone(raw)
	except RuleError as err:
		throw_rule(err, InvalidPhoneError, _("Invalid phone number"))


def customers_with_phone(
	phones: list[str], exclude_customers: list[str], exclude_contact: str | None = None
) -> list[dict]:
	"""Customers (other than ``exclude_customers``) whose contacts already have one of ``phones``."""
	if not phones:
		return []
	contact_phone = DocType("Contact Phone")
	link = DocType("Dynamic Link")
	customer = DocType("Customer")
	query = (
		frappe.qb.from_(contact_phone)
		.join(link)
		.on((link.parent == contact_phone.parent) & (link.parenttype == "Contact"))
		.join(customer)
		.on(customer.name == link.link_name)
		.select(contact_phone.phone, customer.name.as_("customer"), customer.customer_name)
		.where(contact_phone.parenttype == "Contact")
		.where(contact_phone.phone.isin(phones))
		.where(link.link_doctype == "Customer")
		.distinct()
	)
	if exclude_customers:
		query = query.where(customer.name.notin(exclude_customers))
	if exclude_contact:
		query = query.where(contact_phone.parent != exclude_contact)
	return query.run(as_dict=True)


def ensure_phones_free(phones: list[str], customers: list[str], contact: str | None = None) -> None:
	"""Refuse a phone that already belongs to another client, naming that client."""
	taken = customers_with_phone(phones, customers, contact)
	if taken:
		row = taken[0]
		frappe.throw(
			_(
				"Phone {0} already belongs to client {1}. Open that client instead, or tick "
				'"Shared phone (family)" to give the same phone to another client on purpose.'
			).format(frappe.bold(row.phone), get_link_to_form("Customer", row.customer, row.customer_name)),
			exc=DuplicatePhoneError,
			title=_("Duplicate phone"),
		)


def record_mileage(vehicle: str, mileage: int, on_date) -> None:
	"""The car's last known mileage, as read at intake or at hand-over."""
	frappe.db.set_value("Customer Vehicle", vehicle, {"last_mileage": mileage, "last_mileage_date": on_date})


def ensure_vehicle_of(customer: str, vehicle: str) -> None:
	"""An act, an order or a visit is for a car of its client (the current owner)."""
	owner = frappe.db.get_value("Customer Vehicle", vehicle, "customer")
	if owner != customer:
		frappe.throw(
			_("Vehicle {0} belongs to client {1}, not to {2}.").format(vehicle, owner, customer),
			title=_("Wrong vehicle"),
		)
