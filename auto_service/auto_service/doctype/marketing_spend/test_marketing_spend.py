# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from auto_service.auto_service.doctype.marketing_spend.marketing_spend import (
	DuplicateMarketingSpendError,
	MarketingSpendReferenceError,
)
from auto_service.tests.factories import MANAGER_USER, make_user, settings

ACCOUNTANT = "as-accountant@example.com"
test_ignore = ["Company", "Currency", "Lead Source", "DocType", "Purchase Invoice", "Journal Entry"]


def spend(source: str, month, amount: float = 1000, **values):
	return frappe.get_doc(
		{
			"doctype": "Marketing Spend",
			"lead_source": source,
			"month": month,
			"amount": amount,
			"company": settings().company,
			**values,
		}
	)


class TestMarketingSpend(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.source = (
			frappe.get_doc(
				{"doctype": "Lead Source", "source_name": f"Спенд {frappe.generate_hash(length=6)}"}
			)
			.insert()
			.name
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_month_is_kept_as_its_first_day(self):
		doc = spend(self.source, "2026-09-17").insert()
		self.assertEqual(doc.month, date(2026, 9, 1))
		self.assertEqual(
			doc.currency, frappe.get_cached_value("Company", settings().company, "default_currency")
		)

	def test_second_row_for_the_same_source_month_and_company_is_refused_with_a_link(self):
		first = spend(self.source, "2026-09-01").insert()
		with self.assertRaises(DuplicateMarketingSpendError) as caught:
			spend(self.source, "2026-09-30", 500).insert()
		self.assertIn(first.name, str(caught.exception))
		self.assertIn("/app/marketing-spend/", str(caught.exception))
		spend(self.source, "2026-10-01").insert()  # the next month is another row

	def test_negative_amount_and_foreign_documents_are_refused(self):
		with self.assertRaises(frappe.ValidationError):
			spend(self.source, "2026-09-01", -5).insert()
		with self.assertRaises(MarketingSpendReferenceError):
			spend(
				self.source, "2026-09-01", reference_doctype="Lead Source", reference_name=self.source
			).insert()
		with self.assertRaises(frappe.ValidationError):
			spend(
				self.source, "2026-09-01", reference_doctype="Journal Entry", reference_name="NO-SUCH"
			).insert()
		self.assertFalse(frappe.db.exists("Marketing Spend", {"lead_source": self.source}))

	def test_manager_writes_accountant_only_reads(self):
		make_user(MANAGER_USER, ("Auto Service Manager",))
		make_user(ACCOUNTANT, ("Accounts User",))
		frappe.set_user(MANAGER_USER)
		doc = spend(self.source, "2026-09-01").insert()
		frappe.set_user(ACCOUNTANT)
		self.assertTrue(frappe.has_permission("Marketing Spend", "read", doc.name))
		self.assertFalse(frappe.has_permission("Marketing Spend", "write", doc.name))
		with self.assertRaises(frappe.PermissionError):
			spend(self.source, "2026-10-01").insert()
