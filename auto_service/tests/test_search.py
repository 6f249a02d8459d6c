"""One search box: a client or a car by phone in any spelling, plate in Cyrillic or Latin look-alikes, VIN
or its last characters, name; and the new-client dialog's question «whose phone is this?»."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase

from auto_service.api.client_card import get_client_card
from auto_service.api.search import phone_owners, search
from auto_service.tests.factories import ADVISOR_USER, MASTER_USER, make_client, make_staff_users


class TestSearch(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff_users()
		digits = random.randint(100, 999)
		cls.plate_digits = digits
		cls.phone = f"+7903{random.randint(0, 9_999_999):07d}"
		cls.vin = f"XTA21099{random.randint(0, 9)}Y{random.randint(1_000_000, 9_999_999)}"
		cls.client = make_client(
			"Поисковиков-Искателев Пётр Петрович",
			mobile_no=cls.phone,
			vehicle={"license_plate": f"К{digits}МН77", "vin": cls.vin, "make": "Lada"},
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def names(self, query: str) -> set[tuple[str, str]]:
		return {(row["doctype"], row["name"]) for row in search(query)}

	def test_phone_in_any_spelling_finds_the_client(self):
		local = f"8 {self.phone[2:5]} {self.phone[5:8]}-{self.phone[8:10]}-{self.phone[10:]}"
		for typed in (local, self.phone, f"+7 ({self.phone[2:5]}) {self.phone[5:]}"):
			self.assertIn(("Customer", self.client["customer"]), self.names(typed), typed)

	def test_plate_typed_in_latin_finds_client_and_car(self):
		found = self.names(f"k{self.plate_digits}mh")
		self.assertIn(("Customer Vehicle", self.client["vehicle"]), found)
		self.assertIn(("Customer", self.client["customer"]), found)

	def test_vin_and_its_last_digits_find_the_car(self):
		for typed in (self.vin, self.vin[-6:], self.vin.lower()[-8:]):
			self.assertIn(("Customer Vehicle", self.client["vehicle"]), self.names(typed), typed)

	def test_name_finds_the_client(self):
		self.assertIn(("Customer", self.client["customer"]), self.names("Поисковиков-Искат"))

	def test_short_or_empty_queries_find_nothing_and_limit_is_capped(self):
		self.assertEqual(search(""), [])
		self.assertEqual(search("к"), [])
		self.assertLessEqual(len(search("Поисков", limit=10_000)), 20)

	def test_phone_owners_names_the_client_and_ignores_invalid_phones(self):
		owners = phone_owners(f"8{self.phone[2:]}")
		self.assertEqual([o["name"] for o in owners], [self.client["customer"]])
		self.assertEqual(phone_owners("12"), [])

	def test_master_may_not_search_the_client_base(self):
		frappe.set_user(MASTER_USER)
		with self.assertRaises(frappe.PermissionError):
			search(self.phone)


class TestClientCard(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff_users()
		cls.client = make_client(
			f"Карточкин Кирилл {random.randint(100, 999)}",
			mobile_no=f"+7904{random.randint(0, 9_999_999):07d}",
			vehicle={"license_plate": f"М{random.randint(100, 999)}ОР77", "last_mileage": 54_321},
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_card_has_contacts_cars_and_actions_for_an_advisor(self):
		frappe.set_user(ADVISOR_USER)
		card = get_client_card(self.client["customer"])
		self.assertEqual(card["customer"], self.client["customer"])
		self.assertTrue(card["phones"][0]["display"].startswith("+7 904"))
		self.assertEqual(card["vehicles"][0]["name"], self.client["vehicle"])
		self.assertEqual(card["vehicles"][0]["last_mileage"], 54_321)
		self.assertTrue(card["can"]["order"])
		self.assertIsNotNone(card["owed"])

	def test_master_may_not_open_a_client_card(self):
		frappe.set_user(MASTER_USER)
		with self.assertRaises(frappe.PermissionError):
			get_client_card(self.client["customer"])
