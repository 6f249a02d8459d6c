# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class MasterSkillRow(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		skill: DF.Link
	# end: auto-generated types
	pass
