"""The period reports' stored facts (``auto_service.facts``: Client Activity, Master Activity) follow the
documents they are made of, agree with the pure definitions of ``auto_service.metrics``, are what a rebuild
from the documents gives, and nobody writes them over REST. Prices as in ``period_scenario``: work 2000 per
hour, part 3000 (cost 1800), no VAT."""

from datetime import date, datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from auto_service import facts, metrics, period_data
from auto_service.auto_service.report.client_summary.client_summary import execute as client_summary
from auto_service.tests import period_scenario as scenario
from auto_service.tests.cleanup import remove_committed
from auto_service.tests.factories import (
	ADVISOR_USER,
	MANAGER_USER,
	make_client,
	make_staff_users,
)
from auto_service.tests.rest import call_method, post_resource, put_resource

test_ignore = ["Customer", "Employee", "Item", "Lead Source", "Repair Order", "Sales Invoice", "User"]

CLIENT_FIELDS = [
	"day",
	"came",
	"orders",
	"revenue",
	"parts_cost",
	"first_visit",
	"previous_visit",
	"lead_source",
]
D0, D1, D2, D3 = date(2026, 8, 20), date(2026, 9, 2), date(2026, 9, 9), date(2026, 9, 25)


def client_rows(customer: str) -> list[tuple]:
	facts.flush()
	return [
		tuple(row[f] for f in CLIENT_FIELDS)
		for row in frappe.get_all(
			"Client Activity", filters={"customer": customer}, fields=CLIENT_FIELDS, order_by="day"
		)
	]


def row_on(customer: str, day: date) -> frappe._dict | None:
	facts.flush()
	rows = frappe.get_all("Client Activity", filters={"customer": customer, "day": day}, fields=CLIENT_FIELDS)
	return rows[0] if rows else None


def snapshot(customers: list[str]) -> dict:
	facts.flush()
	fields = {"Client Activity": facts.CLIENT_FACTS, "Master Activity": facts.MASTER_FACTS}
	return {
		doctype: sorted(
			tuple(r.values())
			for r in frappe.get_all(
				doctype, filters={"customer": ("in", customers)}, fields=["name", *columns]
			)
		)
		for doctype, columns in fields.items()
	}


