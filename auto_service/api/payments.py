"""«Принять оплату» on a repair order: a Payment Entry against the order's invoice, made by ERPNext itself.

Only where Auto Service Settings let the desk take money, and only for users who may submit Payment
Entries. Cash, card or transfer; a part of the outstanding amount is fine, more than it is refused.
"""

from decimal import Decimal

import frappe
from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from frappe import _
from frappe.utils import flt, nowdate

from auto_service.billing import PAYMENT_MODES, PaymentError, mode_account, payments_enabled
from auto_service.messages import link
from auto_service.money import money
from auto_service.money_words import format_money


@frappe.whitelist(methods=["POST"])
def take_payment(repair_order: str, mode: str, amount: float | str) -> dict:
	"""Receive ``amount`` by ``mode`` (cash / card / transfer) against the order's submitted invoice."""
	frappe.has_permission("Repair Order", "read", repair_order, throw=True)
	if not payments_enabled():
		frappe.throw(
			_("Taking payments in repair orders is turned off in Auto Service Settings."), exc=PaymentError
		)
	if not frappe.has_permission("Payment Entry", "submit"):
		frappe.throw(
			_("You may not take payments: that needs the right to submit Payment Entries."),
			exc=frappe.PermissionError,
		)
	if mode not in PAYMENT_MODES:
		frappe.throw(_("Choose how the client pays: cash, card or transfer."), exc=PaymentError)
	value = _amount(amount)

	invoice = frappe.db.get_value("Repair Order", repair_order, "sales_invoice")
	# the invoice row is locked: two cashiers at once cannot take the same money twice
	state = invoice and frappe.db.get_value(
		"Sales Invoice",
		invoice,
		["docstatus", "outstanding_amount", "company", "currency"],
		as_dict=True,
		for_update=True,
	)
	if not state or state.docstatus != 1:
		frappe.throw(_("The repair order has no posted invoice to pay yet."), exc=PaymentError)
	outstanding = money(state.outstanding_amount)
	if outstanding <= 0:
		frappe.throw(
			_("Invoice {0} is paid already.").format(link("Sales Invoice", invoice)),
			exc=PaymentError,
		)
	if value > outstanding:
		frappe.throw(
			_("{0} is more than the client owes ({1}). Enter at most the outstanding amount.").format(
				format_money(value), format_money(outstanding)
			),
			exc=PaymentError,
		)
	mode_of_payment = PAYMENT_MODES[mode]
	account = mode_account(mode_of_payment, state.company)
	if not account:
		frappe.throw(
			_("Mode of payment {0} has no account for company {1}. Set it in the Mode of Payment.").format(
				mode_of_payment, state.company
			),
			exc=PaymentError,
		)

	entry = get_payment_entry("Sales Invoice", invoice, party_amount=flt(value), bank_account=account)
	entry.mode_of_payment = mode_of_payment
	entry.reference_no = entry.reference_no or repair_order
	entry.reference_date = entry.reference_date or nowdate()
	entry.remarks = _("Payment for repair order {0}, {1}").format(repair_order, mode_of_payment)
	entry.insert()
	entry.submit()
	order = frappe.db.get_value(
		"Repair Order", repair_order, ["payment_status", "outstanding_amount"], as_dict=True
	)
	return {
		"payment_entry": entry.name,
		"paid_amount": flt(entry.paid_amount),
		"payment_status": order.payment_status,
		"outstanding_amount": flt(order.outstanding_amount),
	}


def _amount(amount: float | str) -> Decimal:
	try:
		value = money(str(amount).replace(",", ".").replace(" ", "").replace("\u00a0", ""))
	except (ArithmeticError, ValueError):
		value = None
	if value is None or not value.is_finite() or value <= 0:
		frappe.throw(_("Enter the amount received, more than zero."), exc=PaymentError)
	return value
