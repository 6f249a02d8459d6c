"""ERPNext accounting documents -> Repair Order: the invoice link and the payment status follow the ledger.

An invoice's outstanding amount changes on its submit/cancel, on Payment Entry and Journal Entry
submit/cancel, on Payment Reconciliation and on credit notes. ERPNext ends each of these with
``update_voucher_outstanding`` -> ``set_status(update=True)`` -> ``db_set``, which runs the invoice's
``on_change``: that single hook refreshes the order, after the new outstanding amount is written.
"""

import frappe
from frappe import _
from frappe.utils import get_link_to_form

from auto_service.auto_service.doctype.repair_order.repair_order import LIVE_INVOICE, invoice_state
from auto_service.exceptions import InvoiceExistsError


def sales_invoice_validate(doc, method: str | None = None) -> None:
	"""One live invoice per order: a copy or an amendment may not double-bill."""
	if not doc.get("as_repair_order") or doc.get("is_return"):
		return  # a credit note belongs to the order's invoice: it is no second bill
	current = frappe.db.get_value("Repair Order", doc.as_repair_order, "sales_invoice")
	if (
		current
		and current != doc.name
		and frappe.db.get_value("Sales Invoice", current, "docstatus") in LIVE_INVOICE
	):
		frappe.throw(
			_("Repair order {0} already has invoice {1}.").format(
				doc.as_repair_order, get_link_to_form("Sales Invoice", current)
			),
			exc=InvoiceExistsError,
		)


def sales_invoice_on_submit(doc, method: str | None = None) -> None:
	if doc.get("as_repair_order") and not doc.get("is_return"):
		frappe.db.set_value("Repair Order", doc.as_repair_order, "sales_invoice", doc.name)


def sales_invoice_on_change(doc, method: str | None = None) -> None:
	if doc.get("as_repair_order"):
		refresh_orders([doc.name])


def sales_invoice_on_cancel(doc, method: str | None = None) -> None:
	# the submitted order keeps its link to the cancelled invoice (it shows it), so frappe's back-link
	# check, which runs after on_cancel, must not stop the cancellation
	doc.ignore_linked_doctypes = (*(doc.get("ignore_linked_doctypes") or ()), "Repair Order")


def sales_invoice_on_trash(doc, method: str | None = None) -> None:
	"""A deleted draft frees its order for a new invoice."""
	if doc.get("as_repair_order"):
		frappe.db.set_value(
			"Repair Order",
			{"name": doc.as_repair_order, "sales_invoice": doc.name},
			"sales_invoice",
			None,
		)


def refresh_orders(invoices: list[str]) -> None:
	"""Recompute payment status and amounts of the orders linked to ``invoices`` — their own invoice or a
	credit note of it — in four queries whatever the number of invoices."""
	if not invoices:
		return
	orders = frappe.get_all(
		"Sales Invoice",
		filters={"name": ("in", list(set(invoices))), "as_repair_order": ("is", "set")},
		pluck="as_repair_order",
	)
	if not orders:
		return
	linked = dict(
		frappe.get_all(
			"Repair Order",
			filters={"name": ("in", list(set(orders))), "sales_invoice": ("is", "set")},
			fields=["name", "sales_invoice"],
			as_list=True,
		)
	)
	if not linked:
		return
	fields = ["name", "docstatus", "grand_total", "rounded_total", "outstanding_amount"]
	main = {
		row.name: row
		for row in frappe.get_all(
			"Sales Invoice", filters={"name": ("in", list(linked.values()))}, fields=fields
		)
	}
	returns: dict[str, list] = {}
	for row in frappe.get_all(
		"Sales Invoice",
		filters={"return_against": ("in", list(linked.values())), "is_return": 1, "docstatus": 1},
		fields=[*fields, "return_against"],
	):
		returns.setdefault(row.return_against, []).append(row)
	for order, invoice in linked.items():
		frappe.db.set_value("Repair Order", order, invoice_state(main.get(invoice), returns.get(invoice, [])))


def get_sales_invoice_dashboard_data(data: dict) -> dict:
	"""Connections on Sales Invoice: the repair order it bills."""
	data.setdefault("internal_links", {})["Repair Order"] = "as_repair_order"
	data["transactions"].append({"label": _("Auto Service"), "items": ["Repair Order"]})
	return data
