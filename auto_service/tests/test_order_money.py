# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Orders and money that end somewhere: prices before saving, a draft invoice that reaches the person who
posts it, «Принять оплату» through ERPNext's Payment Entry, prints a Russian client can sign."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import flt

from auto_service.api.payments import take_payment
from auto_service.api.repair_order_form import money_state, preview
from auto_service.api.repair_orders import make_sales_invoice
from auto_service.billing import PAYMENT_MODES, PaymentError, mode_account
from auto_service.exceptions import RepairOrderLinesError
from auto_service.money_words import NBSP
from auto_service.setup.money_setup import ensure_payment_modes, setup_shop_money
from auto_service.tests.factories import (
	ADVISOR_USER,
	MANAGER_USER,
	MASTER_USER,
	NO_ROLE_USER,
	make_act,
	make_client,
	make_master,
	make_order,
	make_part_item,
	make_staff_users,
	make_user,
	make_work_item,
	settings,
)

ACCOUNTANT = "as-accountant@example.com"
WORK = "AS-TEST-M Замена тормозных колодок"
PART = "AS-TEST-M Колодки тормозные"
HOSTILE = '<img src=x onerror=alert(1)><script>alert("x")</script>'


def _plate() -> str:
	letters = "АВЕКМНОРСТУХ"
	return (
		f"{random.choice(letters)}{random.randint(100, 999)}"
		f"{random.choice(letters)}{random.choice(letters)}{random.choice((77, 97, 99, 177, 197, 199, 777))}"
	)


class OrderMoneyTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# an assignment mails its user at once in tests (Notification Log: now=in_test) and the Email Queue
		# commits when it sends: the class's client, orders and invoices would stay on the site. With the
		# queue held they roll back with the class (the cleanup runs before that rollback, clearing the cache)
		frappe.db.set_default("suspend_email_queue", 1)
		cls.addClassCleanup(frappe.db.set_default, "suspend_email_queue", 0)
		make_work_item(WORK, 3000)
		make_part_item(PART, 2450.5, stock_qty=30, valuation_rate=1500)
		make_staff_users()
		make_user(ACCOUNTANT, ("Accounts User",))
		# the assignment's e-mail copy needs an outgoing Email Account the test site need not have
		frappe.db.set_value("Notification Settings", ACCOUNTANT, "enable_email_notifications", 0)
		setup_shop_money()
		cls.master = make_master("Пётр", "Тормозов")
		client = make_client("Деньгин Денис Денисович", vehicle={"license_plate": _plate(), "make": "Kia"})
		cls.customer, cls.vehicle = client["customer"], client["vehicle"]

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def order(self, submit=True, **values):
		return make_order(
			self.customer,
			self.vehicle,
			works=[{"item_code": WORK, "master": self.master, "hours": 1.5}],
			parts=[{"item_code": PART, "qty": 2, "discount_percentage": 5}],
			submit=submit,
			**values,
		)

	def posted_invoice(self, order) -> str:
		invoice = frappe.get_doc("Sales Invoice", make_sales_invoice(order.name))
		invoice.submit()
		return invoice.name


