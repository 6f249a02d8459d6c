"""Contact hooks: clients' phones in canonical form, the strict rule where the shop creates a client, and
the Customer mirror kept fresh.

The strict rule (a valid direct number, E.164, nobody else's) applies when the shop's own code creates a
private client and marks the Contact with ``flags.auto_service_strict_phone`` (see ``auto_service.clients``).
Any other save stores what ERPNext stores: a valid number in canonical form, anything else as typed, and a
client's phone that is not valid or that another client has is saved with a warning, never refused.
"""

import frappe

from auto_service.clients import (
	STRICT_PHONE_FLAG,
	clean_phone,
	ensure_phones_free,
	is_valid_phone,
	stored_phone,
	warn_invalid_phones,
	warn_phones_taken,
)


def linked_customers(doc) -> list[str]:
	return [link.link_name for link in doc.links if link.link_doctype == "Customer"]


def validate(doc, method: str | None = None) -> None:
	if doc.flags.get(STRICT_PHONE_FLAG):
		enforce_client_phones(doc)
	else:
		tidy_phones(doc)
	# frappe's Contact.validate copied the primary numbers before we normalized them
	doc.set_primary("phone")
	doc.set_primary("mobile_no")


def enforce_client_phones(doc) -> None:
	"""A private client created by the shop: every phone valid, in E.164, and no other client's."""
	for row in doc.phone_nos:
		row.phone = clean_phone(row.phone)
	if not doc.get("as_shared_phone"):
		ensure_phones_free(
			[row.phone for row in doc.phone_nos], linked_customers(doc), None if doc.is_new() else doc.name
		)


def tidy_phones(doc) -> None:
	"""Any other save: canonical form when possible; a client's new phone that is not valid or that is
	another client's is kept, with a warning (only for phones this save adds, or all of them when it links
	the contact to a client, as converting a Lead does)."""
	for row in doc.phone_nos:
		row.phone = stored_phone(row.phone)
	customers = linked_customers(doc)
	if not customers:
		return
	new_phones = [phone for phone in dict.fromkeys(row.phone for row in doc.phone_nos) if phone]
	before = doc.get_doc_before_save()
	if before and set(customers) <= set(linked_customers(before)):
		old_phones = {stored_phone(row.phone) for row in before.phone_nos if row.phone}
		new_phones = [phone for phone in new_phones if phone not in old_phones]
	if not new_phones:
		return
	warn_invalid_phones([phone for phone in new_phones if not is_valid_phone(phone)])
	if not doc.get("as_shared_phone"):
		warn_phones_taken(new_phones, customers, None if doc.is_new() else doc.name)


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
