# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from auto_service.exceptions import throw_rule
from auto_service.i18n import RuleError
from auto_service.shop_hours import weekly_hours


class AutoServiceSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from auto_service.auto_service.doctype.acceptance_checklist_item.acceptance_checklist_item import (
			AcceptanceChecklistItem,
		)
		from auto_service.auto_service.doctype.working_hours_row.working_hours_row import WorkingHoursRow

		booking_horizon_days: DF.Int
		company: DF.Link | None
		default_labour_rate: DF.Currency
		equipment_checklist: DF.Table[AcceptanceChecklistItem]
		holiday_list: DF.Link | None
		parts_warehouse: DF.Link | None
		selling_price_list: DF.Link | None
		shop_hours: DF.Table[WorkingHoursRow]
		slot_step: DF.Literal["15", "30", "60"]
		taxes_and_charges: DF.Link | None

	# end: auto-generated types
	def validate(self) -> None:
		self.validate_company_links()
		validate_hours(self.shop_hours)

	def validate_company_links(self) -> None:
		"""The warehouse and the tax template must belong to the shop's company."""
		if not self.company:
			return
		for doctype, fieldname in (
			("Warehouse", "parts_warehouse"),
			("Sales Taxes and Charges Template", "taxes_and_charges"),
		):
			value = self.get(fieldname)
			if value and frappe.db.get_value(doctype, value, "company") != self.company:
				frappe.throw(
					_("{0} {1} does not belong to company {2}.").format(_(doctype), value, self.company),
					title=_("Wrong company"),
				)


def validate_hours(rows) -> None:
	"""Working hours (the shop's or a master's own) must make sense before the schedule relies on them."""
	try:
		weekly_hours([row.as_dict() for row in rows])
	except RuleError as err:
		throw_rule(err, title=_("Working hours"))
