# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Intake to hand-over on a real site: act -> order -> invoice -> payments, stock and GL in ERPNext."""

import random

import frappe
from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt, nowdate

from auto_service.api.repair_orders import make_repair_order_from_act, make_sales_invoice, set_status
from auto_service.exceptions import (
	InvoiceExistsError,
	MileageError,
	RepairOrderLinesError,
	StatusTransitionError,
)
from auto_service.money import totals
from auto_service.tests.cleanup import remove_committed
from auto_service.tests.concurrency import run_in_parallel
from auto_service.tests.factories import (
	MASTER_USER,
	make_act,
	make_client,
	make_master,
	make_master_of_user,
	make_order,
	make_part_item,
	make_staff_users,
	make_work_item,
	settings,
)

test_ignore = [
	"Acceptance Act",
	"Company",
	"Currency",
	"Customer",
	"Customer Vehicle",
	"Employee",
	"Item",
	"Lead Source",
	"Master Schedule Slot",
	"Repair Order",
	"Sales Invoice",
	"Sales Taxes and Charges Template",
	"UOM",
	"User",
	"Warehouse",
]

WORK_A = "AS-TEST Замена амортизатора"
WORK_B = "AS-TEST Диагностика подвески"
PART_A = "AS-TEST Амортизатор передний"
PART_B = "AS-TEST Опора амортизатора"


def setup_catalogue() -> None:
	make_work_item(WORK_A, 2500)
	make_work_item(WORK_B, 1800)
	make_part_item(PART_A, 6500, stock_qty=20, valuation_rate=4000)
	make_part_item(PART_B, 1200.5, stock_qty=50, valuation_rate=700)


def pay(invoice: str, amount: float):
	entry = get_payment_entry("Sales Invoice", invoice, party_amount=amount)
	entry.reference_no = f"AS-{frappe.generate_hash(length=6)}"
	entry.reference_date = nowdate()
	entry.insert()
	entry.submit()
	return entry


class RepairOrderTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		setup_catalogue()
		cls.master = make_master("Иван", "Механиков")
		client = make_client(
			"Ремонтов Роман Романович",
			lead_source=frappe.get_all("Lead Source", pluck="name", limit=1)[0],
			vehicle={
				"license_plate": "Р777РР77",
				"vin": "XTA210990Y2765432",
				"make": "Lada",
				"model": "2109",
			},
		)
		cls.customer, cls.vehicle = client["customer"], client["vehicle"]

	def lines(self):
		works = [
			{"item_code": WORK_A, "master": self.master, "hours": 1.5},
			{"item_code": WORK_B, "master": self.master, "hours": 0.5, "discount_percentage": 10},
		]
		parts = [{"item_code": PART_A, "qty": 2}, {"item_code": PART_B, "qty": 2, "discount_percentage": 5}]
		return works, parts


