# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from auto_service.clients import MAX_MILEAGE, ensure_vehicle_of, record_mileage
from auto_service.documents import ensure_required, keep_fields, restore_unchanged
from auto_service.exceptions import MileageError, ServerFieldError, throw_rule
from auto_service.i18n import RuleError
from auto_service.lifecycle import check_mileage_in, registration_mismatches
from auto_service.vehicle_ids import normalize_plate, normalize_vin

# A signature is what the signature pad draws: an image as a base64 data URL, nothing else.
SIGNATURE = re.compile(r"data:image/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}")
MAX_SIGNATURE_LENGTH = 2_000_000


class AcceptanceAct(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from auto_service.auto_service.doctype.acceptance_act_damage.acceptance_act_damage import (
			AcceptanceActDamage,
		)
		from auto_service.auto_service.doctype.acceptance_act_equipment.acceptance_act_equipment import (
			AcceptanceActEquipment,
		)

		act_datetime: DF.Datetime
		amended_from: DF.Link | None
		complaint: DF.Text
		customer: DF.Link
		customer_name: DF.Data | None
		damages: DF.Table[AcceptanceActDamage]
		equipment: DF.Table[AcceptanceActEquipment]
		fuel_level: DF.Literal["", "Empty", "1/4", "1/2", "3/4", "Full"]
		last_known_mileage: DF.Int
		mileage_correction_reason: DF.SmallText | None
		mileage_in: DF.Int
		plate_seen: DF.Data | None
		registration_mismatch: DF.SmallText | None
		repair_order: DF.Link | None
		service_advisor: DF.Link | None
		sts_seen: DF.Data | None
		valuables: DF.SmallText | None
		vehicle: DF.Link
		vehicle_title: DF.Data | None
		vin_seen: DF.Data | None

	# end: auto-generated types
	def validate(self) -> None:
		ensure_required(self, ("customer", "vehicle"))
		self.keep_server_fields()
		self.validate_signatures()
		self.validate_vehicle_owner()
		self.validate_mileage()
		self.set_registration_mismatch()
		self.fill_equipment_checklist()

	def before_update_after_submit(self) -> None:
		self.keep_server_fields()

	def before_cancel(self) -> None:
		restore_unchanged(self)  # a cancel sent as a save carries nothing else

	def keep_server_fields(self) -> None:
		"""The act's repair order is linked by the order when it is submitted, never by a client."""
		before = self.get_doc_before_save()
		if before and before.docstatus == 1:
			keep_fields(self, before, ("repair_order", "last_known_mileage", "registration_mismatch"))
		else:
			self.repair_order = before.repair_order if before else None

	def validate_signatures(self) -> None:
		for field in ("client_signature", "advisor_signature"):
			value = self.get(field)
			if value and (len(value) > MAX_SIGNATURE_LENGTH or not SIGNATURE.fullmatch(value)):
				frappe.throw(
					_("{0}: a signature must be drawn on the signature pad (an image).").format(
						_(self.meta.get_label(field))
					),
					exc=ServerFieldError,
					title=_("Invalid signature"),
				)

	def validate_vehicle_owner(self) -> None:
		ensure_vehicle_of(self.customer, self.vehicle)

	def validate_mileage(self) -> None:
		last_known = frappe.db.get_value("Customer Vehicle", self.vehicle, "last_mileage")
		self.last_known_mileage = last_known or 0
		if (self.mileage_in or 0) > MAX_MILEAGE:
			frappe.throw(_("Mileage must be between 0 and {0} km.").format(MAX_MILEAGE), exc=MileageError)
		try:
			check_mileage_in(self.mileage_in or 0, last_known, self.mileage_correction_reason)
		except RuleError as err:
			throw_rule(err, MileageError, _("Mileage"))

	def set_registration_mismatch(self) -> None:
		record = frappe.db.get_value(
			"Customer Vehicle",
			self.vehicle,
			["license_plate", "vin", "registration_certificate"],
			as_dict=True,
		)
		self.plate_seen = normalize_plate(self.plate_seen) or None
		self.vin_seen = normalize_vin(self.vin_seen) or None
		self.sts_seen = (self.sts_seen or "").replace(" ", "").upper() or None
		mismatches = registration_mismatches(
			{"plate": record.license_plate, "vin": record.vin, "sts": record.registration_certificate},
			{"plate": self.plate_seen, "vin": self.vin_seen, "sts": self.sts_seen},
		)
		self.registration_mismatch = (
			"\n".join(
				_("{0}: on record {1}, on the car {2}").format(_(label), on_record or "—", seen)
				for label, on_record, seen in mismatches
			)
			or None
		)

	def fill_equipment_checklist(self) -> None:
		"""A new act starts with the administrator's checklist, every item to be ticked present or not."""
		if self.equipment or not self.is_new():
			return
		settings = frappe.get_cached_doc("Auto Service Settings")
		for row in settings.equipment_checklist:
			self.append("equipment", {"item": row.item, "present": 0})

	def on_submit(self) -> None:
		self.update_vehicle_mileage()

	def update_vehicle_mileage(self) -> None:
		record_mileage(self.vehicle, self.mileage_in, getdate(self.act_datetime))
