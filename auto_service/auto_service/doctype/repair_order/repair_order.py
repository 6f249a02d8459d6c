# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Repair Order (заказ-наряд): works by masters and parts, invoiced once through an ERPNext Sales Invoice.

Money lives in ERPNext: the order shows totals computed the way the invoice will compute them, and its
payment status follows the invoice (see ``auto_service.events.accounting``).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType, Order
from frappe.utils import cint, flt, getdate, now_datetime, nowdate

from auto_service.billing import request_invoice_posting
from auto_service.clients import ensure_vehicle_of, record_mileage
from auto_service.documents import ensure_required, keep_fields, restore_unchanged
from auto_service.exceptions import (
	InvoiceExistsError,
	LinkedDocumentError,
	MileageError,
	RepairOrderLinesError,
	StatusTransitionError,
	throw_rule,
)
from auto_service.i18n import RuleError
from auto_service.lifecycle import (
	CANCELLED,
	CLOSED,
	COMPLETED,
	DRAFT,
	IN_PROGRESS,
	check_handover,
	check_transition,
)
from auto_service.links import validate_links
from auto_service.messages import esc, link
from auto_service.money import NOT_INVOICED, PAID, Tax, line_amount, payment_status, totals

LIVE_INVOICE = (0, 1)  # a draft or submitted invoice blocks a second one

# What the server writes: a value a client sends for these is replaced by the server's own. The payment
# fields follow the invoice (events/accounting.py); the hand-over ones change only in change_status.
PAYMENT_FIELDS = ("sales_invoice", "payment_status", "invoiced_amount", "outstanding_amount")
HANDOVER_FIELDS = ("status", "mileage_out", "handed_over_on", "handed_over_by")
NEW_ORDER_VALUES = {
	"status": DRAFT,
	"payment_status": NOT_INVOICED,
	"sales_invoice": None,
	"invoiced_amount": 0,
	"outstanding_amount": 0,
	"mileage_out": 0,
	"handed_over_on": None,
	"handed_over_by": None,
}


