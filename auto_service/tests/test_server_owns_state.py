"""Issue 7: what the server computes or links belongs to the server — proven through the REST API's own
paths (``/api/resource`` POST/PUT, ``frappe.client.*``) as a Service Advisor, the lowest role that may
write these documents. Each test sends what an attacker would and reads back what was stored."""

import random

import frappe
from frappe.client import save as client_save
from frappe.client import set_value as client_set_value
from frappe.client import submit as client_submit
from frappe.utils import flt

from auto_service.api.repair_orders import make_sales_invoice
from auto_service.auto_service.doctype.repair_order.test_repair_order import (
	PART_A,
	WORK_A,
	RepairOrderTestCase,
	pay,
)
from auto_service.exceptions import InvoiceExistsError, LinkedDocumentError, ServerFieldError
from auto_service.tests.factories import ADVISOR_USER, make_act, make_client, make_order, make_staff_users
from auto_service.tests.rest import post_resource, put_resource

FORGED_ORDER = {
	"status": "Closed",
	"payment_status": "Paid",
	"invoiced_amount": 1,
	"outstanding_amount": 0,
	"grand_total": 1,
	"total_works": 1,
	"total_parts": 1,
	"handed_over_on": "2020-01-01 10:00:00",
	"handed_over_by": "Administrator",
	"mileage_out": 999_999,
}


def random_plate() -> str:
	return f"Т{random.randint(100, 999)}ТТ{random.randint(10, 99)}"


