"""Roles really limit what staff can do, and every whitelisted method checks permissions."""

import importlib
import inspect
import pkgutil

import frappe
from frappe.tests.utils import FrappeTestCase

import auto_service.api
from auto_service.tests.factories import (
	ADVISOR_USER,
	MANAGER_USER,
	MASTER_USER,
	NO_ROLE_USER,
	make_act,
	make_client,
	make_master,
	make_order,
	make_staff_users,
	make_work_item,
)
from auto_service.tests.rest import call_method, http_status

# Every whitelisted method of the app, with arguments that would succeed for a permitted user
# (built from the documents made in setUpClass).
WHITELISTED_CALLS = {
	"auto_service.api.clients.create_client": lambda ctx: {
		"full_name": "Без Прав",
		"mobile_no": "+79990001122",
	},
	"auto_service.api.clients.find_clients": lambda ctx: {"query": "Иванов"},
	"auto_service.api.search.search": lambda ctx: {"query": "Клиент Для Прав"},
	"auto_service.api.search.phone_owners": lambda ctx: {"phone": "+79990001122"},
	"auto_service.api.client_card.get_client_card": lambda ctx: {"customer": ctx["customer"]},
	"auto_service.api.repair_orders.make_repair_order_from_act": lambda ctx: {"source_name": ctx["act"]},
	"auto_service.api.repair_orders.set_status": lambda ctx: {
		"repair_order": ctx["order"],
		"status": "Ready",
	},
	"auto_service.api.repair_orders.make_sales_invoice": lambda ctx: {"repair_order": ctx["order"]},
	"auto_service.api.schedule.get_schedule": lambda ctx: {"start": str(ctx["day"])},
	"auto_service.api.schedule.find_slots": lambda ctx: {"duration_minutes": 60},
	"auto_service.api.schedule.book": lambda ctx: {
		"master": ctx["master"],
		"starts_on": f"{ctx['day']} 15:00:00",
		"customer": ctx["customer"],
		"duration_minutes": 60,
	},
	"auto_service.api.schedule.book_best": lambda ctx: {"customer": ctx["customer"], "duration_minutes": 60},
	"auto_service.api.schedule.move": lambda ctx: {
		"slot": ctx["slot"],
		"starts_on": f"{ctx['day']} 16:00:00",
		"ends_on": f"{ctx['day']} 17:00:00",
	},
	"auto_service.api.schedule.set_slot_status": lambda ctx: {"slot": ctx["slot"], "status": "Confirmed"},
	"auto_service.api.schedule.make_repair_order": lambda ctx: {"slot": ctx["slot"]},
}


def whitelisted_methods_of_app() -> set[str]:
	found = set()
	for module_info in pkgutil.walk_packages(auto_service.api.__path__, "auto_service.api."):
		module = importlib.import_module(module_info.name)
		for name, fn in inspect.getmembers(module, inspect.isfunction):
			if fn.__module__ == module.__name__ and fn in frappe.whitelisted:
				found.add(f"{module.__name__}.{name}")
	return found


class TestPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff_users()
		cls.client = make_client("Клиент Для Прав", vehicle={"license_plate": "Х321ХХ21"})
		make_work_item("AS-TEST Работа для прав")
		act = make_act(cls.client["customer"], cls.client["vehicle"])
		order = make_order(
			cls.client["customer"],
			cls.client["vehicle"],
			works=[{"item_code": "AS-TEST Работа для прав", "hours": 1}],
		)
		from auto_service.api.schedule import book
		from auto_service.auto_service.doctype.master_schedule_slot.test_master_schedule_slot import (
			next_weekday,
		)

		master = make_master("Правов", "Мастер")
		day = next_weekday(0)
		slot = book(master, f"{day} 10:00:00", cls.client["customer"], duration_minutes=60)
		cls.ctx = {
			"act": act.name,
			"order": order.name,
			"master": master,
			"day": day,
			"customer": cls.client["customer"],
			"slot": slot,
		}

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_the_table_names_only_methods_that_exist(self):
		self.assertLessEqual(set(WHITELISTED_CALLS), whitelisted_methods_of_app())

	def test_user_without_roles_is_refused_by_every_whitelisted_method(self):
		"""Methods in the table with arguments that work for a permitted user; any other (a new one is found
		from the code) with placeholder arguments: a user without roles never gets an answer."""
		for path in sorted(whitelisted_methods_of_app()):
			fn = frappe.get_attr(path)
			if fn in frappe.guest_methods:
				continue  # open to anyone by design, guarded otherwise (e.g. a gateway's shared secret)
			frappe.set_user(NO_ROLE_USER)
			try:
				if path in WHITELISTED_CALLS:
					with self.assertRaises(frappe.PermissionError, msg=path):
						frappe.call(path, **WHITELISTED_CALLS[path](self.ctx))
				else:
					params = inspect.signature(inspect.unwrap(fn)).parameters
					kwargs = {name: "x" for name, p in params.items() if p.kind is p.POSITIONAL_OR_KEYWORD}
					with self.assertRaises(Exception, msg=path) as caught:
						call_method(path, **kwargs)
					self.assertIn(http_status(caught.exception), (403, 404, 417), path)
			finally:
				frappe.set_user("Administrator")

	def test_master_cannot_read_or_delete_a_client(self):
		frappe.set_user(MASTER_USER)
		self.assertFalse(frappe.has_permission("Customer", "read", self.client["customer"]))
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("Customer", self.client["customer"])
		frappe.set_user("Administrator")
		self.assertTrue(frappe.db.exists("Customer", self.client["customer"]))

	def test_master_cannot_create_clients_or_vehicles(self):
		frappe.set_user(MASTER_USER)
		with self.assertRaises(frappe.PermissionError):
			make_client("Мастер Не Может")
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": "Customer Vehicle",
					"customer": self.client["customer"],
					"license_plate": "В222ВВ22",
				}
			).insert()

	def test_service_advisor_creates_clients_and_vehicles_but_cannot_delete_clients(self):
		frappe.set_user(ADVISOR_USER)
		result = make_client("Новый От Приёмщика", vehicle={"license_plate": "К333КК33"})
		self.assertTrue(frappe.db.exists("Customer Vehicle", result["vehicle"]))
		self.assertFalse(frappe.has_permission("Customer", "delete", result["customer"]))

	def test_manager_may_delete_a_vehicle(self):
		frappe.set_user(MANAGER_USER)
		vehicle = frappe.get_doc(
			{"doctype": "Customer Vehicle", "customer": self.client["customer"], "license_plate": "М444ММ44"}
		).insert()
		frappe.delete_doc("Customer Vehicle", vehicle.name)
		self.assertFalse(frappe.db.exists("Customer Vehicle", vehicle.name))

	def test_find_clients_is_for_those_who_may_read_the_client_base(self):
		frappe.set_user(ADVISOR_USER)
		self.assertTrue(frappe.call("auto_service.api.clients.find_clients", query="Клиент Для Прав"))
		frappe.set_user(MASTER_USER)
		with self.assertRaises(frappe.PermissionError):
			frappe.call("auto_service.api.clients.find_clients", query="Клиент Для Прав")
