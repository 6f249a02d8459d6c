"""A small shop-month built by hand for the period reports' tests (never imported by the app itself).

Period: September 2026 (1-30). No VAT, so net = gross. Work W sells at 2000 per hour; part P sells at
3000 and was received at 1800 (its only receipt, on 1 August), so every P leaving costs 1800.

Sources: SPEND_A (10000 spent in September), SPEND_B (5000 spent, brings nobody), FREE_C (no spend).
Masters (own hours Monday-Friday 10:00-18:00, 8 h): M1 works the whole month (22 weekdays -> 176 h);
M2 is on holiday from 16 September (11 of the 22 weekdays off -> 88 h available).

Clients and orders (hours of W, pieces of P):
* NEW (SPEND_A), first visit 1 September (the period's first day): RO1 1 Sep, M1, W 2 h + P 1 -> 7000,
  cost 1800; RO2 20 Sep, M1, W 1 h -> 2000 (same car and work 19 days later: a comeback for M1, and
  NEW came back to M1).
* OLD (SPEND_A), first visit 31 August (the day before): RO0 31 Aug, M1, W 1 h (outside the period);
  RO3 10 Sep with M2 (changed master), W 1.5 h + P 1 -> 6000, cost 1800; its first invoice is cancelled
  and a second one posted: only the second counts.
* RET (FREE_C), first visit 15 September: RO4 15 Sep, M2, W 1 h + P 2 -> 8000, cost 3600; a credit note
  on 5 October gives one P back (-3000, cost back 1800): net 5000, cost 1800.
Visits of M1 (written directly: the booking rules refuse the past): 1 Sep 10:00 Done (Phone, RO1),
3 Sep 11:00 No-show (Website), 4 Sep 12:00 Cancelled (Phone), 8 Sep 10:00 Done (Phone, no order).
"""

from datetime import date, datetime, time

import frappe

from auto_service import facts
from auto_service.tests.factories import make_client, make_master, make_part_item, make_work_item, settings

START, END = date(2026, 9, 1), date(2026, 9, 30)
WORK, PART = "AS-PERIOD Диагностика", "AS-PERIOD Колодки"
WORK_RATE, PART_RATE, PART_COST = 2000, 3000, 1800


def unique(prefix: str) -> str:
	return f"{prefix} {frappe.generate_hash(length=6)}"


def lead_source(name: str) -> str:
	return (
		frappe.get_doc({"doctype": "Lead Source", "source_name": name}).insert(ignore_permissions=True).name
	)


def holiday_list(name: str, days: list[date]) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": name,
				"from_date": date(2026, 1, 1),
				"to_date": date(2026, 12, 31),
				"holidays": [{"holiday_date": d, "description": "Отпуск"} for d in days],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def master(first: str, holidays: str | None = None) -> frappe._dict:
	name = make_master(first, unique("Периодов"))
	employee = frappe.get_doc("Employee", name)
	employee.set(
		"as_working_hours",
		[
			{"weekday": day, "open_time": time(10), "close_time": time(18), "has_break": 0}
			for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
		],
	)
	employee.holiday_list = holidays
	employee.save(ignore_permissions=True)
	return frappe._dict(name=name, employee_name=employee.employee_name)


def receive_part(day: date) -> None:
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"company": settings().company,
			"posting_date": day,
			"set_posting_time": 1,
			"items": [
				{
					"item_code": PART,
					"qty": 50,
					"t_warehouse": settings().parts_warehouse,
					"basic_rate": PART_COST,
				}
			],
		}
	).insert(ignore_permissions=True)
	entry.submit()


def order(customer, vehicle, day: date, by: str, hours: float, parts: int = 0):
	doc = frappe.get_doc(
		{
			"doctype": "Repair Order",
			"customer": customer,
			"vehicle": vehicle,
			"company": settings().company,
			"posting_date": day,
			"works": [{"item_code": WORK, "master": by, "hours": hours}],
			"parts": [{"item_code": PART, "qty": parts}] if parts else [],
		}
	).insert(ignore_permissions=True)
	doc.submit()
	return doc


def invoice(order_doc, day: date):
	name = order_doc.make_sales_invoice()
	doc = frappe.get_doc("Sales Invoice", name)
	doc.posting_date = day
	doc.set_posting_time = 1
	doc.due_date = day
	doc.save(ignore_permissions=True)
	doc.submit()
	return doc