class TestPricingPreview(OrderMoneyTestCase):
	def lines(self):
		return {
			"customer": self.customer,
			"company": settings().company,
			"works": [{"name": "row-w1", "item_code": WORK, "hours": 1.5}],
			"parts": [{"name": "row-p1", "item_code": PART, "qty": 2, "discount_percentage": 5}],
		}

	def test_preview_prices_stock_and_totals_equal_the_saved_order(self):
		orders_before = frappe.db.count("Repair Order")
		result = preview(self.lines())
		self.assertEqual(frappe.db.count("Repair Order"), orders_before, "a preview saves nothing")

		work, part = result["works"][0], result["parts"][0]
		self.assertEqual((work["name"], work["rate"], work["amount"]), ("row-w1", 3000, 4500))
		self.assertEqual(part["name"], "row-p1")
		self.assertEqual(part["rate"], 2450.5)
		self.assertEqual(part["warehouse"], settings().parts_warehouse)
		stock = frappe.db.get_value(
			"Bin", {"item_code": PART, "warehouse": settings().parts_warehouse}, "actual_qty"
		)
		self.assertEqual(part["available_qty"], flt(stock))
		self.assertGreaterEqual(part["available_qty"], 2)
		self.assertEqual(result["taxes_and_charges"], settings().taxes_and_charges)

		saved = self.order(submit=False)
		for field, value in result["totals"].items():
			self.assertEqual(value, flt(saved.get(field)), field)
		self.assertEqual(part["amount"], flt(saved.parts[0].amount))

	def test_preview_shows_vat_as_included_in_russian(self):
		frappe.local.lang = "ru"
		frappe.local.lang_full_dict = None
		vat = preview(self.lines())["vat"]
		if settings().taxes_and_charges:
			self.assertEqual(vat[0]["label"], f"в т.ч. НДС 20{NBSP}%")
			self.assertGreater(vat[0]["amount"], 0)
		without = preview({**self.lines(), "name": self.order(submit=False, taxes_and_charges=None).name})
		self.assertEqual(without["vat"][0]["label"], "Без НДС")
		self.assertEqual(without["totals"]["total_taxes"], 0)

	def test_preview_refuses_a_part_among_works_and_a_stranger(self):
		with self.assertRaises(RepairOrderLinesError):
			preview({**self.lines(), "works": [{"name": "x", "item_code": PART, "hours": 1}]})
		frappe.set_user(NO_ROLE_USER)
		with self.assertRaises(frappe.PermissionError):
			preview(self.lines())

	def test_preview_caps_the_number_of_lines(self):
		many = [{"name": f"r{i}", "item_code": WORK, "hours": 1} for i in range(301)]
		with self.assertRaises(frappe.ValidationError):
			preview({**self.lines(), "works": many})


class TestDraftInvoiceIsAssigned(OrderMoneyTestCase):
	@change_settings("Auto Service Settings", {"invoice_poster": ACCOUNTANT})
	def test_advisors_draft_invoice_goes_to_the_poster_and_the_order_says_so(self):
		order = self.order()
		frappe.set_user(ADVISOR_USER)
		invoice = make_sales_invoice(order.name)
		self.assertEqual(make_sales_invoice(order.name), invoice)  # a second click: same invoice
		self.assertTrue(
			frappe.db.exists(
				"Notification Log", {"for_user": ACCOUNTANT, "document_name": invoice, "type": "Assignment"}
			),
			"the accountant is told in the desk's notifications",
		)
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Sales Invoice", "reference_name": invoice, "status": "Open"},
			pluck="allocated_to",
		)
		self.assertEqual(todos, [ACCOUNTANT], "one assignment, to the one who posts invoices")

		state = money_state(order.name)
		self.assertEqual((state["invoice"], state["docstatus"]), (invoice, 0))
		self.assertEqual(state["assignees"], [frappe.db.get_value("User", ACCOUNTANT, "full_name")])
		self.assertFalse(state["can_submit"])
		self.assertFalse(state["can_take_payment"])

		frappe.set_user(ACCOUNTANT)  # the accountant sees it in their list and may post it
		self.assertTrue(frappe.has_permission("Sales Invoice", "submit", invoice))

	def test_without_a_named_poster_the_accounts_users_are_assigned(self):
		order = self.order()
		frappe.set_user(ADVISOR_USER)
		invoice = make_sales_invoice(order.name)
		assigned = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Sales Invoice", "reference_name": invoice},
			pluck="allocated_to",
		)
		self.assertTrue(assigned)
		self.assertLessEqual(len(assigned), 5)
		for user in assigned:
			self.assertIn("Accounts User", frappe.get_roles(user))
		self.assertNotIn("Administrator", assigned)

	def test_who_may_post_it_is_not_assigned(self):
		order = self.order()
		invoice = make_sales_invoice(order.name)  # Administrator: posts it themselves
		self.assertFalse(
			frappe.db.exists("ToDo", {"reference_type": "Sales Invoice", "reference_name": invoice})
		)