class TestRepairOrderFlow(RepairOrderTestCase):
	def test_full_flow_from_act_to_paid_with_stock_and_ledger(self):
		act = make_act(self.customer, self.vehicle, mileage_in=123_400)
		self.assertEqual(frappe.db.get_value("Customer Vehicle", self.vehicle, "last_mileage"), 123_400)

		order = frappe.get_doc(make_repair_order_from_act(act.name))
		self.assertEqual(
			(order.customer, order.vehicle, order.acceptance_act), (self.customer, self.vehicle, act.name)
		)
		self.assertEqual(order.mileage_in, 123_400)
		works, parts = self.lines()
		order.extend("works", works)
		order.extend("parts", parts)
		order.insert()
		order.submit()
		self.assertEqual(order.status, "In Progress")
		self.assertEqual(frappe.db.get_value("Acceptance Act", act.name, "repair_order"), order.name)
		self.assertEqual(order.lead_source, frappe.db.get_value("Customer", self.customer, "as_lead_source"))

		# rates from the price list, totals as the pure arithmetic says
		self.assertEqual([w.rate for w in order.works], [2500, 1800])
		self.assertEqual([p.rate for p in order.parts], [6500, 1200.5])
		expected = totals([w.as_dict() for w in order.works], [p.as_dict() for p in order.parts])
		self.assertEqual(flt(order.grand_total, 2), flt(expected.grand_total, 2))
		self.assertEqual(flt(order.total_works), 2500 * 1.5 + 1620 * 0.5)
		self.assertEqual(order.parts[0].available_qty >= 2, True)

		stock_before = frappe.db.get_value(
			"Bin", {"item_code": PART_A, "warehouse": settings().parts_warehouse}, "actual_qty"
		)

		invoice_name = make_sales_invoice(order.name)
		self.assertEqual(
			make_sales_invoice(order.name), invoice_name, "second click must not make a second invoice"
		)
		invoice = frappe.get_doc("Sales Invoice", invoice_name)
		self.assertEqual(invoice.as_repair_order, order.name)
		self.assertEqual(invoice.source, order.lead_source)
		self.assertEqual(invoice.update_stock, 1)
		self.assertEqual(len(invoice.items), 4)
		self.assertEqual(flt(invoice.grand_total, 2), flt(order.grand_total, 2))
		self.assertAlmostEqual(flt(invoice.total_taxes_and_charges), flt(order.total_taxes), delta=0.05)
		invoice.submit()

		order.reload()
		self.assertEqual(order.sales_invoice, invoice_name)
		self.assertEqual(order.payment_status, "Unpaid")
		billed = flt(invoice.rounded_total) or flt(invoice.grand_total)
		self.assertEqual(flt(order.outstanding_amount), billed)

		# stock left the warehouse with the invoice; the ledger balances
		stock_after = frappe.db.get_value(
			"Bin", {"item_code": PART_A, "warehouse": settings().parts_warehouse}, "actual_qty"
		)
		self.assertEqual(stock_before - stock_after, 2)
		sle = frappe.get_all(
			"Stock Ledger Entry",
			filters={"voucher_no": invoice_name, "is_cancelled": 0},
			fields=["item_code", "actual_qty"],
		)
		self.assertEqual(sorted((r.item_code, r.actual_qty) for r in sle), [(PART_A, -2), (PART_B, -2)])
		gl = frappe.get_all(
			"GL Entry",
			filters={"voucher_no": invoice_name, "is_cancelled": 0},
			fields=["sum(debit) as debit", "sum(credit) as credit"],
		)[0]
		self.assertAlmostEqual(flt(gl.debit), flt(gl.credit), places=2)
		self.assertGreater(flt(gl.debit), 0)

		pay(invoice_name, 5000)
		order.reload()
		self.assertEqual(order.payment_status, "Partly Paid")
		self.assertAlmostEqual(flt(order.outstanding_amount), billed - 5000, places=2)

		pay(invoice_name, billed - 5000)
		order.reload()
		self.assertEqual(order.payment_status, "Paid")
		self.assertEqual(flt(order.outstanding_amount), 0)

		# hand-over and closing
		set_status(order.name, "Ready")
		with self.assertRaises(MileageError):
			set_status(order.name, "Completed", 120_000)
		set_status(order.name, "Completed", 123_450)
		order.reload()
		self.assertEqual(
			(order.status, order.mileage_out, order.handed_over_by), ("Completed", 123_450, "Administrator")
		)
		self.assertEqual(frappe.db.get_value("Customer Vehicle", self.vehicle, "last_mileage"), 123_450)
		set_status(order.name, "Closed")
		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "status"), "Closed")

	def test_advance_payment_reconciled_in_erpnext_marks_the_order_paid(self):
		works, _parts = self.lines()
		order = make_order(self.customer, self.vehicle, works=works[:1])
		advance = frappe.get_doc(
			{
				"doctype": "Payment Entry",
				"payment_type": "Receive",
				"company": order.company,
				"party_type": "Customer",
				"party": self.customer,
				"paid_amount": flt(order.grand_total),
				"received_amount": flt(order.grand_total),
				"reference_no": "ADV-1",
				"reference_date": nowdate(),
				"paid_to": frappe.get_cached_value("Company", order.company, "default_cash_account"),
				"source_exchange_rate": 1,
				"target_exchange_rate": 1,
			}
		)
		advance.setup_party_account_field()
		advance.set_missing_values()
		advance.insert()
		advance.submit()

		invoice = frappe.get_doc("Sales Invoice", make_sales_invoice(order.name))
		invoice.set("advances", [])
		invoice.submit()
		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "payment_status"), "Unpaid")

		reconciliation = frappe.get_doc(
			{
				"doctype": "Payment Reconciliation",
				"company": order.company,
				"party_type": "Customer",
				"party": self.customer,
				"receivable_payable_account": invoice.debit_to,
			}
		)
		reconciliation.get_unreconciled_entries()
		invoices = [row.as_dict() for row in reconciliation.invoices if row.invoice_number == invoice.name]
		payments = [row.as_dict() for row in reconciliation.payments if row.reference_name == advance.name]
		reconciliation.allocate_entries(frappe._dict({"invoices": invoices, "payments": payments}))
		reconciliation.reconcile()

		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "payment_status"), "Paid")

	def test_refund_through_a_credit_note_shows_then_clears_the_money_due_back(self):
		from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

		order = make_order(
			self.customer,
			self.vehicle,
			works=[{"item_code": WORK_A, "hours": 1}],
			parts=[{"item_code": PART_A, "qty": 2}],
		)
		invoice = frappe.get_doc("Sales Invoice", make_sales_invoice(order.name))
		invoice.submit()
		pay(invoice.name, flt(invoice.rounded_total) or flt(invoice.grand_total))
		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "payment_status"), "Paid")

		credit_note = make_sales_return(invoice.name)  # one of the two parts comes back
		credit_note.items = [row for row in credit_note.items if row.item_code == PART_A]
		credit_note.items[0].qty = -1
		credit_note.insert()
		credit_note.submit()
		refund = abs(flt(credit_note.rounded_total) or flt(credit_note.grand_total))
		order.reload()
		self.assertEqual(order.sales_invoice, invoice.name)
		self.assertAlmostEqual(flt(order.outstanding_amount), -refund, places=2)  # due back to the client
		self.assertEqual(order.payment_status, "Refund Due")

		entry = get_payment_entry("Sales Invoice", credit_note.name)
		entry.reference_no, entry.reference_date = "REFUND-1", nowdate()
		entry.insert()
		entry.submit()
		order.reload()
		self.assertEqual(flt(order.outstanding_amount), 0)
		self.assertEqual(order.payment_status, "Paid")
		self.assertAlmostEqual(
			flt(order.invoiced_amount), flt(invoice.rounded_total or invoice.grand_total) - refund, places=2
		)

	def test_cancelled_invoice_frees_the_order_for_a_new_one(self):
		works, parts = self.lines()
		order = make_order(self.customer, self.vehicle, works=works, parts=parts)
		first = frappe.get_doc("Sales Invoice", make_sales_invoice(order.name))
		first.submit()
		with self.assertRaises(InvoiceExistsError) as ctx:
			frappe.get_doc("Repair Order", order.name).cancel()
		self.assertIn(first.name, str(ctx.exception))

		first.cancel()
		order.reload()
		self.assertEqual(order.payment_status, "Not Invoiced")
		second = make_sales_invoice(order.name)
		self.assertNotEqual(second, first.name)
		frappe.delete_doc("Sales Invoice", second)
		self.assertFalse(frappe.db.get_value("Repair Order", order.name, "sales_invoice"))
		frappe.get_doc("Repair Order", order.name).cancel()
		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "status"), "Cancelled")

	def test_lines_cannot_change_while_an_invoice_exists(self):
		works, _parts = self.lines()
		order = make_order(self.customer, self.vehicle, works=works)
		make_sales_invoice(order.name)
		order.reload()
		order.works[0].hours = 3
		with self.assertRaises(InvoiceExistsError):
			order.save()

	def test_a_copy_of_the_invoice_is_refused(self):
		works, _parts = self.lines()
		order = make_order(self.customer, self.vehicle, works=works)
		invoice = frappe.get_doc("Sales Invoice", make_sales_invoice(order.name))
		copy = frappe.copy_doc(invoice)
		with self.assertRaises(InvoiceExistsError):
			copy.insert()