def credit_note(invoice_name: str, day: date, qty: float):
	from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

	doc = make_sales_return(invoice_name)
	doc.set("items", [row for row in doc.items if row.item_code == PART])
	doc.items[0].qty = -qty
	doc.posting_date = day
	doc.set_posting_time = 1
	doc.calculate_taxes_and_totals()
	doc.insert(ignore_permissions=True)
	doc.submit()
	return doc


def visit(by, customer, vehicle, at: datetime, status: str, channel: str, repair_order: str | None = None):
	slot = frappe.get_doc(
		{
			"doctype": "Master Schedule Slot",
			"master": by.name,
			"master_name": by.employee_name,
			"starts_on": at,
			"ends_on": at.replace(hour=at.hour + 1),
			"duration_minutes": 60,
			"status": status,
			"channel": channel,
			"customer": customer,
			"vehicle": vehicle,
			"repair_order": repair_order,
		}
	)
	slot.set_new_name()
	slot.db_insert()
	facts.mark(slot.customer)  # written past the booking rules: the facts follow by hand
	return slot.name


def build() -> frappe._dict:
	"""Make the month; the caller's transaction is rolled back by FrappeTestCase."""
	make_work_item(WORK, WORK_RATE)
	make_part_item(PART, PART_RATE, valuation_rate=PART_COST)
	receive_part(date(2026, 8, 1))
	s = frappe._dict(
		spend_a=lead_source(unique("Реклама А")),
		spend_b=lead_source(unique("Реклама Б")),
		free_c=lead_source(unique("Сарафан В")),
	)
	company = settings().company
	for source, amount in ((s.spend_a, 10000), (s.spend_b, 5000)):
		frappe.get_doc(
			{
				"doctype": "Marketing Spend",
				"lead_source": source,
				"month": date(2026, 9, 17),
				"amount": amount,
				"company": company,
			}
		).insert(ignore_permissions=True)
	vacation = [date(2026, 9, d) for d in range(16, 31)]
	s.m1 = master("Первый")
	s.m2 = master("Второй", holiday_list(unique("Отпуск"), vacation))

	def client(name, source, plate):
		made = make_client(name, lead_source=source, vehicle={"license_plate": plate, "make": "Lada"})
		return made["customer"], made["vehicle"]

	s.new, s.new_car = client("Новиков Пётр Иванович", s.spend_a, "Р101РР99")
	s.old, s.old_car = client("Старков Илья Петрович", s.spend_a, "Р102РР99")
	s.ret, s.ret_car = client("Возвратов Олег Ильич", s.free_c, "Р103РР99")

	ro0 = order(s.old, s.old_car, date(2026, 8, 31), s.m1.name, 1)
	invoice(ro0, date(2026, 8, 31))
	s.ro1 = order(s.new, s.new_car, START, s.m1.name, 2, parts=1)
	invoice(s.ro1, START)
	s.ro2 = order(s.new, s.new_car, date(2026, 9, 20), s.m1.name, 1)
	invoice(s.ro2, date(2026, 9, 20))
	s.ro3 = order(s.old, s.old_car, date(2026, 9, 10), s.m2.name, 1.5, parts=1)
	first = invoice(s.ro3, date(2026, 9, 10))
	first.cancel()
	invoice(s.ro3, date(2026, 9, 10))
	s.ro4 = order(s.ret, s.ret_car, date(2026, 9, 15), s.m2.name, 1, parts=2)
	inv4 = invoice(s.ro4, date(2026, 9, 15))
	credit_note(inv4.name, date(2026, 10, 5), 1)

	visit(s.m1, s.new, s.new_car, datetime(2026, 9, 1, 10), "Done", "Phone", s.ro1.name)
	visit(s.m1, s.new, s.new_car, datetime(2026, 9, 3, 11), "No-show", "Website")
	visit(s.m1, s.old, s.old_car, datetime(2026, 9, 4, 12), "Cancelled", "Phone")
	visit(s.m1, s.new, s.new_car, datetime(2026, 9, 8, 10), "Done", "Phone")
	return s


def filters(**extra) -> dict:
	return {"company": settings().company, "from_date": START, "to_date": END, **extra}


def no_vat_no_shop_holidays():
	"""Settings for the scenario: no VAT template, a shop holiday list without September holidays."""
	from frappe.tests.utils import change_settings

	empty = holiday_list(unique("Без праздников"), [])
	return change_settings("Auto Service Settings", {"taxes_and_charges": None, "holiday_list": empty})
