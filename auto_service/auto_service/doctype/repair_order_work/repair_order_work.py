# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class RepairOrderWork(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		currency: DF.Link | None
		description: DF.SmallText | None
		discount_percentage: DF.Percent
		hours: DF.Float
		item_code: DF.Link
		master: DF.Link | None
		master_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rate: DF.Currency
	# end: auto-generated types
	pass