class TestRepairOrderRefusals(RepairOrderTestCase):
	def test_mileage_going_backwards_is_refused_without_a_reason(self):
		make_act(self.customer, self.vehicle, mileage_in=200_000)
		with self.assertRaises(MileageError):
			make_act(self.customer, self.vehicle, mileage_in=150_000)
		corrected = make_act(
			self.customer, self.vehicle, mileage_in=150_000, mileage_correction_reason="Замена щитка приборов"
		)
		self.assertEqual(corrected.docstatus, 1)

	def test_order_without_works_or_parts_cannot_be_submitted(self):
		draft = make_order(self.customer, self.vehicle, submit=False)
		with self.assertRaises(RepairOrderLinesError):
			draft.submit()
		self.assertEqual(frappe.db.get_value("Repair Order", draft.name, "docstatus"), 0)

	def test_stock_item_among_works_is_refused(self):
		with self.assertRaises(RepairOrderLinesError):
			make_order(self.customer, self.vehicle, works=[{"item_code": PART_A, "hours": 1}], submit=False)

	def test_vehicle_of_another_client_is_refused(self):
		other = make_client("Чужой Владелец", vehicle={"license_plate": "О001ОО01"})
		with self.assertRaises(frappe.ValidationError):
			make_order(
				self.customer, other["vehicle"], works=[{"item_code": WORK_A, "hours": 1}], submit=False
			)

	def test_invoice_needs_a_submitted_order(self):
		order = make_order(
			self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}], submit=False
		)
		with self.assertRaises(StatusTransitionError):
			make_sales_invoice(order.name)

	def test_status_cannot_skip_steps_and_closing_needs_payment(self):
		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		with self.assertRaises(StatusTransitionError):
			set_status(order.name, "Completed", 999_999)
		set_status(order.name, "Ready")
		set_status(order.name, "Completed", 999_999)
		with self.assertRaises(StatusTransitionError):
			set_status(order.name, "Closed")

	def test_registration_mismatch_is_shown_on_the_act(self):
		act = make_act(
			self.customer, self.vehicle, mileage_in=300_000, plate_seen="р 778 рр 77", submit=False
		)
		self.assertIn("Р778РР77", act.registration_mismatch)
		same = make_act(self.customer, self.vehicle, mileage_in=300_000, plate_seen="P777PP77", submit=False)
		self.assertFalse(same.registration_mismatch)

	def test_new_act_starts_with_the_equipment_checklist(self):
		act = make_act(self.customer, self.vehicle, mileage_in=300_000, submit=False)
		expected = [row.item for row in settings().equipment_checklist]
		self.assertTrue(expected)
		self.assertEqual([row.item for row in act.equipment], expected)


