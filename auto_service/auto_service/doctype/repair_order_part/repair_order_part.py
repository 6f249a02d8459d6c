# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class RepairOrderPart(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		available_qty: DF.Float
		currency: DF.Link | None
		discount_percentage: DF.Percent
		item_code: DF.Link
		item_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		qty: DF.Float
		rate: DF.Currency
		uom: DF.Link | None
		warehouse: DF.Link | None
	# end: auto-generated types
	pass