class TestFacts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.enterClassContext(scenario.no_vat_no_shop_holidays())  # left before FrappeTestCase's rollback
		scenario.make_work_item(scenario.WORK, scenario.WORK_RATE)
		scenario.make_part_item(scenario.PART, scenario.PART_RATE, valuation_rate=scenario.PART_COST)
		scenario.receive_part(date(2026, 8, 1))
		cls.source_a = scenario.lead_source(scenario.unique("Факты А"))
		cls.source_b = scenario.lead_source(scenario.unique("Факты Б"))
		cls.m1 = scenario.master("Фактов")
		cls.m2 = scenario.master("Фактова")

	def setUp(self):
		frappe.set_user("Administrator")

	def client(self, name: str, plate: str) -> tuple[str, str]:
		made = make_client(name, lead_source=self.source_a, vehicle={"license_plate": plate, "make": "Lada"})
		return made["customer"], made["vehicle"]

	def test_an_order_an_invoice_a_credit_note_and_a_visit_each_leave_their_fact(self):
		customer, car = self.client("Фактов Пётр Ильич", "Р201РР99")
		draft = frappe.get_doc(
			{
				"doctype": "Repair Order",
				"customer": customer,
				"vehicle": car,
				"company": scenario.settings().company,
				"posting_date": D1,
				"works": [{"item_code": scenario.WORK, "master": self.m1.name, "hours": 2}],
				"parts": [{"item_code": scenario.PART, "qty": 2}],
			}
		).insert(ignore_permissions=True)
		# a draft order is a visit (the client came), not yet a submitted order
		self.assertEqual(client_rows(customer), [(D1, 1, 0, 0, 0, D1, None, self.source_a)])
		draft.submit()
		self.assertEqual(row_on(customer, D1).orders, 1)

		invoice = scenario.invoice(draft, D2)
		# 2 h x 2000 + 2 x 3000 = 10000, parts cost 2 x 1800; on the invoice's day, which is not a visit
		self.assertEqual(
			client_rows(customer),
			[(D1, 1, 1, 0, 0, D1, None, self.source_a), (D2, 0, 0, 10000, 3600, D1, D1, self.source_a)],
		)
		credit = scenario.credit_note(invoice.name, D3, 1)
		# the credit note counts on the day of the invoice it returns: -3000, cost back 1800; no row on D3
		self.assertEqual((row_on(customer, D2).revenue, row_on(customer, D2).parts_cost), (7000, 1800))
		self.assertIsNone(row_on(customer, D3))
		credit.cancel()
		self.assertEqual(row_on(customer, D2).revenue, 10000)

		# a visit that took place before the order (written past the booking rules, as the demo does)
		scenario.visit(self.m1, customer, car, datetime(2026, 8, 20, 10), "Done", "Phone")
		self.assertEqual([r[5] for r in client_rows(customer)], [D0, D0, D0], "first visit on every row")
		self.assertEqual(row_on(customer, D1).previous_visit, D0)
		# a visit that did not take place is no visit
		scenario.visit(self.m1, customer, car, datetime(2026, 8, 18, 10), "No-show", "Phone")
		self.assertIsNone(row_on(customer, date(2026, 8, 18)))

		frappe.get_doc("Sales Invoice", invoice.name).cancel()
		self.assertIsNone(row_on(customer, D2), "a cancelled invoice leaves no money")
		frappe.get_doc("Repair Order", draft.name).cancel()
		self.assertIsNone(row_on(customer, D1), "a cancelled order is no visit")
		self.assertEqual([r[0] for r in client_rows(customer)], [D0])

	def test_a_new_lead_source_moves_the_client_in_the_reports(self):
		customer, car = self.client("Источников Иван Ильич", "Р202РР99")
		scenario.order(customer, car, D1, self.m1.name, 1)
		filters = scenario.filters()

		def clients_of(source):
			_c, data, *_ = client_summary(filters)
			return {row["lead_source"]: row["clients"] for row in data}.get(source, 0)

		self.assertEqual((clients_of(self.source_a), clients_of(self.source_b)), (1, 0))
		doc = frappe.get_doc("Customer", customer)
		doc.as_lead_source = self.source_b
		doc.save(ignore_permissions=True)
		self.assertEqual((clients_of(self.source_a), clients_of(self.source_b)), (0, 1))

	def test_two_sources_with_one_crc32_stay_apart(self):
		# the reports group on CRC32 of the source's name; "plumless" and "buckeroo" share one
		first = scenario.lead_source("plumless")
		second = scenario.lead_source("buckeroo")
		for name, plate, source in (
			("Коллизиев Пётр Ильич", "Р208РР99", first),
			("Коллизиева Анна Ильинична", "Р209РР99", second),
			("Коллизиев Илья Петрович", "Р210РР99", second),
		):
			made = make_client(name, lead_source=source, vehicle={"license_plate": plate, "make": "Lada"})
			scenario.order(made["customer"], made["vehicle"], D1, self.m1.name, 1)
		_c, data, *_ = client_summary(scenario.filters())
		clients = {row["lead_source"]: row["clients"] for row in data}
		self.assertEqual((clients.get(first), clients.get(second)), (1, 2))
		counts = period_data.new_clients_by_source(scenario.settings().company, scenario.START, scenario.END)
		self.assertEqual((counts.get(first), counts.get(second)), (1, 2))

	def test_master_facts_agree_with_the_pure_definitions(self):
		first, first_car = self.client("Мастеров Олег Ильич", "Р203РР99")
		second, second_car = self.client("Мастерова Ольга Ивановна", "Р204РР99")
		m1, m2 = scenario.master("Сверкин"), scenario.master("Сверкина")  # this test's own masters
		days = {
			(first, first_car, m1.name): [date(2026, 9, 1), date(2026, 9, 10)],  # back within the month
			(first, first_car, m2.name): [date(2026, 9, 20)],  # changed master: the same work again
			(second, second_car, m1.name): [date(2026, 9, 28), date(2027, 2, 1)],  # back in 4 months
		}
		for (customer, car, master), on in days.items():
			for day in on:
				scenario.order(customer, car, day, master, 1)
		rows = frappe.db.sql(
			"""select ro.name, ro.vehicle, w.item_code, w.master, ro.posting_date, ro.customer
			from `tabRepair Order` ro join `tabRepair Order Work` w on w.parent = ro.name
			where ro.docstatus = 1 and ro.customer in %s""",
			[(first, second)],
		)
		lines = [row[:5] for row in rows]
		company = scenario.settings().company
		for months in (0, 3, 6):
			stored = period_data.master_facts(company, scenario.START, scenario.END, months)
			pure = metrics.retained_clients(
				[(master, customer, day) for _o, _v, _i, master, day, customer in rows],
				scenario.START,
				scenario.END,
				months,
			)
			for master in (m1.name, m2.name):
				served, back = pure.get(master, (set(), set()))
				self.assertEqual(
					(stored[master].clients, stored[master].returned),
					(len(served), len(back)),
					f"{master}, {months} months",
				)
		# hand-checked too: with 6 months M1 served both and both came back; with 3 only the first
		for months, returned in ((6, 2), (3, 1)):
			stored = period_data.master_facts(company, scenario.START, scenario.END, months)
			self.assertEqual(stored[m1.name].returned, returned, f"{months} months")
		pure_comebacks = metrics.comebacks(lines, scenario.START, scenario.END, facts.warranty_days())
		stored = period_data.master_facts(company, scenario.START, scenario.END, 0)
		for master in (m1.name, m2.name):
			self.assertEqual(stored[master].comebacks, pure_comebacks.get(master, 0), master)
		# M1's 1 Sep line is repeated on 10 Sep (M1) and M1's 10 Sep line on 20 Sep (M2): two for M1
		self.assertEqual(stored[m1.name].comebacks, 2)

	def test_a_rebuild_from_the_documents_gives_what_the_events_left(self):
		customer, car = self.client("Пересчётов Илья Петрович", "Р205РР99")
		order = scenario.order(customer, car, D1, self.m1.name, 2, parts=1)
		invoice = scenario.invoice(order, D2)
		scenario.credit_note(invoice.name, D3, 1)
		scenario.order(customer, car, D3, self.m2.name, 1)
		scenario.visit(self.m1, customer, car, datetime(2026, 8, 20, 10), "Done", "Phone")
		left = snapshot([customer])
		self.assertTrue(left["Client Activity"] and left["Master Activity"])
		frappe.db.sql("update `tabClient Activity` set revenue = 1 where customer = %s", customer)
		facts.rebuild([customer])
		self.assertEqual(snapshot([customer]), left)

	def test_nobody_writes_the_facts_over_rest(self):
		customer, car = self.client("Защитов Пётр Ильич", "Р206РР99")
		scenario.order(customer, car, D1, self.m1.name, 1)
		facts.flush()
		name = frappe.get_all("Client Activity", filters={"customer": customer}, pluck="name")[0]
		make_staff_users()
		for user in (MANAGER_USER, ADVISOR_USER):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError, msg=user):
				post_resource(
					"Client Activity",
					{"customer": customer, "company": scenario.settings().company, "revenue": 10**9},
				)
			with self.assertRaises(frappe.PermissionError, msg=user):
				put_resource("Client Activity", name, {"revenue": 10**9})
			with self.assertRaises(frappe.PermissionError, msg=user):
				call_method("frappe.client.delete", doctype="Client Activity", name=name)
		frappe.set_user(ADVISOR_USER)
		with self.assertRaises(frappe.PermissionError):
			call_method("frappe.client.get_list", "GET", doctype="Client Activity")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Client Activity", name, "revenue"), 0)