class ServerOwnsStateCase(RepairOrderTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff_users()
		other = make_client("Чужой Клиент Петрович", vehicle={"license_plate": random_plate()})
		cls.other_customer, cls.other_vehicle = other["customer"], other["vehicle"]

	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")

	def order_data(self, **values) -> dict:
		return {
			"customer": self.customer,
			"vehicle": self.vehicle,
			"company": frappe.db.get_single_value("Auto Service Settings", "company"),
			"works": [{"item_code": WORK_A, "hours": 1}],
			**values,
		}

	def assert_clean(self, name: str, status: str = "Draft") -> None:
		stored = frappe.db.get_value("Repair Order", name, ["*"], as_dict=True)
		self.assertEqual(stored.status, status)
		self.assertEqual(stored.payment_status, "Not Invoiced")
		self.assertIsNone(stored.sales_invoice)
		self.assertEqual(flt(stored.invoiced_amount), 0)
		self.assertEqual(flt(stored.outstanding_amount), 0)
		self.assertEqual(stored.mileage_out, 0)
		self.assertIsNone(stored.handed_over_on)
		self.assertIsNone(stored.handed_over_by)
		self.assertEqual(flt(stored.grand_total), 2500)  # one norm hour at the price-list rate


class TestRepairOrderStateOverRest(ServerOwnsStateCase):
	def test_values_sent_on_insert_are_replaced_by_the_servers(self):
		frappe.set_user(ADVISOR_USER)
		other_invoice = frappe.get_all("Sales Invoice", pluck="name", limit=1)
		doc = post_resource(
			"Repair Order", self.order_data(**FORGED_ORDER, sales_invoice=(other_invoice or [None])[0])
		)
		self.assert_clean(doc.name)

	def test_put_on_a_draft_keeps_the_servers_state(self):
		frappe.set_user(ADVISOR_USER)
		doc = post_resource("Repair Order", self.order_data())
		put_resource("Repair Order", doc.name, FORGED_ORDER)
		self.assert_clean(doc.name)

	def test_submit_with_forged_values_starts_in_progress_unbilled(self):
		frappe.set_user(ADVISOR_USER)
		doc = post_resource("Repair Order", self.order_data())
		client_submit({**doc.as_dict(), **FORGED_ORDER})
		self.assert_clean(doc.name, status="In Progress")

	def test_put_closed_and_paid_on_a_submitted_unpaid_order_does_not_stick(self):
		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		frappe.set_user(ADVISOR_USER)
		put_resource("Repair Order", order.name, FORGED_ORDER)
		client_save({**frappe.get_doc("Repair Order", order.name).as_dict(), **FORGED_ORDER})
		client_set_value("Repair Order", order.name, "status", "Closed")
		self.assert_clean(order.name, status="In Progress")

	def test_clearing_the_invoice_link_does_not_allow_a_second_invoice(self):
		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		invoice = make_sales_invoice(order.name)
		frappe.set_user(ADVISOR_USER)
		put_resource("Repair Order", order.name, {"sales_invoice": None, "payment_status": "Not Invoiced"})
		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "sales_invoice"), invoice)
		self.assertEqual(make_sales_invoice(order.name), invoice)
		self.assertEqual(frappe.db.count("Sales Invoice", {"as_repair_order": order.name, "docstatus": 0}), 1)

	def test_paid_state_follows_the_invoice_not_the_request(self):
		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		invoice = frappe.get_doc("Sales Invoice", make_sales_invoice(order.name))
		invoice.submit()
		pay(invoice.name, 1000)
		frappe.set_user(ADVISOR_USER)
		put_resource("Repair Order", order.name, {"payment_status": "Paid", "outstanding_amount": 0})
		stored = frappe.db.get_value("Repair Order", order.name, ["payment_status", "outstanding_amount"])
		self.assertEqual(stored[0], "Partly Paid")
		self.assertAlmostEqual(flt(stored[1]), flt(invoice.rounded_total or invoice.grand_total) - 1000, 2)

	def test_hand_over_fields_change_only_with_the_hand_over(self):
		from auto_service.api.repair_orders import set_status

		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		frappe.set_user(ADVISOR_USER)
		set_status(order.name, "Ready")
		put_resource("Repair Order", order.name, {"mileage_out": 777, "handed_over_by": "Administrator"})
		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "mileage_out"), 0)
		set_status(order.name, "Completed", mileage_out=60_000)
		stored = frappe.db.get_value(
			"Repair Order", order.name, ["status", "mileage_out", "handed_over_by"], as_dict=True
		)
		self.assertEqual(
			(stored.status, stored.mileage_out, stored.handed_over_by), ("Completed", 60_000, ADVISOR_USER)
		)

	def test_a_cancel_sent_as_a_save_changes_nothing_else(self):
		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		before = frappe.db.get_value("Repair Order", order.name, ["complaint", "mileage_in"], as_dict=True)
		frappe.set_user(ADVISOR_USER)
		doc = frappe.get_doc("Repair Order", order.name).as_dict()
		client_save({**doc, "docstatus": 2, "complaint": "подменённая жалоба", "mileage_in": 1})
		stored = frappe.db.get_value(
			"Repair Order", order.name, ["docstatus", "complaint", "mileage_in"], as_dict=True
		)
		self.assertEqual(stored.docstatus, 2)
		self.assertEqual((stored.complaint, stored.mileage_in), (before.complaint, before.mileage_in))