class TestTakePayment(OrderMoneyTestCase):
	def setUp(self):
		self.enterContext(change_settings("Auto Service Settings", {"accept_payments": 1}))

	def test_cash_part_then_card_rest_through_erpnext(self):
		order = self.order()
		invoice = self.posted_invoice(order)
		total = flt(frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount"))
		company = order.company

		frappe.set_user(ACCOUNTANT)
		state = money_state(order.name)
		self.assertTrue(state["can_take_payment"])
		self.assertEqual([m["value"] for m in state["payment_modes"]], ["cash", "card", "transfer"])

		first = take_payment(order.name, "cash", "1 000,50")
		entry = frappe.get_doc("Payment Entry", first["payment_entry"])
		self.assertEqual(entry.docstatus, 1)
		self.assertEqual(entry.mode_of_payment, PAYMENT_MODES["cash"])
		self.assertEqual(entry.paid_to, mode_account(PAYMENT_MODES["cash"], company))
		self.assertEqual(flt(entry.paid_amount), 1000.5)
		self.assertEqual(first["payment_status"], "Partly Paid")
		self.assertAlmostEqual(first["outstanding_amount"], total - 1000.5, places=2)

		rest = take_payment(order.name, "card", total - 1000.5)
		card = frappe.get_doc("Payment Entry", rest["payment_entry"])
		self.assertEqual(card.paid_to, mode_account(PAYMENT_MODES["card"], company))
		self.assertEqual(card.reference_no, order.name)
		self.assertEqual(rest["payment_status"], "Paid")
		with self.assertRaises(PaymentError):
			take_payment(order.name, "cash", 1)  # nothing owed any more

	def test_more_than_owed_and_bad_input_are_refused_and_change_nothing(self):
		order = self.order()
		invoice = self.posted_invoice(order)
		owed = flt(frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount"))
		frappe.set_user(ACCOUNTANT)
		entries = frappe.db.count("Payment Entry")
		for mode, amount in (
			("cash", owed + 0.01),
			("cash", 0),
			("cash", -5),
			("cash", "много"),
			("cash", "NaN"),
			("crypto", 100),
		):
			with self.assertRaises(PaymentError, msg=f"{mode} {amount}"):
				take_payment(order.name, mode, amount)
		self.assertEqual(frappe.db.count("Payment Entry"), entries)
		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "payment_status"), "Unpaid")

	def test_a_master_and_an_advisor_without_the_right_are_refused(self):
		order = self.order()
		self.posted_invoice(order)
		frappe.set_user(ADVISOR_USER)
		self.assertFalse(money_state(order.name)["can_take_payment"])
		for user in (MASTER_USER, ADVISOR_USER):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				take_payment(order.name, "cash", 100)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "payment_status"), "Unpaid")

	def test_a_shop_manager_takes_a_payment_and_erpnext_submits_it(self):
		order = self.order()
		invoice = self.posted_invoice(order)
		owed = flt(frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount"))
		frappe.set_user(MANAGER_USER)
		self.assertEqual(frappe.get_roles(MANAGER_USER).count("Accounts User"), 0)
		self.assertTrue(money_state(order.name)["can_take_payment"])
		paid = take_payment(order.name, "transfer", owed)
		frappe.set_user("Administrator")
		entry = frappe.get_doc("Payment Entry", paid["payment_entry"])
		self.assertEqual(entry.docstatus, 1)
		self.assertEqual(entry.owner, MANAGER_USER)
		self.assertEqual(entry.references[0].reference_name, invoice)
		self.assertEqual(paid["payment_status"], "Paid")
		self.assertEqual(flt(frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount")), 0)

	def test_the_patch_gives_an_installed_read_only_manager_row_the_right_to_take_payments(self):
		from auto_service.patches.v1 import manager_takes_payments

		key = {"parent": "Payment Entry", "role": "Auto Service Manager", "permlevel": 0, "if_owner": 0}
		name = frappe.db.get_value("Custom DocPerm", key)
		self.assertTrue(name, "install gives the manager a row on Payment Entry")
		rights = ("create", "write", "submit", "cancel", "amend")
		frappe.db.set_value("Custom DocPerm", name, dict.fromkeys(rights, 0))  # as earlier versions had it
		frappe.clear_cache(doctype="Payment Entry")
		self.assertFalse(frappe.has_permission("Payment Entry", "submit", user=MANAGER_USER))
		manager_takes_payments.execute()
		self.assertEqual(frappe.db.get_value("Custom DocPerm", name, rights), (1, 1, 1, 1, 1))
		self.assertEqual(frappe.db.get_value("Custom DocPerm", name, "delete"), 0)
		self.assertTrue(frappe.has_permission("Payment Entry", "submit", user=MANAGER_USER))
		self.assertTrue(frappe.has_permission("Account", "read", user=MANAGER_USER))

	def test_a_draft_invoice_cannot_be_paid_here(self):
		order = self.order()
		make_sales_invoice(order.name)
		frappe.set_user(ACCOUNTANT)
		with self.assertRaises(PaymentError):
			take_payment(order.name, "cash", 100)

	def test_switched_off_in_the_settings(self):
		order = self.order()
		self.posted_invoice(order)
		frappe.set_user(ACCOUNTANT)
		with change_settings("Auto Service Settings", {"accept_payments": 0}):
			self.assertFalse(money_state(order.name)["can_take_payment"])
			with self.assertRaises(PaymentError):
				take_payment(order.name, "cash", 100)


class TestModesOfPayment(OrderMoneyTestCase):
	def test_three_modes_with_the_companys_accounts_made_once(self):
		company = settings().company
		ensure_payment_modes(company)
		rows = frappe.db.count("Mode of Payment Account", {"company": company})
		ensure_payment_modes(company)
		self.assertEqual(frappe.db.count("Mode of Payment Account", {"company": company}), rows)
		cash = mode_account("Наличные", company)
		self.assertEqual(frappe.db.get_value("Account", cash, "account_type"), "Cash")
		for mode in ("Банковская карта", "Безналичный перевод"):
			account = mode_account(mode, company)
			self.assertEqual(
				frappe.db.get_value("Account", account, ["account_type", "company"]), ("Bank", company)
			)


class TestPrints(OrderMoneyTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		company = settings().company
		frappe.db.set_value(
			"Company",
			company,
			{"tax_id": "7701234567", "as_kpp": "770101001", "phone_no": "+7 495 123-45-67"},
		)
		address = frappe.get_doc(
			{
				"doctype": "Address",
				"address_title": "АС-ТЕСТ адрес",
				"address_type": "Billing",
				"address_line1": "ул. Моторная, д. 5",
				"city": "Москва",
				"pincode": "123456",
				"country": "Russian Federation",
				"is_your_company_address": 1,
				"is_primary_address": 1,
				"links": [{"link_doctype": "Company", "link_name": company}],
			}
		).insert(ignore_permissions=True)
		cls.address = address.name

	def body(self, doctype: str, name: str) -> str:
		frappe.local.lang = "ru"
		frappe.local.lang_full_dict = None
		html = frappe.get_print(doctype, name, print_format=f"{doctype} RU")
		start = html.index('<div class="as-print">')
		return html[start : html.index("<!-- as-print end -->")]

	def test_order_print_carries_the_shop_the_client_and_money_in_russian(self):
		order = self.order(complaint=HOSTILE, recommendations=HOSTILE)
		frappe.db.set_value("Repair Order Work", order.works[0].name, "description", HOSTILE)
		html = self.body("Repair Order", order.name)
		for text in (
			frappe.db.get_value("Company", order.company, "company_name"),
			"ИНН 7701234567",
			"КПП 770101001",
			"+7 495 123-45-67",
			"123456, Москва, ул. Моторная, д. 5",
			frappe.db.get_value("Customer", self.customer, "mobile_no"),
			f"4{NBSP}500,00{NBSP}₽",
			"Сумма прописью: <b>Девять тысяч сто пятьдесят пять рублей 96 копеек</b>",
			"Дата",
		):
			self.assertIn(text, html)
		if order.taxes_and_charges:
			self.assertIn(f"в т.ч. НДС 20{NBSP}%", html)
		self.assertNotIn("только", html)
		self.assertNotIn("Счёт-фактура", html)
		self.assert_escaped(html)

	def test_act_print_escapes_typed_text_and_drops_a_hostile_signature(self):
		act = make_act(self.customer, self.vehicle, mileage_in=random.randint(500_000, 900_000), submit=False)
		frappe.db.set_value(
			"Acceptance Act",
			act.name,
			{
				"complaint": HOSTILE,
				"valuables": HOSTILE,
				"client_signature": 'javascript:alert(1)" onerror="alert(2)',
				"advisor_signature": "data:image/png;base64,iVBORw0KGgo=",
			},
		)
		html = self.body("Acceptance Act", act.name)
		self.assertIn("ИНН 7701234567", html)
		self.assertIn('<img src="data:image/png;base64,iVBORw0KGgo="', html)
		self.assertNotIn("javascript:", html)
		self.assert_escaped(html)

	def test_pdf_renders(self):
		order = self.order()
		frappe.local.lang = "ru"
		pdf = frappe.get_print("Repair Order", order.name, print_format="Repair Order RU", as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))

	def assert_escaped(self, html: str) -> None:
		self.assertNotIn("<script", html)
		self.assertNotIn("<img src=x", html)
		self.assertNotIn('" onerror="', html)
		self.assertIn("&lt;img src=x onerror=alert(1)&gt;", html)


class TestPaymentConcurrency(FrappeTestCase):
	"""Two cashiers at once cannot take more than the client owes (row lock on the invoice)."""

	def test_parallel_payments_never_exceed_the_outstanding_amount(self):
		from auto_service.tests.cleanup import remove_committed
		from auto_service.tests.concurrency import run_in_parallel

		# committed: the other connections must see it; removed in the end
		make_work_item(WORK, 3000)
		setup_shop_money()
		client = make_client("Параллельная Оплата", vehicle={"license_plate": _plate()})
		settings_doc = frappe.get_single("Auto Service Settings")
		was = settings_doc.accept_payments
		try:
			order = make_order(client["customer"], client["vehicle"], works=[{"item_code": WORK, "hours": 2}])
			invoice = frappe.get_doc("Sales Invoice", make_sales_invoice(order.name))
			invoice.submit()
			owed = flt(invoice.outstanding_amount)
			settings_doc.accept_payments = 1
			settings_doc.save(ignore_permissions=True)
			frappe.db.commit()

			outcomes = run_in_parallel(
				lambda: take_payment(order.name, "cash", round(owed * 0.6, 2)), times=4
			)
			taken = [value for kind, value in outcomes if kind == "ok"]
			refused = [value for kind, value in outcomes if kind == "error"]
			self.assertEqual(len(taken), 1, outcomes)
			self.assertTrue(all(isinstance(err, PaymentError) for err in refused), refused)
			self.assertEqual(
				frappe.db.count("Payment Entry", {"party": client["customer"], "docstatus": 1}), 1
			)
			self.assertAlmostEqual(
				flt(frappe.db.get_value("Sales Invoice", invoice.name, "outstanding_amount")),
				owed - round(owed * 0.6, 2),
				places=2,
			)
		finally:
			frappe.db.rollback()
			settings_doc = frappe.get_single("Auto Service Settings")
			settings_doc.accept_payments = was
			settings_doc.save(ignore_permissions=True)
			remove_committed(customers=[client["customer"]])  # commits
