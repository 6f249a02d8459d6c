# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from auto_service.exceptions import DuplicatePlateError, DuplicateVinError, InvalidPlateError, InvalidVinError
from auto_service.tests.factories import make_client, make_vehicle

test_ignore = ["Customer"]


class TestCustomerVehicle(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.owner = make_client("Автовладелец Первый")["customer"]
		cls.buyer = make_client("Покупатель Второй")["customer"]

	def test_plate_typed_in_latin_is_saved_in_canonical_cyrillic(self):
		vehicle = make_vehicle(self.owner, license_plate="c 065 mk 78", make="Kia", model="Rio")
		self.assertEqual(vehicle.license_plate, "С065МК78")
		self.assertEqual(vehicle.title, "С 065 МК 78 Kia Rio")

	def test_invalid_plate_is_refused_and_nothing_is_saved(self):
		before = frappe.db.count("Customer Vehicle")
		with self.assertRaises(InvalidPlateError):
			make_vehicle(self.owner, license_plate="Ж123ЖЖ77")
		self.assertEqual(frappe.db.count("Customer Vehicle"), before)

	def test_foreign_plate_needs_the_other_format_switch(self):
		with self.assertRaises(InvalidPlateError):
			make_vehicle(self.owner, license_plate="B 1234 AB")
		vehicle = make_vehicle(self.owner, license_plate="B 1234 AB", other_format_plate=1)
		self.assertEqual(vehicle.license_plate, "B1234AB")

	def test_second_active_vehicle_with_the_same_plate_is_refused(self):
		make_vehicle(self.owner, license_plate="Т001ТТ777")
		with self.assertRaises(DuplicatePlateError):
			make_vehicle(self.buyer, license_plate="t001tt777")

	def test_plate_of_an_inactive_vehicle_may_be_reissued(self):
		old = make_vehicle(self.owner, license_plate="У002УУ750")
		old.is_active = 0
		old.save()
		new = make_vehicle(self.buyer, license_plate="У002УУ750")
		self.assertTrue(new.is_active)

	def test_invalid_vin_is_refused(self):
		for vin in ("1HGCM82634A004352", "XTA21099OY276543", "XTA210990Y276543"):
			with self.assertRaises(InvalidVinError, msg=vin):
				make_vehicle(self.owner, vin=vin)

	def test_duplicate_vin_is_refused_even_for_another_owner(self):
		make_vehicle(self.owner, vin="JHMCM56557C404453")
		with self.assertRaises(DuplicateVinError):
			make_vehicle(self.buyer, vin="jhmcm56557c404453")

	def test_vin_fills_empty_make_and_year_but_keeps_typed_ones(self):
		decoded = make_vehicle(self.owner, vin="1HGCM82633A004352")
		self.assertEqual((decoded.make, decoded.year), ("Honda", 2003))
		typed = make_vehicle(self.owner, vin="XTA210990Y2765432", make="ВАЗ", year=2001)
		self.assertEqual((typed.make, typed.year), ("ВАЗ", 2001))

	def test_old_car_without_vin_is_identified_by_body_number(self):
		vehicle = make_vehicle(self.owner, no_vin=1, vin="ignored", body_number="jzx100 0012345")
		self.assertIsNone(vehicle.vin)
		self.assertEqual(vehicle.body_number, "JZX1000012345")

	def test_vehicle_without_any_identifier_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			make_vehicle(self.owner, make="Volga")

	def test_change_of_owner_goes_to_the_ownership_history(self):
		vehicle = make_vehicle(self.owner, license_plate="Н100НН50", owner_since="2020-05-01")
		vehicle.customer = self.buyer
		vehicle.save()
		self.assertEqual(len(vehicle.ownership_history), 1)
		row = vehicle.ownership_history[0]
		self.assertEqual(row.customer, self.owner)
		self.assertEqual(str(row.from_date), "2020-05-01")
		self.assertEqual(str(row.to_date), nowdate())
		self.assertEqual(str(vehicle.owner_since), nowdate())

	def test_saving_without_owner_change_adds_no_history(self):
		vehicle = make_vehicle(self.owner, license_plate="Р200РР50")
		vehicle.colour = "Белый"
		vehicle.save()
		self.assertEqual(vehicle.ownership_history, [])