class TestLinksBelongToTheSameClientAndCar(ServerOwnsStateCase):
	def test_order_with_another_clients_act_is_refused(self):
		act = make_act(self.other_customer, self.other_vehicle)
		frappe.set_user(ADVISOR_USER)
		with self.assertRaises(LinkedDocumentError):
			post_resource("Repair Order", self.order_data(acceptance_act=act.name))

	def test_order_with_an_act_of_another_car_of_the_same_client_is_refused(self):
		second = frappe.get_doc(
			{"doctype": "Customer Vehicle", "customer": self.customer, "license_plate": random_plate()}
		).insert()
		act = make_act(self.customer, second.name)
		with self.assertRaises(LinkedDocumentError):
			post_resource("Repair Order", self.order_data(acceptance_act=act.name))

	def test_an_act_already_in_a_live_order_cannot_start_a_second_one(self):
		act = make_act(self.customer, self.vehicle)
		make_order(
			self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}], acceptance_act=act.name
		)
		with self.assertRaises(LinkedDocumentError):
			post_resource("Repair Order", self.order_data(acceptance_act=act.name))

	def test_order_with_another_clients_visit_is_refused(self):
		slot = self.make_slot(self.other_customer, self.other_vehicle)
		frappe.set_user(ADVISOR_USER)
		with self.assertRaises(LinkedDocumentError):
			post_resource("Repair Order", self.order_data(schedule_slot=slot))
		self.assertIsNone(frappe.db.get_value("Master Schedule Slot", slot, "repair_order"))

	def test_the_visit_of_an_order_cannot_be_changed_afterwards(self):
		slot = self.make_slot(self.customer, self.vehicle)
		frappe.set_user(ADVISOR_USER)
		doc = post_resource("Repair Order", self.order_data(schedule_slot=slot))
		other_slot = self.make_slot(self.customer, self.vehicle, hour=15)
		put_resource("Repair Order", doc.name, {"schedule_slot": other_slot})
		self.assertEqual(frappe.db.get_value("Repair Order", doc.name, "schedule_slot"), slot)

	def make_slot(self, customer: str, vehicle: str, hour: int = 10) -> str:
		from auto_service.api.schedule import book
		from auto_service.auto_service.doctype.master_schedule_slot.test_master_schedule_slot import (
			next_weekday,
		)

		# a week of its own for each visit of the class's master: two random weeks met one time in seven
		type(self).weeks_used = getattr(type(self), "weeks_used", 0) + 1
		day = next_weekday(1, weeks_ahead=1 + type(self).weeks_used)
		return book(self.master, f"{day} {hour}:00:00", customer, duration_minutes=60, vehicle=vehicle)


class TestOtherDocumentsKeepServerFields(ServerOwnsStateCase):
	def test_act_repair_order_link_is_the_servers(self):
		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		frappe.set_user(ADVISOR_USER)
		act = post_resource(
			"Acceptance Act",
			{
				"customer": self.customer,
				"vehicle": self.vehicle,
				"mileage_in": 70_000,
				"complaint": "Скрипит",
				"act_datetime": frappe.utils.now_datetime(),
				"repair_order": order.name,
			},
		)
		self.assertIsNone(frappe.db.get_value("Acceptance Act", act.name, "repair_order"))
		client_submit(frappe.get_doc("Acceptance Act", act.name).as_dict())
		put_resource("Acceptance Act", act.name, {"repair_order": order.name})
		self.assertIsNone(frappe.db.get_value("Acceptance Act", act.name, "repair_order"))

	def test_visit_repair_order_link_is_the_servers(self):
		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		slot = TestLinksBelongToTheSameClientAndCar.make_slot(self, self.customer, self.vehicle)
		frappe.set_user(ADVISOR_USER)
		put_resource("Master Schedule Slot", slot, {"repair_order": order.name})
		self.assertIsNone(frappe.db.get_value("Master Schedule Slot", slot, "repair_order"))

	def test_vehicle_history_and_mileage_are_the_servers(self):
		frappe.set_user(ADVISOR_USER)
		forged_history = [
			{"customer": self.other_customer, "from_date": "2001-01-01", "to_date": "2002-01-01"}
		]
		car = post_resource(
			"Customer Vehicle",
			{
				"customer": self.customer,
				"license_plate": random_plate(),
				"last_mileage": 5,
				"ownership_history": forged_history,
			},
		)
		stored = frappe.get_doc("Customer Vehicle", car.name)
		self.assertEqual((stored.last_mileage, len(stored.ownership_history)), (0, 0))
		put_resource("Customer Vehicle", car.name, {"last_mileage": 9, "ownership_history": forged_history})
		stored.reload()
		self.assertEqual((stored.last_mileage, len(stored.ownership_history)), (0, 0))
		# a real change of owner is recorded by the server
		put_resource("Customer Vehicle", car.name, {"customer": self.other_customer})
		stored.reload()
		self.assertEqual([row.customer for row in stored.ownership_history], [self.customer])

	def test_consent_date_and_recorder_are_the_servers(self):
		frappe.set_user(ADVISOR_USER)
		put_resource(
			"Customer",
			self.customer,
			{
				"as_sms_consent": 1,
				"as_sms_consent_method": "Written form",
				"as_sms_consent_date": "2001-01-01",
				"as_sms_consent_recorded_by": "Administrator",
			},
		)
		stored = frappe.db.get_value(
			"Customer", self.customer, ["as_sms_consent_date", "as_sms_consent_recorded_by"], as_dict=True
		)
		self.assertEqual(str(stored.as_sms_consent_date), frappe.utils.nowdate())
		self.assertEqual(stored.as_sms_consent_recorded_by, ADVISOR_USER)

	def test_a_signature_is_only_an_image(self):
		act = make_act(self.customer, self.vehicle, submit=False)
		frappe.set_user(ADVISOR_USER)
		for hostile in ('x" onerror="alert(1)', "javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4="):
			with self.assertRaises(ServerFieldError, msg=hostile):
				put_resource("Acceptance Act", act.name, {"client_signature": hostile})
		put_resource("Acceptance Act", act.name, {"client_signature": "data:image/png;base64,iVBORw0KGgo="})
		self.assertTrue(
			frappe.db.get_value("Acceptance Act", act.name, "client_signature").startswith("data:image/png")
		)


