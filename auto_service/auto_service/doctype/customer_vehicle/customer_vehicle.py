# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from auto_service.exceptions import (
	DuplicatePlateError,
	DuplicateVinError,
	InvalidPlateError,
	InvalidVinError,
	throw_rule,
)
from auto_service.i18n import RuleError
from auto_service.messages import bold, esc, link
from auto_service.vehicle_ids import clean_body_number, clean_plate, clean_vin, decode_vin, format_plate


class CustomerVehicle(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from auto_service.auto_service.doctype.customer_vehicle_owner.customer_vehicle_owner import (
			CustomerVehicleOwner,
		)

		active_plate: DF.Data | None
		body_number: DF.Data | None
		body_type: DF.Literal[
			"",
			"Sedan",
			"Hatchback",
			"Station Wagon",
			"SUV",
			"Crossover",
			"Coupe",
			"Convertible",
			"Minivan",
			"Pickup",
			"Van",
			"Other",
		]
		colour: DF.Data | None
		customer: DF.Link
		customer_name: DF.Data | None
		engine: DF.Data | None
		fuel_type: DF.Literal["", "Petrol", "Diesel", "Gas", "Hybrid", "Electric"]
		is_active: DF.Check
		last_mileage: DF.Int
		last_mileage_date: DF.Date | None
		license_plate: DF.Data | None
		make: DF.Data | None
		model: DF.Data | None
		no_vin: DF.Check
		notes: DF.SmallText | None
		other_format_plate: DF.Check
		owner_since: DF.Date | None
		ownership_history: DF.Table[CustomerVehicleOwner]
		registration_certificate: DF.Data | None
		title: DF.Data | None
		transmission: DF.Literal["", "Manual", "Automatic", "Robotic", "CVT"]
		vin: DF.Data | None
		year: DF.Int
	# end: auto-generated types

	def validate(self) -> None:
		self.keep_server_fields()
		self.clean_identifiers()
		self.validate_has_identifier()
		self.validate_unique_plate()
		self.validate_unique_vin()
		self.fill_from_vin()
		self.record_owner_change()
		self.set_title()
		self.active_plate = self.license_plate if self.is_active and self.license_plate else None

	def keep_server_fields(self) -> None:
		"""The ownership history and the last known mileage follow documents (owner changes, acts,
		hand-overs): whatever a client sends for them is replaced by what the server has."""
		before = self.get_doc_before_save()
		self.set(
			"ownership_history",
			[row.as_dict(no_default_fields=True) for row in before.ownership_history] if before else [],
		)
		self.last_mileage = before.last_mileage if before else 0
		self.last_mileage_date = before.last_mileage_date if before else None

	def show_unique_validation_message(self, e: Exception) -> None:
		"""Two cars saved with one plate at the same moment: the unique key refuses the second one."""
		if "active_plate" in str(e.args):
			frappe.throw(
				_("Licence plate {0} already belongs to another active vehicle.").format(
					bold(format_plate(self.license_plate))
				),
				exc=DuplicatePlateError,
				title=_("Duplicate licence plate"),
			)
		if "vin" in str(e.args):
			frappe.throw(
				_("VIN {0} is already recorded for another vehicle.").format(bold(self.vin)),
				exc=DuplicateVinError,
				title=_("Duplicate VIN"),
			)
		super().show_unique_validation_message(e)

	def clean_identifiers(self) -> None:
		self.registration_certificate = (self.registration_certificate or "").replace(" ", "").upper() or None
		try:
			if self.license_plate:
				self.license_plate = clean_plate(self.license_plate, bool(self.other_format_plate))
		except RuleError as err:
			throw_rule(err, InvalidPlateError, _("Invalid licence plate"))
		try:
			if self.no_vin:
				self.vin = None
				self.body_number = clean_body_number(self.body_number)
			elif self.vin:
				self.vin = clean_vin(self.vin)
				self.body_number = None
		except RuleError as err:
			throw_rule(err, InvalidVinError, _("Invalid VIN"))

	def validate_has_identifier(self) -> None:
		if not (self.license_plate or self.vin or self.body_number):
			frappe.throw(
				_("Enter the licence plate, the VIN or the body/chassis number of the vehicle."),
				title=_("Vehicle not identified"),
			)

	def validate_unique_plate(self) -> None:
		if not (self.license_plate and self.is_active):
			return
		other = frappe.db.get_value(
			"Customer Vehicle",
			{"license_plate": self.license_plate, "is_active": 1, "name": ("!=", self.name or "")},
			["name", "customer_name"],
			as_dict=True,
		)
		if other:
			frappe.throw(
				_(
					"Licence plate {0} already belongs to vehicle {1} of {2}. Untick Active there if the car was sold."
				).format(
					bold(format_plate(self.license_plate)),
					link("Customer Vehicle", other.name),
					esc(other.customer_name),
				),
				exc=DuplicatePlateError,
				title=_("Duplicate licence plate"),
			)

	def validate_unique_vin(self) -> None:
		if not self.vin:
			return
		other = frappe.db.get_value(
			"Customer Vehicle",
			{"vin": self.vin, "name": ("!=", self.name or "")},
			["name", "customer_name"],
			as_dict=True,
		)
		if other:
			frappe.throw(
				_("VIN {0} is already recorded for vehicle {1} of {2}.").format(
					bold(self.vin),
					link("Customer Vehicle", other.name),
					esc(other.customer_name),
				),
				exc=DuplicateVinError,
				title=_("Duplicate VIN"),
			)

	def fill_from_vin(self) -> None:
		if not self.vin or (self.make and self.year):
			return
		info = decode_vin(self.vin, getdate(nowdate()).year)
		if not self.make and info.make:
			self.make = info.make
		if not self.year and info.year:
			self.year = info.year

	def record_owner_change(self) -> None:
		"""When the car changes hands, the previous owner goes to the history with their dates."""
		before = self.get_doc_before_save()
		if not before or before.customer == self.customer:
			return
		today = getdate(nowdate())
		self.append(
			"ownership_history",
			{
				"customer": before.customer,
				"customer_name": before.customer_name,
				"from_date": before.owner_since or getdate(before.creation),
				"to_date": today,
			},
		)
		self.owner_since = today

	def set_title(self) -> None:
		parts = [format_plate(self.license_plate) if self.license_plate else (self.vin or self.body_number)]
		parts += [p for p in (self.make, self.model) if p]
		self.title = " ".join(parts)
