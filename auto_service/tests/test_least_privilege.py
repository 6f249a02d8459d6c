"""Issue 7: a master (mechanic) sees their own visits and orders — not the client base, not prices — over
the REST API too; and an administrator's changes to roles and rights survive an update (migrate)."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase

from auto_service.api.schedule import book
from auto_service.auto_service.doctype.master_schedule_slot.test_master_schedule_slot import at, next_weekday
from auto_service.auto_service.doctype.repair_order.test_repair_order import WORK_A, setup_catalogue
from auto_service.exceptions import StatusTransitionError
from auto_service.setup.install import after_migrate
from auto_service.setup.permissions import MASTER, SERVICE_ADVISOR
from auto_service.tests.factories import (
	MASTER_USER,
	make_client,
	make_master,
	make_master_of_user,
	make_order,
	make_staff_users,
)
from auto_service.tests.rest import call_method


class TestMasterSeesOwnWorkOnly(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff_users()
		setup_catalogue()
		cls.me = make_master_of_user(MASTER_USER, "Свой", f"Мастеров{random.randint(1000, 9999)}")
		cls.colleague = make_master("Чужой", f"Коллегов{random.randint(1000, 9999)}")
		client = make_client(
			"Клиентов Приватный", vehicle={"license_plate": f"М{random.randint(100, 999)}ММ50"}
		)
		cls.customer, cls.vehicle = client["customer"], client["vehicle"]
		day = next_weekday(0, weeks_ahead=2)
		cls.my_slot = book(cls.me, str(at(day, 10)), cls.customer, duration_minutes=60, vehicle=cls.vehicle)
		cls.other_slot = book(cls.colleague, str(at(day, 10)), cls.customer, duration_minutes=60)
		cls.my_order = make_order(
			cls.customer, cls.vehicle, works=[{"item_code": WORK_A, "hours": 1, "master": cls.me}]
		).name
		cls.other_order = make_order(
			cls.customer, cls.vehicle, works=[{"item_code": WORK_A, "hours": 1, "master": cls.colleague}]
		).name

	def setUp(self):
		frappe.set_user(MASTER_USER)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_master_cannot_list_contacts_or_clients(self):
		with self.assertRaises(frappe.PermissionError):
			call_method("frappe.client.get_list", http_method="GET", doctype="Customer", fields='["*"]')
		# Frappe lets every user read the contacts and addresses they made themselves (role All, if
		# owner): a master made none
		for doctype in ("Contact", "Address"):
			rows = call_method(
				"frappe.client.get_list", http_method="GET", doctype=doctype, fields='["name"]'
			)
			self.assertEqual(rows, [], doctype)
		with self.assertRaises(frappe.PermissionError):
			call_method("auto_service.api.clients.find_clients", query="Клиентов")

	def test_master_lists_only_their_own_visits_and_orders(self):
		slots = frappe.get_list("Master Schedule Slot", pluck="name", limit_page_length=0)
		self.assertIn(self.my_slot, slots)
		self.assertNotIn(self.other_slot, slots)
		orders = frappe.get_list("Repair Order", pluck="name", limit_page_length=0)
		self.assertIn(self.my_order, orders)
		self.assertNotIn(self.other_order, orders)
		self.assertTrue(frappe.has_permission("Repair Order", "read", self.my_order))
		self.assertFalse(frappe.has_permission("Repair Order", "read", self.other_order))
		self.assertFalse(frappe.has_permission("Master Schedule Slot", "read", self.other_slot))
		self.assertTrue(frappe.has_permission("Customer Vehicle", "read", self.vehicle))

	def test_master_reads_their_order_without_prices(self):
		doc = call_method("frappe.client.get", http_method="GET", doctype="Repair Order", name=self.my_order)
		self.assertFalse(doc.get("grand_total"))
		self.assertFalse(doc["works"][0].get("rate"))
		self.assertFalse(doc["works"][0].get("amount"))
		self.assertEqual(doc["works"][0]["hours"], 1)


class TestAdministratorsChangesSurvive(FrappeTestCase):
	def test_roles_and_rights_changed_in_the_desk_are_not_undone_by_migrate(self):
		frappe.db.set_value("Role", MASTER, "two_factor_auth", 1)
		perm = frappe.db.get_value(
			"Custom DocPerm", {"parent": "Customer", "role": SERVICE_ADVISOR, "permlevel": 0}, "name"
		)
		self.assertTrue(perm)
		frappe.db.set_value("Custom DocPerm", perm, "email", 0)
		after_migrate()
		self.assertEqual(frappe.db.get_value("Role", MASTER, "two_factor_auth"), 1)
		self.assertEqual(frappe.db.get_value("Custom DocPerm", perm, "email"), 0)


class TestMessagesSpeakRussian(FrappeTestCase):
	def test_status_names_in_a_refusal_are_translated(self):
		setup_catalogue()
		client = make_client("Статусов Стас", vehicle={"license_plate": f"С{random.randint(100, 999)}УС50"})
		order = frappe.get_doc(
			"Repair Order",
			make_order(client["customer"], client["vehicle"], works=[{"item_code": WORK_A, "hours": 1}]).name,
		)
		frappe.local.lang = "ru"
		try:
			with self.assertRaises(StatusTransitionError) as caught:
				order.change_status("Closed")
		finally:
			frappe.local.lang = "en"
		self.assertIn("В работе", str(caught.exception))
		self.assertNotIn("In Progress", str(caught.exception))

	def test_a_fraction_of_a_whole_unit_is_refused_at_the_order(self):
		from auto_service.exceptions import RepairOrderLinesError

		setup_catalogue()
		whole = "AS-TEST Фиксированная работа"
		if not frappe.db.exists("Item", whole):
			from auto_service.tests.factories import make_work_item

			make_work_item(whole, 900)
		uom = "AS-TEST работа целиком"
		if not frappe.db.exists("UOM", uom):
			frappe.get_doc({"doctype": "UOM", "uom_name": uom, "must_be_whole_number": 1}).insert()
		frappe.db.set_value("Item", whole, "stock_uom", uom)
		client = make_client("Целов Цезарь", vehicle={"license_plate": f"У{random.randint(100, 999)}УХ50"})
		with self.assertRaises(RepairOrderLinesError):
			make_order(
				client["customer"],
				client["vehicle"],
				works=[{"item_code": whole, "hours": 1.5}],
				submit=False,
			)
