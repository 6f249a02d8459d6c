"""Contact hooks: phones of clients in E.164, one phone one client, and the Customer mirror kept fresh."""

import frappe

from auto_service.clients import clean_phone, ensure_phones_free
from auto_service.phones import try_normalize_phone


def linked_customers(doc) -> list[str]:
	return [link.link_name for link in doc.links if link.link_doctype == "Customer"]


def validate(doc, method: str | None = None) -> None:
	customers = linked_customers(doc)
	normalize_phones(doc, strict=bool(customers))
	if customers and not doc.get("as_shared_phone"):
		ensure_phones_free(
			[row.phone for row in doc.phone_nos], customers, None if doc.is_new() else doc.name
		)


def normalize_phones(doc, strict: bool) -> None:
	"""Clients' phones must be valid; other contacts (suppliers, users) are normalized when possible."""
	for row in doc.phone_nos:
		if strict:
			row.phone = clean_phone(row.phone)
		else:
			row.phone = try_normalize_phone(row.phone) or row.phone
	# frappe's Contact.validate copied the primary numbers before we normalized them
	doc.set_primary("phone")
	doc.set_primary("mobile_no")


def on_update(doc, method: str | None = None) -> None:
	"""Keep Customer.mobile_no / email_id (ERPNext's read-only mirror) equal to the primary contact."""
	customers = linked_customers(doc)
	if not customers:
		return
	for name in frappe.get_all(
		"Customer", filters={"name": ("in", customers), "customer_primary_contact": doc.name}, pluck="name"
	):
		frappe.db.set_value(
			"Customer",
			name,
			{"mobile_no": doc.mobile_no or doc.phone, "email_id": doc.email_id},
			update_modified=False,
		)
