# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Marketing Spend (Расходы на рекламу): what one advertising channel cost in one month for one company.

One row per Lead Source, month and company (a unique index keeps it so under concurrent saves too); the
month is kept as its first day. The Marketing Effectiveness report sets it against the gross profit of the
clients the channel brought.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate

from auto_service.messages import bold, esc, link
from auto_service.metrics import month_start

PAYMENT_DOCTYPES = ("Purchase Invoice", "Journal Entry")


class DuplicateMarketingSpendError(frappe.ValidationError):
	pass


class MarketingSpendReferenceError(frappe.ValidationError):
	pass


class MarketingSpend(Document):
	def validate(self) -> None:
		self.month = month_start(getdate(self.month))
		self.currency = frappe.get_cached_value("Company", self.company, "default_currency")
		self.validate_amount()
		self.validate_reference()
		self.validate_unique()

	def validate_amount(self) -> None:
		if flt(self.amount) < 0:
			frappe.throw(_("The amount spent cannot be negative."), exc=frappe.ValidationError)

	def validate_reference(self) -> None:
		if not self.reference_doctype:
			self.reference_name = None
			return
		if self.reference_doctype not in PAYMENT_DOCTYPES:
			frappe.throw(
				_("Link a Purchase Invoice or a Journal Entry, not {0}.").format(_(self.reference_doctype)),
				exc=MarketingSpendReferenceError,
			)
		values = frappe.db.get_value(
			self.reference_doctype, self.reference_name, ["docstatus", "company"], as_dict=True
		)
		if not values:
			frappe.throw(
				_("Payment document {0} {1} is not found.").format(
					_(self.reference_doctype), esc(self.reference_name)
				),
				exc=MarketingSpendReferenceError,
			)
		if values.docstatus != 1 or values.company != self.company:
			frappe.throw(
				_("{0} must be a submitted document of company {1}.").format(
					link(self.reference_doctype, self.reference_name), esc(self.company)
				),
				exc=MarketingSpendReferenceError,
			)

	def validate_unique(self) -> None:
		existing = frappe.db.get_value(
			"Marketing Spend",
			{
				"lead_source": self.lead_source,
				"month": self.month,
				"company": self.company,
				"name": ("!=", self.name or ""),
			},
		)
		if existing:
			frappe.throw(
				_("Spend on {0} for {1} is already recorded in {2}: change that one instead.").format(
					bold(self.lead_source),
					bold(self.month.strftime("%m.%Y")),
					link("Marketing Spend", existing),
				),
				exc=DuplicateMarketingSpendError,
				title=_("Already recorded"),
			)