class TestInvoiceClaimsOnlyItsOwnOrder(ServerOwnsStateCase):
	def manual_invoice(self, customer: str, order: str, **values):
		invoice = frappe.new_doc("Sales Invoice")
		invoice.update(
			{
				"customer": customer,
				"company": frappe.db.get_single_value("Auto Service Settings", "company"),
				"as_repair_order": order,
				"items": [{"item_code": WORK_A, "qty": 1, "rate": 100}],
				**values,
			}
		)
		invoice.set_missing_values()
		return invoice

	def test_invoice_of_another_client_cannot_point_at_an_order(self):
		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		with self.assertRaises(LinkedDocumentError):
			self.manual_invoice(self.other_customer, order.name).insert()
		self.assertEqual(
			make_sales_invoice(order.name), frappe.db.get_value("Repair Order", order.name, "sales_invoice")
		)

	def test_invoice_cannot_point_at_a_draft_order(self):
		order = make_order(
			self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}], submit=False
		)
		with self.assertRaises(LinkedDocumentError):
			self.manual_invoice(self.customer, order.name).insert()

	def test_second_live_invoice_for_one_order_is_refused(self):
		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		make_sales_invoice(order.name)
		with self.assertRaises(InvoiceExistsError):
			self.manual_invoice(self.customer, order.name).insert()

	def test_manual_invoice_of_the_right_client_may_bill_an_unbilled_order(self):
		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		invoice = self.manual_invoice(self.customer, order.name).insert()
		invoice.submit()
		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "sales_invoice"), invoice.name)

	def test_credit_note_may_point_only_at_its_invoices_order(self):
		from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

		order = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		other = make_order(self.customer, self.vehicle, works=[{"item_code": WORK_A, "hours": 1}])
		invoice = frappe.get_doc("Sales Invoice", make_sales_invoice(order.name))
		invoice.submit()
		credit_note = make_sales_return(invoice.name)
		credit_note.as_repair_order = other.name
		with self.assertRaises(LinkedDocumentError):
			credit_note.insert()


class TestMoneyDueBack(ServerOwnsStateCase):
	def test_paid_order_with_a_credit_note_shows_refund_due_until_refunded(self):
		from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
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
		credit_note = make_sales_return(invoice.name)
		credit_note.items = [row for row in credit_note.items if row.item_code == PART_A]
		credit_note.items[0].qty = -1
		credit_note.insert()
		credit_note.submit()
		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "payment_status"), "Refund Due")
		entry = get_payment_entry("Sales Invoice", credit_note.name)
		entry.reference_no, entry.reference_date = "REFUND-2", frappe.utils.nowdate()
		entry.insert()
		entry.submit()
		self.assertEqual(frappe.db.get_value("Repair Order", order.name, "payment_status"), "Paid")