class TestRepairOrderRoles(RepairOrderTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff_users()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_master_cannot_make_or_submit_an_invoice(self):
		works, _parts = self.lines()
		order = make_order(self.customer, self.vehicle, works=works)
		invoice = make_sales_invoice(order.name)
		frappe.set_user(MASTER_USER)
		with self.assertRaises(frappe.PermissionError):
			make_sales_invoice(order.name)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Sales Invoice", invoice).submit()

	def test_master_cannot_change_prices(self):
		me = make_master_of_user(MASTER_USER)
		order = make_order(
			self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1, "master": me}], submit=False
		)
		frappe.set_user(MASTER_USER)
		mine = frappe.get_doc("Repair Order", order.name)
		mine.works[0].rate = 1
		mine.works[0].hours = 2  # masters may record the hours
		mine.save()
		frappe.set_user("Administrator")
		saved = frappe.get_doc("Repair Order", order.name)
		self.assertEqual(saved.works[0].rate, 2500)
		self.assertEqual(saved.works[0].hours, 2)


class TestRepairOrderPrintAndHistory(RepairOrderTestCase):
	def test_print_formats_render_to_pdf(self):
		act = make_act(
			self.customer, self.vehicle, mileage_in=400_000, damages=[{"zone": "Hood", "damage_type": "Chip"}]
		)
		works, parts = self.lines()
		order = make_order(self.customer, self.vehicle, works=works, parts=parts, acceptance_act=act.name)
		for doctype, name, phrase in (
			("Acceptance Act", act.name, "Капот"),
			("Repair Order", order.name, WORK_A),
		):
			frappe.local.lang = "ru"
			html = frappe.get_print(doctype, name, print_format=f"{doctype} RU")
			self.assertIn(phrase, html)
			pdf = frappe.get_print(doctype, name, print_format=f"{doctype} RU", as_pdf=True)
			self.assertTrue(pdf.startswith(b"%PDF"), doctype)
		frappe.local.lang = "en"


class TestInvoiceConcurrency(FrappeTestCase):
	"""Ten clicks at once on one order make exactly one invoice (row lock on the order)."""

	def test_ten_parallel_make_invoice_calls_make_one_invoice(self):
		# committed, then removed with everything made for it (the order's invoice, the client, the item);
		# only the work item: setup_catalogue() would commit stock receipts that pile up run after run
		had_work_item = frappe.db.exists("Item", WORK_A)
		make_work_item(WORK_A, 2500)
		plate = f"С{random.randint(1, 999):03d}СС{random.randint(10, 99)}"
		client = make_client("Параллельный Клиент", vehicle={"license_plate": plate})
		self.addCleanup(
			remove_committed, customers=[client["customer"]], items=[] if had_work_item else [WORK_A]
		)
		order = make_order(client["customer"], client["vehicle"], works=[{"item_code": WORK_A, "hours": 1}])
		frappe.db.commit()  # the other connections must see the order
		outcomes = run_in_parallel(lambda: make_sales_invoice(order.name), times=10)
		results = [value for kind, value in outcomes if kind == "ok"]
		errors = [value for kind, value in outcomes if kind == "error"]
		self.assertEqual(errors, [])
		self.assertEqual(len(results), 10)
		self.assertEqual(len(set(results)), 1)
		self.assertEqual(frappe.db.count("Sales Invoice", {"as_repair_order": order.name}), 1)
