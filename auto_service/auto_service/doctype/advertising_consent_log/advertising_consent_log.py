# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class AdvertisingConsentLog(Document):
	"""One change of a client's advertising consent on one channel. Written by the Customer hook only."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		changed_by: DF.Link | None
		changed_on: DF.Datetime | None
		channel: DF.Literal["SMS", "Email"]
		customer: DF.Link
		customer_name: DF.Data | None
		method: DF.Data | None
		new_value: DF.Check
		old_value: DF.Check
	# end: auto-generated types

	def validate(self) -> None:
		if not self.is_new():
			frappe.throw(_("Consent history cannot be edited."))

	def on_trash(self) -> None:
		if not frappe.flags.in_uninstall:
			frappe.throw(_("Consent history cannot be deleted."))