class RepairOrder(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from auto_service.auto_service.doctype.repair_order_part.repair_order_part import RepairOrderPart
		from auto_service.auto_service.doctype.repair_order_work.repair_order_work import RepairOrderWork

		acceptance_act: DF.Link | None
		amended_from: DF.Link | None
		company: DF.Link
		complaint: DF.SmallText | None
		currency: DF.Link | None
		customer: DF.Link
		customer_name: DF.Data | None
		grand_total: DF.Currency
		handed_over_by: DF.Link | None
		handed_over_on: DF.Datetime | None
		invoiced_amount: DF.Currency
		lead_source: DF.Link | None
		mileage_in: DF.Int
		mileage_out: DF.Int
		outstanding_amount: DF.Currency
		parts: DF.Table[RepairOrderPart]
		payment_status: DF.Literal["Not Invoiced", "Unpaid", "Partly Paid", "Paid"]
		posting_date: DF.Date
		promised_date: DF.Datetime | None
		recommendations: DF.SmallText | None
		sales_invoice: DF.Link | None
		schedule_slot: DF.Link | None
		service_advisor: DF.Link | None
		status: DF.Literal["Draft", "In Progress", "Ready", "Completed", "Closed", "Cancelled"]
		taxes_and_charges: DF.Link | None
		total_discount: DF.Currency
		total_parts: DF.Currency
		total_taxes: DF.Currency
		total_works: DF.Currency
		vehicle: DF.Link
		vehicle_title: DF.Data | None
		works: DF.Table[RepairOrderWork]

	# end: auto-generated types
	def _validate_links(self) -> None:
		# Frappe's link check of the order and its lines, in two queries however many lines (see links.py)
		validate_links(self)

	def validate(self) -> None:
		ensure_required(self, ("customer", "vehicle", "company"))
		self.keep_server_fields()
		self.set_missing_values()
		self.validate_vehicle_owner()
		self.validate_visit_and_act()
		self.set_line_defaults()
		self.validate_whole_units()
		self.calculate_totals()
		if self.docstatus == 0:
			self.status = DRAFT

	def before_submit(self) -> None:
		self.validate_has_lines()
		self.lock_acceptance_act()
		self.status = IN_PROGRESS

	def on_submit(self) -> None:
		self.link_acceptance_act()

	def after_insert(self) -> None:
		if self.schedule_slot:
			frappe.db.set_value("Master Schedule Slot", self.schedule_slot, "repair_order", self.name)

	def before_update_after_submit(self) -> None:
		self.keep_server_fields()
		self.validate_has_lines()
		self.validate_whole_units()
		self.validate_lines_frozen_by_invoice()
		self.set_line_defaults()
		self.calculate_totals()

	def before_cancel(self) -> None:
		restore_unchanged(self)  # a cancel sent as a save carries nothing else
		self.validate_no_live_invoice()

	def on_cancel(self) -> None:
		self.db_set("status", CANCELLED)

	# ------------------------------------------------------------------ validation
	def keep_server_fields(self) -> None:
		"""Status, payment and hand-over fields are the server's: a new or draft order starts clean; a
		submitted one keeps what the database has, but for the hand-over fields change_status sets."""
		before = self.get_doc_before_save()
		if not before or before.docstatus == 0:
			self.update(NEW_ORDER_VALUES)
			self.schedule_slot = self.schedule_slot if not before else before.schedule_slot
			return
		keep_fields(self, before, PAYMENT_FIELDS)
		if not self.flags.status_change:
			keep_fields(self, before, HANDOVER_FIELDS)

	def validate_visit_and_act(self) -> None:
		"""The visit and the act an order comes from are this client's and this car's, and not another
		live order's."""
		if self.schedule_slot:
			slot = frappe.db.get_value(
				"Master Schedule Slot",
				self.schedule_slot,
				["customer", "vehicle", "repair_order"],
				as_dict=True,
			)
			if not slot or slot.customer != self.customer or slot.vehicle not in (None, "", self.vehicle):
				frappe.throw(
					_("Visit {0} is not a visit of this client and car.").format(esc(self.schedule_slot)),
					exc=LinkedDocumentError,
					title=_("Wrong visit"),
				)
			self._ensure_not_taken("Master Schedule Slot", self.schedule_slot, slot.repair_order)
		if self.acceptance_act:
			act = frappe.db.get_value(
				"Acceptance Act",
				self.acceptance_act,
				["customer", "vehicle", "docstatus", "repair_order"],
				as_dict=True,
			)
			if not act or act.customer != self.customer or act.vehicle != self.vehicle or act.docstatus != 1:
				frappe.throw(
					_("Acceptance act {0} is not a submitted act of this client and car.").format(
						esc(self.acceptance_act)
					),
					exc=LinkedDocumentError,
					title=_("Wrong acceptance act"),
				)
			self._ensure_not_taken("Acceptance Act", self.acceptance_act, act.repair_order)

	def _ensure_not_taken(self, doctype: str, name: str, order: str | None) -> None:
		if order and order != self.name and frappe.db.get_value("Repair Order", order, "docstatus") in (0, 1):
			frappe.throw(
				_("{0} {1} already belongs to repair order {2}.").format(
					_(doctype), esc(name), link("Repair Order", order)
				),
				exc=LinkedDocumentError,
				title=_("Already in another order"),
			)

	def lock_acceptance_act(self) -> None:
		"""Two orders submitted at once from one act: the act's row is taken first, the second waits and
		then finds the act linked to the first (a locking read sees it)."""
		if not self.acceptance_act:
			return
		order = frappe.db.get_value("Acceptance Act", self.acceptance_act, "repair_order", for_update=True)
		if order and order != self.name:
			self._ensure_not_taken("Acceptance Act", self.acceptance_act, order)

	def validate_whole_units(self) -> None:
		"""A work or part sold in a unit that must be whole (pcs, a fixed-price job) takes whole numbers:
		caught here, not when the invoice is made."""
		items = self._item_facts()
		stock_uoms = {code: row.stock_uom for code, row in items.items()}
		lines = [(row, stock_uoms.get(row.item_code), row.hours) for row in self.works]
		lines += [(row, row.uom or stock_uoms.get(row.item_code), row.qty) for row in self.parts]
		uoms = sorted({uom for _row, uom, _q in lines if uom})
		unit = DocType("UOM")
		whole = set(
			(
				frappe.qb.from_(unit)
				.select(unit.name)
				.where(unit.name.isin(uoms))
				.where(unit.must_be_whole_number == 1)
				.run(pluck=True)
			)
			if uoms
			else ()
		)
		for row, uom, quantity in lines:
			if flt(quantity) <= 0:
				frappe.throw(
					_("Row {0}: {1}: the quantity must be above zero.").format(row.idx, esc(row.item_code)),
					exc=RepairOrderLinesError,
				)
			if uom in whole and flt(quantity) != cint(quantity):
				frappe.throw(
					_("Row {0}: {1} is sold in {2}, which must be a whole number (not {3}).").format(
						row.idx, esc(row.item_code), esc(uom), flt(quantity)
					),
					exc=RepairOrderLinesError,
					title=_("Whole number needed"),
				)

	def set_missing_values(self) -> None:
		settings = frappe.get_cached_doc("Auto Service Settings")
		if not self.company:
			self.company = settings.company or frappe.defaults.get_user_default("Company")
		self.currency = frappe.get_cached_value("Company", self.company, "default_currency")
		if not self.lead_source:
			self.lead_source = frappe.db.get_value("Customer", self.customer, "as_lead_source")
		if self.is_new() and not self.taxes_and_charges:
			self.taxes_and_charges = settings.taxes_and_charges
		for row in self.works + self.parts:
			row.currency = self.currency

	def validate_vehicle_owner(self) -> None:
		ensure_vehicle_of(self.customer, self.vehicle)

	def validate_has_lines(self) -> None:
		if not (self.works or self.parts):
			frappe.throw(
				_("Add at least one work or part to the repair order."),
				exc=RepairOrderLinesError,
				title=_("Empty repair order"),
			)

	def set_line_defaults(self) -> None:
		"""Rates from the price list, warehouse from the settings, available stock; works must be services
		and parts must be stock items. One query per kind of fact, never one per row."""
		settings = frappe.get_cached_doc("Auto Service Settings")
		items = self._item_facts()
		prices = self._selling_prices(settings.selling_price_list)
		for row in self.works:
			if row.item_code not in items:
				frappe.throw(
					_("Row {0}: item {1} not found.").format(row.idx, esc(row.item_code)),
					exc=RepairOrderLinesError,
				)
			if items.get(row.item_code, {}).get("is_stock_item"):
				frappe.throw(
					_("Row {0}: {1} is a stock item; put it under Parts.").format(
						row.idx, esc(row.item_code)
					),
					exc=RepairOrderLinesError,
				)
			if not row.rate:
				row.rate = prices.get(row.item_code) or settings.default_labour_rate or 0
			if not row.description:
				row.description = items.get(row.item_code, {}).get("item_name")
		for row in self.parts:
			if not items.get(row.item_code, {}).get("is_stock_item"):
				frappe.throw(
					_("Row {0}: {1} is not a stock item; put it under Works.").format(
						row.idx, esc(row.item_code)
					),
					exc=RepairOrderLinesError,
				)
			row.warehouse = row.warehouse or settings.parts_warehouse
			row.uom = row.uom or items[row.item_code]["stock_uom"]
			if not row.rate:
				row.rate = prices.get(row.item_code) or 0
		available = self._available_qty()
		for row in self.parts:
			row.available_qty = available.get((row.item_code, row.warehouse), 0)

	def _item_facts(self) -> dict[str, dict]:
		"""The lines' items (stock item?, unit, name), read once for the same set of lines: the checks of
		one save, and an insert and submit in one request, share them."""
		codes = sorted({row.item_code for row in self.works + self.parts})
		known = self.flags.item_facts
		if known and known[0] == codes:
			return known[1]
		item = DocType("Item")
		rows = (
			frappe.qb.from_(item)
			.select(item.name, item.is_stock_item, item.stock_uom, item.item_name)
			.where(item.name.isin(codes))
			.run(as_dict=True)
			if codes
			else []
		)
		facts = {row.name: row for row in rows}
		self.flags.item_facts = (codes, facts)
		return facts

	def _selling_prices(self, price_list: str | None) -> dict[str, float]:
		if not price_list:
			return {}
		codes = list({row.item_code for row in self.works + self.parts if not row.rate})
		if not codes:
			return {}
		price = DocType("Item Price")
		rows = (
			frappe.qb.from_(price)
			.select(price.item_code, price.price_list_rate)
			.where(price.price_list == price_list)
			.where(price.item_code.isin(codes))
			.where(price.selling == 1)
			.orderby(price.valid_from, order=Order.desc)
			.run(as_dict=True)
		)
		prices: dict[str, float] = {}
		for row in rows:
			prices.setdefault(row.item_code, row.price_list_rate)
		return prices

	def _available_qty(self) -> dict[tuple[str, str], float]:
		pairs = [(row.item_code, row.warehouse) for row in self.parts if row.warehouse]
		if not pairs:
			return {}
		bin_ = DocType("Bin")
		rows = (
			frappe.qb.from_(bin_)
			.select(bin_.item_code, bin_.warehouse, bin_.actual_qty)
			.where(bin_.item_code.isin([p[0] for p in pairs]))
			.where(bin_.warehouse.isin([p[1] for p in pairs]))
			.run(as_dict=True)
		)
		return {(row.item_code, row.warehouse): flt(row.actual_qty) for row in rows}

	def calculate_totals(self) -> None:
		# amounts are exact Decimals in auto_service.money; the document holds them as the floats the database
		# gives back, so that an unchanged amount reads as unchanged (a Decimal 4541.67 is not the float
		# 4541.67: the version diff of each submit then formatted both to compare them, at four queries each)
		result = totals(self.works, self.parts, self._taxes())  # rows answer .get() as dicts do
		for row in self.works:
			row.amount = flt(line_amount(row.hours, row.rate, row.discount_percentage))
		for row in self.parts:
			row.amount = flt(line_amount(row.qty, row.rate, row.discount_percentage))
		self.total_works = flt(result.works)
		self.total_parts = flt(result.parts)
		self.total_discount = flt(result.discount)
		self.total_taxes = flt(result.taxes)
		self.grand_total = flt(result.grand_total)

	def _taxes(self) -> list[Tax]:
		if not self.taxes_and_charges:
			return []
		tax = DocType("Sales Taxes and Charges")
		rows = (
			frappe.qb.from_(tax)
			.select(tax.rate, tax.included_in_print_rate, tax.charge_type)
			.where(tax.parent == self.taxes_and_charges)
			.where(tax.parenttype == "Sales Taxes and Charges Template")
			.orderby(tax.idx)
			.run(as_dict=True)
		)
		return [
			Tax(row.rate, bool(row.included_in_print_rate))
			for row in rows
			if row.charge_type == "On Net Total"
		]

	def validate_lines_frozen_by_invoice(self) -> None:
		if not self.live_invoice():
			return
		before = self.get_doc_before_save()
		if before and self._lines_signature(before) != self._lines_signature(self):
			frappe.throw(
				_("Works and parts cannot change while invoice {0} exists. Cancel the invoice first.").format(
					link("Sales Invoice", self.sales_invoice)
				),
				exc=InvoiceExistsError,
			)

	@staticmethod
	def _lines_signature(doc) -> list[tuple]:
		return [
			(r.item_code, flt(r.get("hours") or r.get("qty")), flt(r.rate), flt(r.discount_percentage))
			for r in doc.works + doc.parts
		]

	def validate_no_live_invoice(self) -> None:
		invoice = self.live_invoice()
		if invoice:
			frappe.throw(
				_(
					"Repair order {0} has invoice {1}. Cancel (or delete, if it is a draft) the invoice first."
				).format(esc(self.name), link("Sales Invoice", invoice)),
				exc=InvoiceExistsError,
				title=_("Invoice exists"),
			)

	def live_invoice(self) -> str | None:
		if (
			self.sales_invoice
			and frappe.db.get_value("Sales Invoice", self.sales_invoice, "docstatus") in LIVE_INVOICE
		):
			return self.sales_invoice
		return None

	def link_acceptance_act(self) -> None:
		if self.acceptance_act:
			frappe.db.set_value("Acceptance Act", self.acceptance_act, "repair_order", self.name)

	# ------------------------------------------------------------------ actions
	def change_status(self, status: str, mileage_out: int | None = None) -> None:
		try:
			check_transition(self.status, status)
		except RuleError as err:
			throw_rule(err, StatusTransitionError, _("Status"), args_context="Repair Order")
		if status == COMPLETED:
			try:
				check_handover(self.mileage_in, mileage_out)
			except RuleError as err:
				throw_rule(err, MileageError, _("Mileage"))
		if status == CLOSED and self.payment_status != PAID:
			frappe.throw(
				_("Repair order {0} is not paid ({1}). Close it once the invoice is paid.").format(
					esc(self.name), _(self.payment_status, context="Repair Order")
				),
				exc=StatusTransitionError,
			)
		self.status = status
		if status == COMPLETED:
			self.mileage_out = mileage_out
			self.handed_over_on = now_datetime()
			self.handed_over_by = frappe.session.user
		self.flags.status_change = True
		self.save()
		self.flags.status_change = False
		if status == COMPLETED:
			record_mileage(self.vehicle, mileage_out, getdate(nowdate()))

	def make_sales_invoice(self) -> str:
		"""The order's one invoice: made once, however many clicks arrive at once.

		The order row is locked first; a concurrent call waits, then finds the invoice the first one made.
		"""
		locked = frappe.db.get_value(
			"Repair Order",
			self.name,
			["docstatus", "sales_invoice", "modified"],
			as_dict=True,
			for_update=True,
		)
		if locked.docstatus != 1:
			frappe.throw(_("Submit the repair order before invoicing it."), exc=StatusTransitionError)
		# a locking read: under REPEATABLE READ a plain read would still see the snapshot taken before a
		# concurrent caller committed its invoice (the race the concurrency test caught)
		if (
			locked.sales_invoice
			and frappe.db.get_value("Sales Invoice", locked.sales_invoice, "docstatus", for_update=True)
			in LIVE_INVOICE
		):
			return locked.sales_invoice
		if str(locked.modified) != str(self.modified):
			self.reload()  # changed since it was read: bill what is under the lock
		invoice = self.build_sales_invoice()
		invoice.insert()
		# a draft invoice changes nothing the order's hooks follow (facts count no drafts), so the row is
		# written without db_set's reload of the whole order for them
		values = {"sales_invoice": invoice.name, **invoice_state(None)}
		frappe.db.set_value(self.doctype, self.name, values)
		self.update(values)
		request_invoice_posting(self, invoice.name)
		return invoice.name

	def build_sales_invoice(self):
		"""The order's lines, prices, discounts and taxes as an unsaved Sales Invoice."""
		settings = frappe.get_cached_doc("Auto Service Settings")
		invoice = frappe.new_doc("Sales Invoice")
		invoice.update(
			{
				"customer": self.customer,
				"company": self.company,
				"posting_date": nowdate(),
				"set_posting_time": 0,
				"update_stock": 1 if self.parts else 0,
				"source": self.lead_source,
				"as_repair_order": self.name,
				"selling_price_list": settings.selling_price_list,
				"ignore_pricing_rule": 1,
				"taxes_and_charges": self.taxes_and_charges,
				"remarks": _("Repair order {0}, vehicle {1}").format(
					self.name, self.vehicle_title or self.vehicle
				),
			}
		)
		for row in self.works:
			invoice.append(
				"items",
				{"description": row.description or row.item_code, "qty": row.hours, **_invoice_price(row)},
			)
		for row in self.parts:
			invoice.append(
				"items",
				{"qty": row.qty, "uom": row.uom, "warehouse": row.warehouse, **_invoice_price(row)},
			)
		invoice.set("taxes", [])
		if self.taxes_and_charges:
			invoice.append_taxes_from_master()
		# the rest (accounts, due date, item details, totals) ERPNext's own validate fills on insert, as for
		# any invoice: filling it here as well did that work twice
		return invoice


def _invoice_price(row) -> dict:
	"""The invoice line's item and price for an order line: list rate, discount, discounted rate."""
	return {
		"item_code": row.item_code,
		"price_list_rate": row.rate,
		"discount_percentage": row.discount_percentage,
		"rate": flt(row.rate) * (1 - flt(row.discount_percentage) / 100),
	}


def invoice_state(invoice: dict | None, returns: list[dict] = ()) -> dict:
	"""Payment status and amounts an order shows for its invoice and that invoice's submitted credit notes
	(``None`` or not submitted: not billed). A credit note with its own outstanding (ERPNext's default)
	shows as money due back to the client (negative outstanding) until the refund is paid."""
	if not invoice or invoice.get("docstatus") != 1:
		return {"payment_status": NOT_INVOICED, "invoiced_amount": 0, "outstanding_amount": 0}
	documents = [invoice, *returns]
	billed = sum(flt(d.get("rounded_total")) or flt(d.get("grand_total")) for d in documents)
	outstanding = sum(flt(d.get("outstanding_amount")) for d in documents)
	return {
		"payment_status": payment_status(billed, outstanding),
		"invoiced_amount": billed,
		"outstanding_amount": outstanding,
	}
