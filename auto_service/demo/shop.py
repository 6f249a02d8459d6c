"""A believable Russian shop over a chosen number of months, made through the normal documents (demo path):
clients with Russian names (Faker ``ru_RU``) and phones, cars with valid plates and VINs of common makes,
masters with skills, past visits (some no-shows), repair orders, Sales Invoices with stock, payments (some
partial), refunds as credit notes, and monthly marketing spend per source, with seasonality.

    bench --site SITE execute auto_service.demo.generate --kwargs '{"scale": "demo", "clients": 300}'

Every number on every report is then real ERPNext accounting (invoices, stock ledger, payments). Past visits
are written with ``db_insert`` after the visit's computed fields are set: the booking controller refuses
times in the past, which is right for staff and wrong for history. Idempotent per site (a marker).
"""

import random
import time
from datetime import date, datetime, timedelta

import frappe
from frappe.utils import add_days, getdate, nowdate

from auto_service import facts
from auto_service.metrics import add_months, month_start
from auto_service.vehicle_ids import PLATE_LETTERS, vin_check_digit

MARKER = "auto_service_period_demo_loaded"
CARS = (
	("Lada", "Vesta"),
	("Lada", "Granta"),
	("Kia", "Rio"),
	("Hyundai", "Solaris"),
	("Toyota", "Camry"),
	("Volkswagen", "Polo"),
	("Skoda", "Octavia"),
	("Renault", "Logan"),
	("Haval", "Jolion"),
	("Chery", "Tiggo 7 Pro"),
)
# world manufacturer identifiers of the plants these cars usually come from
WMI = {
	"Lada": "XTA",
	"Kia": "Z94",
	"Hyundai": "Z94",
	"Toyota": "XW7",
	"Volkswagen": "XW8",
	"Skoda": "XW8",
	"Renault": "X7L",
	"Haval": "XZG",
	"Chery": "LVV",
}
REGIONS = (77, 97, 99, 177, 197, 199, 777, 50, 90, 150, 190, 750)
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"  # 2010 = A ... (30-year cycle)
SKILLS = ("Диагностика", "ТО и замена масла", "Ходовая часть", "Шиномонтаж", "Электрика")
REQUESTS = (
	"ТО-1, замена масла",
	"Стук в подвеске",
	"Сезонная замена шин",
	"Горит Check Engine",
	"Скрип тормозов",
	"Не заводится в мороз",
)
CHANNELS = ("Phone", "Walk-in", "Website", "Messenger", "Repeat Visit")


def faker(seed: int):
	from faker import Faker

	fake = Faker("ru_RU")
	fake.seed_instance(seed)
	return fake


def full_name(fake, rng: random.Random) -> str:
	"""Фамилия Имя Отчество of a man or a woman."""
	if rng.random() < 0.35:
		return f"{fake.last_name_female()} {fake.first_name_female()} {fake.middle_name_female()}"
	return f"{fake.last_name_male()} {fake.first_name_male()} {fake.middle_name_male()}"