class TestFactsAfterCommit(FrappeTestCase):
	"""The production path: the facts are rebuilt right after the documents' commit, in their own
	transaction. Commits, so it removes what it made."""

	def test_facts_are_written_after_the_commit_and_go_with_the_client(self):
		frappe.set_user("Administrator")
		master = scenario.master("Коммитов")
		customer = None
		try:
			with scenario.no_vat_no_shop_holidays():
				scenario.make_work_item(scenario.WORK, scenario.WORK_RATE)
				made = make_client(
					"Коммитов Иван Ильич", vehicle={"license_plate": "Р207РР99", "make": "Lada"}
				)
				customer = made["customer"]
				scenario.order(customer, made["vehicle"], D1, master.name, 1)
				frappe.db.commit()
			# no flush here: the rows are already there, committed by their own transaction
			self.assertIsNone(getattr(frappe.local, facts._PENDING, None))
			self.assertEqual(
				frappe.db.sql(
					"select came, orders from `tabClient Activity` where customer = %s and day = %s",
					(customer, D1),
				),
				((1, 1),),
			)
			self.assertEqual(
				frappe.db.count("Master Activity", {"customer": customer, "master": master.name}), 1
			)
		finally:
			remove_committed(customers=[customer] if customer else [], employees=[master.name])
		self.assertEqual(frappe.db.count("Client Activity", {"customer": customer}), 0)
		self.assertEqual(frappe.db.count("Master Activity", {"master": master.name}), 0)
