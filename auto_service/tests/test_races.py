"""Issue 7: check-then-act races, each run as parallel requests on their own connections.

These tests commit (other connections see only committed rows) and remove what they made afterwards.
"""

import random

import frappe
from frappe.tests.utils import FrappeTestCase

from auto_service.api.repair_orders import make_sales_invoice
from auto_service.api.schedule import book, make_repair_order
from auto_service.auto_service.doctype.master_schedule_slot.test_master_schedule_slot import at, next_weekday
from auto_service.exceptions import DuplicatePhoneError, DuplicatePlateError, InvoiceExistsError
from auto_service.tests.cleanup import remove_committed
from auto_service.tests.concurrency import run_in_parallel
from auto_service.tests.factories import make_client, make_master, make_order, make_work_item, unique_phone

WORK = "AS-TEST Работа для гонок"


def errors_other_than(outcomes, *expected) -> list[str]:
	return [repr(v) for kind, v in outcomes if kind == "error" and not isinstance(v, expected)]


class TestRaces(FrappeTestCase):
	def setUp(self):
		self.customers: list[str] = []
		self.employees: list[str] = []
		self.addCleanup(lambda: remove_committed(customers=self.customers, employees=self.employees))

	def client(self, name: str, **kwargs) -> dict:
		made = make_client(name, **kwargs)
		self.customers.append(made["customer"])
		return made

	def test_two_clicks_on_repair_order_from_one_visit_make_one_order(self):
		master = make_master("Гонкин", f"Визитов{random.randint(1000, 9999)}")
		self.employees.append(master)
		client = self.client("Двойной Щелчок", vehicle={"license_plate": f"Е{random.randint(100, 999)}ЕЕ77"})
		slot = book(
			master,
			str(at(next_weekday(1, weeks_ahead=3), 10)),
			client["customer"],
			duration_minutes=60,
			vehicle=client["vehicle"],
		)
		frappe.db.commit()
		outcomes = run_in_parallel(lambda: make_repair_order(slot), times=5)
		self.assertEqual(errors_other_than(outcomes), [])
		self.assertEqual(len({v for kind, v in outcomes if kind == "ok"}), 1)
		self.assertEqual(frappe.db.count("Repair Order", {"schedule_slot": slot}), 1)

	def test_one_plate_saved_twice_at_once_makes_one_active_car(self):
		client = self.client("Номерной Гонщик")
		frappe.db.commit()
		plate = f"Р{random.randint(100, 999)}РР{random.randint(10, 99)}"

		def add_car():
			return (
				frappe.get_doc(
					{"doctype": "Customer Vehicle", "customer": client["customer"], "license_plate": plate}
				)
				.insert()
				.name
			)

		outcomes = run_in_parallel(add_car, times=6)
		self.assertEqual(errors_other_than(outcomes, DuplicatePlateError), [])
		self.assertEqual(len([v for kind, v in outcomes if kind == "ok"]), 1)
		self.assertEqual(frappe.db.count("Customer Vehicle", {"license_plate": plate, "is_active": 1}), 1)

	def test_one_phone_given_to_two_new_clients_at_once_makes_one_client(self):
		phone = unique_phone()
		frappe.db.commit()
		names = [f"Телефонов{i}" for i in range(5)]

		def new_client():
			from auto_service.api.clients import create_client

			return create_client(full_name=f"{random.choice(names)} Гонка Гонкович", mobile_no=phone)[
				"customer"
			]

		outcomes = run_in_parallel(new_client, times=5)
		made = [v for kind, v in outcomes if kind == "ok"]
		self.customers.extend(made)
		self.assertEqual(errors_other_than(outcomes, DuplicatePhoneError, frappe.DuplicateEntryError), [])
		self.assertEqual(len(made), 1)

	def test_a_form_save_of_a_visit_racing_bookings_of_its_master_does_not_deadlock(self):
		master = make_master("Формов", f"Сохранялов{random.randint(1000, 9999)}")
		self.employees.append(master)
		client = self.client("Форма Против Записи")
		day = next_weekday(2, weeks_ahead=3)
		slot = book(master, str(at(day, 9)), client["customer"], duration_minutes=60)
		frappe.db.commit()
		starts = [at(day, hour) for hour in (10, 11, 14, 15)]

		def desk_save():
			doc = frappe.get_doc("Master Schedule Slot", slot)
			doc.notes = f"правка {random.random()}"
			doc.ends_on = at(day, 9, 30)
			return frappe.client.save(doc.as_dict())["name"]

		requests = [desk_save, desk_save] + [
			(lambda start=start: book(master, str(start), client["customer"], duration_minutes=60))
			for start in starts
		]
		calls = iter(requests)
		outcomes = run_in_parallel(lambda: next(calls)(), times=len(requests))
		deadlocks = [v for kind, v in outcomes if kind == "error" and "Deadlock" in repr(v)]
		self.assertEqual(deadlocks, [])
		self.assertEqual(errors_other_than(outcomes, frappe.TimestampMismatchError), [])

	def test_two_manual_invoices_submitted_at_once_for_one_order_at_most_one_wins(self):
		make_work_item(WORK, 1000)  # kept between runs (found again, never a second one)
		client = self.client("Два Счёта", vehicle={"license_plate": f"О{random.randint(100, 999)}ОО77"})
		order = make_order(client["customer"], client["vehicle"], works=[{"item_code": WORK, "hours": 1}])
		company = frappe.db.get_single_value("Auto Service Settings", "company")
		drafts = []
		for _ in range(3):
			invoice = frappe.new_doc("Sales Invoice")
			invoice.update(
				{
					"customer": client["customer"],
					"company": company,
					"as_repair_order": order.name,
					"items": [{"item_code": WORK, "qty": 1, "rate": 1000}],
				}
			)
			invoice.set_missing_values()
			drafts.append(invoice.insert().name)
		frappe.db.commit()
		queue = iter(drafts)
		outcomes = run_in_parallel(
			lambda: frappe.get_doc("Sales Invoice", next(queue)).submit().name, times=3
		)
		self.assertEqual(errors_other_than(outcomes, InvoiceExistsError), [])
		self.assertEqual(frappe.db.count("Sales Invoice", {"as_repair_order": order.name, "docstatus": 1}), 1)
		self.assertIn(frappe.db.get_value("Repair Order", order.name, "sales_invoice"), drafts)
		self.assertEqual(
			make_sales_invoice(order.name), frappe.db.get_value("Repair Order", order.name, "sales_invoice")
		)