def plate(rng: random.Random, serial: int) -> str:
	"""A civil Russian plate, distinct for distinct ``serial`` (number + letters + region cycle)."""
	letters = PLATE_LETTERS
	number = serial % 999 + 1
	rest = serial // 999
	a, b, c = letters[rest % 12], letters[(rest // 12) % 12], letters[(rest // 144) % 12]
	region = REGIONS[(rest // 1728) % len(REGIONS)]
	return f"{a}{number:03d}{b}{c}{region}"


def vin(rng: random.Random, make: str, year: int | None = None) -> str:
	"""A 17-character VIN with the make's WMI, a model year code and a correct check digit."""
	year = year or rng.randint(2010, 2025)
	body = WMI.get(make, "XTA") + "".join(rng.choice(VIN_CHARS) for _ in range(5))
	tail = YEAR_CODES[(year - 2010) % 30] + rng.choice(VIN_CHARS) + f"{rng.randint(0, 999_999):06d}"
	draft = body + "0" + tail
	return body + vin_check_digit(draft) + tail


def ensure_masters(company: str, count: int, rng: random.Random, fake) -> list:
	"""``count`` masters with skills (existing ones are reused)."""
	from auto_service.demo import make_master

	for skill in SKILLS:
		if not frappe.db.exists("Master Skill", skill):
			frappe.get_doc({"doctype": "Master Skill", "skill_name": skill}).insert(ignore_permissions=True)
	have = frappe.get_all(
		"Employee", filters={"as_is_master": 1, "status": "Active", "company": company}, pluck="name"
	)
	for _ in range(max(0, count - len(have))):
		name = make_master(company, fake.last_name_male(), fake.first_name_male())
		employee = frappe.get_doc("Employee", name)
		if not employee.as_skills:
			for skill in rng.sample(SKILLS, 2):
				employee.append("as_skills", {"skill": skill})
			employee.save(ignore_permissions=True)
	return frappe.get_all(
		"Employee",
		filters={"as_is_master": 1, "status": "Active", "company": company},
		fields=["name", "employee_name"],
		order_by="name",
		limit=count,
	)


def ensure_catalogue() -> tuple[list[tuple[str, float]], list[tuple[str, float, float]]]:
	from auto_service.catalogue import make_part_item, make_work_item
	from auto_service.demo.scale import PARTS, WORKS

	works = [(make_work_item(name, rate), rate) for name, rate, _lo, _hi in WORKS]
	parts = [(make_part_item(name, rate, valuation_rate=cost), rate, cost) for name, rate, cost in PARTS]
	return works, parts


def shop_sources() -> list[str]:
	"""The shop's own lead sources (installed with the app), else whatever the site has."""
	from auto_service.setup.install import DEFAULT_LEAD_SOURCES

	have = frappe.get_all("Lead Source", filters={"name": ("in", DEFAULT_LEAD_SOURCES)}, pluck="name")
	return sorted(have) or frappe.get_all("Lead Source", pluck="name", order_by="name")


def ensure_fiscal_years(company: str, start: date) -> None:
	"""ERPNext posts only into a Fiscal Year: make the calendar years back to ``start``."""
	for year in range(start.year, getdate(nowdate()).year + 1):
		if frappe.db.exists(
			"Fiscal Year",
			{"year_start_date": ("<=", date(year, 6, 1)), "year_end_date": (">=", date(year, 6, 1))},
		):
			continue
		frappe.get_doc(
			{
				"doctype": "Fiscal Year",
				"year": str(year),
				"year_start_date": date(year, 1, 1),
				"year_end_date": date(year, 12, 31),
				"companies": [{"company": company}],
			}
		).insert(ignore_permissions=True)


def run(clients: int = 300, months: int = 12, masters: int = 6, seed: int = 17) -> dict:
	"""The demo path: every document through its controller, in date order."""
	from auto_service.api.clients import create_client
	from auto_service.demo.scale import SEASON

	if frappe.db.get_default(MARKER):
		print("period demo already loaded")
		return {}
	started = time.monotonic()
	rng = random.Random(seed)
	fake = faker(seed)
	conf = frappe.get_cached_doc("Auto Service Settings")
	company = conf.company
	today = getdate(nowdate())
	first = add_months(month_start(today), -(months - 1))
	ensure_fiscal_years(company, add_days(first, -40))
	staff = ensure_masters(company, masters, rng, fake)
	works, parts = ensure_catalogue()
	receive_history_stock(company, conf.parts_warehouse, parts, add_days(first, -30), clients)
	sources = shop_sources()
	spend_demo(company, sources, [add_months(first, i) for i in range(months)], rng, SEASON)

	# clients arrive month by month (seasonality), then come back now and then
	plan: list[tuple[date, int]] = []
	weights = [SEASON[add_months(first, i).month] for i in range(months)]
	made = []
	for i in range(clients):
		month = add_months(first, rng.choices(range(months), weights)[0])
		last_day = min(today, add_days(add_months(month, 1), -1))
		day = month + timedelta(days=rng.randint(0, (last_day - month).days))
		make, model = rng.choice(CARS)
		year = rng.randint(2008, 2025)
		result = create_client(
			full_name=full_name(fake, rng),
			mobile_no=f"+79{rng.randint(10, 99)}{rng.randint(0, 9_999_999):07d}",
			email_id=fake.free_email() if rng.random() < 0.5 else None,
			lead_source=rng.choice(sources) if sources else None,
			sms_consent=int(rng.random() < 0.6),
			consent_method="Written form",
			vehicle={
				"license_plate": plate(rng, 50_000 + i * 7),
				"vin": vin(rng, make, year),
				"make": make,
				"model": model,
				"year": year,
				"last_mileage": rng.randint(5, 250) * 1000,
			},
		)
		made.append(result)
		plan.append((day, i))
		for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
			again = day + timedelta(days=rng.randint(20, 200))
			if again <= today:
				plan.append((again, i))
	plan.sort()
	counts = dict.fromkeys(("orders", "invoices", "payments", "refunds", "no_shows"), 0)
	favourite = {i: rng.choice(staff) for i in range(clients)}
	for day, i in plan:
		client = made[i]
		master = favourite[i] if rng.random() < 0.75 else rng.choice(staff)
		if rng.random() < 0.08:
			past_visit(client, master, day - timedelta(days=rng.randint(1, 5)), "No-show", rng)
			counts["no_shows"] += 1
		slot = past_visit(client, master, day, "Done", rng)
		order = make_order(client, master, day, slot, works, parts, rng)
		counts["orders"] += 1
		if day >= today - timedelta(days=2) and rng.random() < 0.5:
			continue  # still in work
		invoice = invoice_order(order, day)
		counts["invoices"] += 1
		paid = pay(invoice, day + timedelta(days=rng.choice((0, 0, 0, 1, 3))), rng, today)
		counts["payments"] += paid
		if order.parts and rng.random() < 0.04:
			refund(invoice, min(today, day + timedelta(days=rng.randint(1, 14))))
			counts["refunds"] += 1
		frappe.db.commit()  # a CLI job that owns its transaction: keep each order's documents
	frappe.db.set_default(MARKER, "1")
	frappe.db.commit()
	counts.update(clients=clients, seconds=round(time.monotonic() - started, 1))
	print("period demo:", counts)
	return counts


def receive_history_stock(company, warehouse, parts, day: date, clients: int) -> None:
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"company": company,
			"posting_date": day,
			"set_posting_time": 1,
			"items": [
				{
					"item_code": code,
					"qty": max(200, clients * 2),
					"t_warehouse": warehouse,
					"basic_rate": cost,
				}
				for code, _rate, cost in parts
			],
		}
	)
	entry.insert(ignore_permissions=True)
	entry.submit()


def spend_demo(company, sources, month_list, rng, season) -> None:
	for source in sources:
		base = rng.choice((0, 10_000, 20_000, 40_000))
		for month in month_list:
			if not base or frappe.db.exists(
				"Marketing Spend", {"lead_source": source, "month": month, "company": company}
			):
				continue
			frappe.get_doc(
				{
					"doctype": "Marketing Spend",
					"lead_source": source,
					"month": month,
					"company": company,
					"amount": round(base * rng.uniform(0.7, 1.3) * season[month.month], -2),
				}
			).insert(ignore_permissions=True)


def past_visit(client: dict, master, day: date, status: str, rng: random.Random) -> str:
	"""A visit that already happened (or was missed): the booking rules refuse the past, so it is
	written directly with its computed fields."""
	starts = datetime.combine(day, datetime.min.time()) + timedelta(hours=rng.choice((9, 10, 11, 14, 15, 16)))
	slot = frappe.get_doc(
		{
			"doctype": "Master Schedule Slot",
			"master": master.name,
			"master_name": master.employee_name,
			"starts_on": starts,
			"ends_on": starts + timedelta(hours=1),
			"duration_minutes": 60,
			"status": status,
			"channel": rng.choice(CHANNELS),
			"customer": client["customer"],
			"customer_name": frappe.db.get_value("Customer", client["customer"], "customer_name"),
			"vehicle": client.get("vehicle"),
			"requested_work": rng.choice(REQUESTS),
		}
	)
	slot.set_new_name()
	slot.db_insert()
	facts.mark(slot.customer)  # written past the booking rules: the facts follow by hand
	return slot.name


def make_order(client, master, day: date, slot: str, works, parts, rng):
	order = frappe.get_doc(
		{
			"doctype": "Repair Order",
			"customer": client["customer"],
			"vehicle": client.get("vehicle"),
			"posting_date": day,
			"schedule_slot": slot,
			"complaint": rng.choice(REQUESTS),
			"works": [
				{"item_code": code, "master": master.name, "hours": rng.choice((0.5, 1, 1, 1.5, 2, 3))}
				for code, _rate in rng.sample(works, rng.choice((1, 1, 2)))
			],
			"parts": [
				{"item_code": code, "qty": rng.choice((1, 1, 2, 4))}
				for code, _rate, _cost in rng.sample(parts, rng.choice((0, 1, 1, 2)))
			],
		}
	)
	order.insert(ignore_permissions=True)
	order.submit()
	return order


def invoice_order(order, day: date):
	invoice = order.build_sales_invoice()
	invoice.posting_date = day
	invoice.set_posting_time = 1
	invoice.due_date = day
	invoice.insert(ignore_permissions=True)
	invoice.submit()
	return invoice


def pay(invoice, day: date, rng: random.Random, today: date) -> int:
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	if rng.random() < 0.06:
		return 0  # not paid yet
	entry = get_payment_entry("Sales Invoice", invoice.name)
	entry.posting_date = min(day, today)
	entry.reference_no = invoice.name
	entry.reference_date = entry.posting_date
	if rng.random() < 0.1:  # partly paid
		part = round(invoice.outstanding_amount / 2, 2)
		entry.paid_amount = entry.received_amount = part
		entry.references[0].allocated_amount = part
	entry.insert(ignore_permissions=True)
	entry.submit()
	return 1


def refund(invoice, day: date) -> None:
	"""A part comes back: a credit note for it (ERPNext's own return)."""
	from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

	credit = make_sales_return(invoice.name)
	keep = [row for row in credit.items if row.warehouse][:1]
	if not keep:
		return
	credit.set("items", keep)
	credit.posting_date = day
	credit.set_posting_time = 1
	credit.calculate_taxes_and_totals()
	credit.insert(ignore_permissions=True)
	credit.submit()
