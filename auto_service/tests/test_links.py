"""The repair order's link check reads its links in bulk (``auto_service.links``) and decides as Frappe's.

Each case checks the same unsaved order twice, once with Frappe's own ``Document._validate_links`` and
once with ours, and compares what they leave in the document or the error they raise.
"""

from contextlib import contextmanager

import frappe
from frappe.model.document import Document
from frappe.tests.utils import FrappeTestCase

from auto_service.links import validate_links
from auto_service.tests.factories import (
	ADVISOR_USER,
	make_act,
	make_client,
	make_master,
	make_part_item,
	make_staff_users,
	make_work_item,
	settings,
)
from auto_service.tests.rest import http_status, post_resource

WORKS = [f"AS-LINKS Работа {i}" for i in range(3)]
PARTS = [f"AS-LINKS Деталь {i}" for i in range(12)]


@contextmanager
def counted_queries():
	"""The SQL statements run inside the block."""
	statements: list[str] = []
	original = frappe.db.sql

	def sql(query, *args, **kwargs):
		statements.append(str(query))
		return original(query, *args, **kwargs)

	frappe.db.sql = sql
	try:
		yield statements
	finally:
		frappe.db.sql = original


class TestLinksReadInBulk(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff_users()
		for i, code in enumerate(WORKS):
			make_work_item(code, 1000 + 100 * i)
		for i, code in enumerate(PARTS):
			make_part_item(code, 500 + 10 * i, stock_qty=50, valuation_rate=100)
		cls.master = make_master("Связей", "Мастеров")
		client = make_client("Ссылкин Степан Степанович", vehicle={"license_plate": "С123СС77"})
		cls.customer, cls.vehicle = client["customer"], client["vehicle"]

	def order(self, parts: int = 3, **values) -> Document:
		doc = frappe.get_doc(
			{
				"doctype": "Repair Order",
				"customer": self.customer,
				"vehicle": self.vehicle,
				"company": settings().company,
				"service_advisor": "Administrator",
				"works": [{"item_code": code, "hours": 1, "master": self.master} for code in WORKS],
				"parts": [{"item_code": code, "qty": 1} for code in PARTS[:parts]],
				**values,
			}
		)
		doc._action = "save"  # what check_if_latest sets before the links are checked
		return doc

	def checked_both_ways(self, build) -> tuple:
		"""(Frappe's outcome, ours): the checked document, or the exception raised."""
		outcomes = []
		for check in (Document._validate_links, validate_links):
			doc = build()
			try:
				check(doc)
				outcomes.append(doc)
			except Exception as err:
				outcomes.append(err)
		return tuple(outcomes)

	def assert_same_refusal(self, build, exception) -> None:
		"""Frappe's check and ours refuse the document alike: the same exception and message."""
		theirs, ours = self.checked_both_ways(build)
		self.assertIsInstance(ours, exception)
		self.assertIsInstance(theirs, exception)
		self.assertEqual(str(ours), str(theirs))

	def test_fills_and_spells_the_links_as_frappe_does(self):
		def build():
			doc = self.order()
			doc.works[1].item_code = WORKS[1].lower()  # typed in another case: the stored name is kept
			doc.parts[1].uom = "Комплект"  # fetched only while empty
			return doc

		theirs, ours = self.checked_both_ways(build)
		self.assertIsInstance(ours, Document, ours)
		self.assertEqual(ours.works[1].item_code, WORKS[1])
		self.assertEqual(ours.parts[1].uom, "Комплект")
		self.assertEqual(ours.parts[0].item_name, PARTS[0])
		self.assertEqual(
			ours.works[0].master_name, frappe.db.get_value("Employee", self.master, "employee_name")
		)
		for field in ("customer_name", "vehicle_title", "currency", "lead_source"):
			self.assertEqual(ours.get(field), theirs.get(field), field)
		for table, fields in (
			("works", ("item_code", "master_name")),
			("parts", ("item_code", "item_name", "uom")),
		):
			for mine, frappes in zip(ours.get(table), theirs.get(table), strict=True):
				for field in fields:
					self.assertEqual(mine.get(field), frappes.get(field), f"{table} {mine.idx} {field}")

	def test_a_missing_work_gets_frappes_error(self):
		def build():
			doc = self.order()
			doc.works[2].item_code = "AS-LINKS Нет такой работы"
			return doc

		self.assert_same_refusal(build, frappe.LinkValidationError)

	def test_a_missing_part_is_refused_even_though_it_has_fetched_fields(self):
		# Frappe 15 lets this one pass its link check (the lookup with fetched columns returns nothing and
		# nothing is flagged); ours refuses it there
		doc = self.order()
		doc.parts[1].item_code = "AS-LINKS Нет такой детали"
		with self.assertRaises(frappe.LinkValidationError) as caught:
			validate_links(doc)
		self.assertIn("#2", str(caught.exception))
		self.assertIn("AS-LINKS Нет такой детали", str(caught.exception))

	def test_a_cancelled_act_gets_frappes_error(self):
		act = make_act(self.customer, self.vehicle)
		act.cancel()
		self.assert_same_refusal(lambda: self.order(acceptance_act=act.name), frappe.CancelledLinkError)

	def test_queries_do_not_grow_with_the_lines(self):
		counts = {}
		for check in (Document._validate_links, validate_links):
			for parts in (2, 12):
				doc = self.order(parts=parts)
				frappe.db.value_cache.clear()  # as in a new request
				with counted_queries() as statements:
					check(doc)
				counts[check.__name__, parts] = len(statements)
		self.assertGreater(counts["_validate_links", 12], counts["_validate_links", 2])
		self.assertEqual(counts["validate_links", 12], counts["validate_links", 2], counts)
		# the linked DocTypes' kinds, then every linked document (Customer, Customer Vehicle, User, Company,
		# Currency, Item, UOM, Employee) in one UNION ALL
		self.assertEqual(counts["validate_links", 12], 2, counts)

	def test_a_missing_value_is_named_escaped(self):
		doc = self.order()
		doc.parts[0].item_code = '<img src=x onerror="alert(1)">'
		with self.assertRaises(frappe.LinkValidationError) as caught:
			validate_links(doc)
		self.assertNotIn("<img", str(caught.exception))
		self.assertIn("&lt;img", str(caught.exception))

	def test_rest_insert_with_an_unknown_part_changes_nothing(self):
		before = frappe.db.count("Repair Order")
		frappe.set_user(ADVISOR_USER)
		try:
			with self.assertRaises(frappe.LinkValidationError) as caught:
				post_resource(
					"Repair Order",
					{
						"customer": self.customer,
						"vehicle": self.vehicle,
						"company": settings().company,
						"works": [{"item_code": WORKS[0], "hours": 1}],
						"parts": [{"item_code": "AS-LINKS Выдуманная деталь", "qty": 1}],
					},
				)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(http_status(caught.exception), 417)
		self.assertEqual(frappe.db.count("Repair Order"), before)
