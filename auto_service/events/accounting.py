"""ERPNext accounting documents -> Repair Order: the invoice link and the payment status follow the ledger.

An invoice's outstanding amount changes on its submit/cancel, on Payment Entry and Journal Entry
submit/cancel, on Payment Reconciliation and on credit notes. ERPNext ends each of these with
``update_voucher_outstanding`` -> ``set_status(update=True)`` -> ``db_set``, which runs the invoice's
``on_change``: that single hook refreshes the order, after the new outstanding amount is written.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import IfNull

from auto_service.auto_service.doctype.repair_order.repair_order import LIVE_INVOICE, invoice_state
from auto_service.exceptions import InvoiceExistsError, LinkedDocumentError
from auto_service.messages import esc, link


def sales_invoice_validate(doc, method: str | None = None) -> None:
	"""An invoice may point at a repair order only as that order's own bill (or a credit note of it)."""
	if not doc.get("as_repair_order"):
		return
	if doc.get("is_return"):
		ensure_credit_note_of_order(doc)
		return
	order = claimable_order(doc, lock=False)
	current = order.sales_invoice
	if current and current != doc.name and invoice_is_live(current):
		refuse_second_invoice(doc.as_repair_order, current)


def sales_invoice_on_submit(doc, method: str | None = None) -> None:
	"""The order takes this invoice as its bill under the same row lock «make invoice» takes: two
	invoices submitted at once for one order — the second waits, then finds the first and is refused."""
	if not doc.get("as_repair_order") or doc.get("is_return"):
		return
	order = claimable_order(doc, lock=True)
	current = order.sales_invoice
	if current and current != doc.name and invoice_is_live(current, lock=True):
		refuse_second_invoice(doc.as_repair_order, current)
	frappe.db.set_value("Repair Order", doc.as_repair_order, "sales_invoice", doc.name)


def claimable_order(doc, lock: bool) -> dict:
	"""The order ``doc`` claims, if it may: a submitted order of the same client and company."""
	order = frappe.db.get_value(
		"Repair Order",
		doc.as_repair_order,
		["name", "docstatus", "customer", "company", "sales_invoice"],
		as_dict=True,
		for_update=lock,
	)
	if not order or order.docstatus != 1 or order.customer != doc.customer or order.company != doc.company:
		frappe.throw(
			_(
				"Invoice {0} cannot be linked to repair order {1}: an invoice bills only a submitted order "
				"of its own client and company."
			).format(esc(doc.name or _("(new)")), esc(doc.as_repair_order)),
			exc=LinkedDocumentError,
			title=_("Wrong repair order"),
		)
	return order


def ensure_credit_note_of_order(doc) -> None:
	"""A credit note follows its invoice: it may point only at the order that invoice bills."""
	billed = (
		frappe.db.get_value("Sales Invoice", doc.return_against, "as_repair_order")
		if doc.get("return_against")
		else None
	)
	if billed != doc.as_repair_order:
		frappe.throw(
			_("Credit note {0} can refer only to the repair order of the invoice it returns.").format(
				esc(doc.name or _("(new)"))
			),
			exc=LinkedDocumentError,
			title=_("Wrong repair order"),
		)


def invoice_is_live(invoice: str, lock: bool = False) -> bool:
	return frappe.db.get_value("Sales Invoice", invoice, "docstatus", for_update=lock) in LIVE_INVOICE


def refuse_second_invoice(order: str, current: str) -> None:
	frappe.throw(
		_("Repair order {0} already has invoice {1}.").format(esc(order), link("Sales Invoice", current)),
		exc=InvoiceExistsError,
	)


def sales_invoice_on_change(doc, method: str | None = None) -> None:
	# a draft changes nothing an order shows (a draft bill or credit note counts as no bill), and the
	# order of a new draft was set to «not invoiced» when the draft was made
	if not doc.get("as_repair_order") or doc.docstatus == 0:
		return
	# while the invoice itself is saved (submit, cancel), ERPNext's ledger entries set its status through
	# another copy of it, loaded with no action of its own: the saving copy's on_change follows and sees it
	if ("Sales Invoice", doc.name) in frappe.flags.currently_saving and not getattr(doc, "_action", None):
		return
	# a submit runs on_change twice (its own, then ERPNext's status db_set) with nothing new the second time
	state = (doc.docstatus, doc.get("outstanding_amount"), doc.get("grand_total"), doc.get("rounded_total"))
	if doc.flags.as_order_refreshed_for == state:
		return
	doc.flags.as_order_refreshed_for = state
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
	credit note of it — in two queries whatever the number of invoices, and one write per order."""
	if not invoices:
		return
	invoice, order = DocType("Sales Invoice"), DocType("Repair Order")
	linked = dict(
		frappe.qb.from_(invoice)
		.join(order)
		.on(order.name == invoice.as_repair_order)
		.select(order.name, order.sales_invoice)
		.distinct()
		.where(invoice.name.isin(sorted(set(invoices))))
		.where(IfNull(order.sales_invoice, "") != "")
		.run()
	)
	if not linked:
		return
	bills = set(linked.values())
	billed = sorted(bills)
	main: dict[str, dict] = {}
	returns: dict[str, list] = {}
	for row in (
		frappe.qb.from_(invoice)
		.select(
			invoice.name,
			invoice.docstatus,
			invoice.grand_total,
			invoice.rounded_total,
			invoice.outstanding_amount,
			invoice.is_return,
			invoice.return_against,
		)
		.where(
			invoice.name.isin(billed)
			| (invoice.return_against.isin(billed) & (invoice.is_return == 1) & (invoice.docstatus == 1))
		)
		.run(as_dict=True)
	):
		if row.name in bills:
			main[row.name] = row
		if row.is_return and row.docstatus == 1 and row.return_against in bills:
			returns.setdefault(row.return_against, []).append(row)
	for name, bill in linked.items():
		frappe.db.set_value("Repair Order", name, invoice_state(main.get(bill), returns.get(bill, [])))


def get_sales_invoice_dashboard_data(data: dict) -> dict:
	"""Connections on Sales Invoice: the repair order it bills."""
	data.setdefault("internal_links", {})["Repair Order"] = "as_repair_order"
	data["transactions"].append({"label": _("Auto Service"), "items": ["Repair Order"]})
	return data
