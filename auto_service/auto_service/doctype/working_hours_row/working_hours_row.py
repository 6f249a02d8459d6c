# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class WorkingHoursRow(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		break_from: DF.Time | None
		break_to: DF.Time | None
		close_time: DF.Time
		has_break: DF.Check
		open_time: DF.Time
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		weekday: DF.Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
	# end: auto-generated types
	pass
