"""Remove what a committing test made, so a second run of the suite finds the site as the first did.

Tests inside FrappeTestCase's transaction need none of this: it is rolled back. The concurrency tests (other
connections must see their data) and the browser tests (they work through the site) commit, and call
``remove_committed`` for the clients, masters, users and items they made: it deletes those and everything
made for them, most dependent first, permanently (no Deleted Document rows, no "deleted" feed lines),
and commits.

The browser tests run it through ``bench execute auto_service.tests.cleanup.remove_committed --kwargs ...``.
"""

from collections.abc import Iterable

import frappe
from frappe import _

LEDGERS = ("GL Entry", "Payment Ledger Entry", "Stock Ledger Entry")


def remove_committed(
	customers: Iterable[str] = (),
	employees: Iterable[str] = (),
	users: Iterable[str] = (),
	items: Iterable[str] = (),
	customer_names: Iterable[str] = (),
) -> None:
	"""Delete the named records with their invoices, payments, orders, acts, visits, cars, contacts."""
	customers = set(customers) | set(_names("Customer", {"customer_name": ("in", list(customer_names))}))
	employees = set(employees)
	if customers:
		of_clients = {"customer": ("in", list(customers))}
		orders = _names("Repair Order", of_clients)
		payments = _names("Payment Entry", {"party_type": "Customer", "party": ("in", list(customers))})
		invoices = set(_names("Sales Invoice", of_clients))
		if orders:
			invoices |= set(_names("Sales Invoice", {"as_repair_order": ("in", orders)}))
		_remove("Payment Entry", payments)
		_remove("Sales Invoice", invoices)
		_remove("Repair Order", orders)
		_remove("Acceptance Act", _names("Acceptance Act", of_clients))
		_remove("Master Schedule Slot", _names("Master Schedule Slot", of_clients))
		_remove("Customer Vehicle", _names("Customer Vehicle", of_clients))
		_remove("Contact", _linked_to_customers("Contact", customers))
		_remove("Address", _linked_to_customers("Address", customers))
		_remove("Advertising Consent Log", _names("Advertising Consent Log", of_clients))
		_remove("Customer", customers)
	if employees:
		_remove("Master Schedule Slot", _names("Master Schedule Slot", {"master": ("in", list(employees))}))
		_remove("Employee", employees)
	for item in items:
		_remove("Item Price", _names("Item Price", {"item_code": item}))
		_remove("Item", [item])
	_remove("User", users)
	frappe.db.commit()


def _names(doctype: str, filters: dict) -> list[str]:
	if any(isinstance(v, tuple) and v[0] == "in" and not v[1] for v in filters.values()):
		return []
	return frappe.get_all(doctype, filters=filters, pluck="name")


def _linked_to_customers(doctype: str, customers: set[str]) -> list[str]:
	"""Contacts or addresses of these clients only (one shared with another client stays)."""
	links = frappe.get_all(
		"Dynamic Link",
		filters={"parenttype": doctype, "link_doctype": "Customer", "link_name": ("in", list(customers))},
		pluck="parent",
	)
	if not links:
		return []
	others = frappe.get_all(
		"Dynamic Link",
		filters={"parenttype": doctype, "parent": ("in", links), "link_name": ("not in", list(customers))},
		pluck="parent",
	)
	return sorted(set(links) - set(others))


def _remove(doctype: str, names: Iterable[str]) -> None:
	"""Cancel what is submitted, drop its ledger rows, delete it for good."""
	for name in names:
		if not frappe.db.exists(doctype, name):
			continue
		if frappe.db.get_value(doctype, name, "docstatus") == 1:
			doc = frappe.get_doc(doctype, name)
			doc.flags.ignore_links = True
			doc.cancel()
		if frappe.get_meta(doctype).is_submittable:
			for ledger in LEDGERS:
				frappe.db.delete(ledger, {"voucher_type": doctype, "voucher_no": name})
		frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
		# the "deleted" line frappe leaves in the activity feed (frappe.model.delete_doc.insert_feed), and
		# the document's change history, which frappe keeps after the document is gone
		frappe.db.delete(
			"Comment",
			{"comment_type": "Deleted", "reference_doctype": doctype, "subject": f"{_(doctype)} {name}"},
		)
		frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
