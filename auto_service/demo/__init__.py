"""Demo data for a fresh site: masters, clients with contacts and consent, their vehicles.

Run by scripts/setup.sh: ``bench --site auto.localhost execute auto_service.demo.load_demo_data``.
Deterministic (fixed seed) and idempotent: a second run adds nothing.
"""

import random

import frappe
from frappe.utils import add_days, getdate, nowdate

from auto_service.demo.shop import CARS
from auto_service.vehicle_ids import PLATE_LETTERS

SURNAMES = (
	"Иванов",
	"Смирнов",
	"Кузнецов",
	"Попов",
	"Васильев",
	"Петров",
	"Соколов",
	"Михайлов",
	"Новиков",
	"Фёдоров",
)
NAMES = (
	"Александр",
	"Сергей",
	"Дмитрий",
	"Андрей",
	"Алексей",
	"Максим",
	"Евгений",
	"Иван",
	"Михаил",
	"Артём",
)
PATRONYMICS = ("Александрович", "Сергеевич", "Дмитриевич", "Андреевич", "Иванович", "Петрович")
MASTERS = (("Соколов", "Виктор"), ("Морозов", "Павел"), ("Волков", "Николай"), ("Зайцев", "Олег"))
MARKER = "auto_service_demo_loaded"
WORKSHOP_MARKER = "auto_service_demo_workshop_loaded"
SKILLS = ("Диагностика", "ТО и замена масла", "Ходовая часть", "Шиномонтаж", "Электрика")
WORKS = (
	("Диагностика подвески", 1800),
	("Замена масла ДВС", 1500),
	("Замена амортизатора", 2500),
	("Шиномонтаж (4 колеса)", 3200),
	("Компьютерная диагностика", 2000),
)
PARTS = (
	("Масло моторное 5W-40, 4 л", 3900, 2400),
	("Фильтр масляный", 650, 300),
	("Амортизатор передний", 6500, 4000),
	("Колодки тормозные передние", 2900, 1700),
	("Лампа H7", 450, 200),
)
REQUESTS = (
	"ТО-1, замена масла",
	"Стук в подвеске",
	"Сезонная замена шин",
	"Горит Check Engine",
	"Скрип тормозов",
)


def load_demo_data(clients: int = 40, seed: int = 7) -> None:
	if frappe.db.get_default(MARKER):
		print("demo data already loaded")
		load_period_demo()
		return
	from auto_service.api.clients import create_client

	rng = random.Random(seed)
	company = (
		frappe.defaults.get_global_default("company") or frappe.get_all("Company", pluck="name", limit=1)[0]
	)
	for last, first in MASTERS:
		make_master(company, last, first)

	sources = frappe.get_all("Lead Source", pluck="name", order_by="name")
	made = 0
	used_plates: set[str] = set()
	while made < clients:
		full_name = f"{rng.choice(SURNAMES)} {rng.choice(NAMES)} {rng.choice(PATRONYMICS)}"
		phone = f"+79{rng.randint(10, 99)}{rng.randint(0, 9_999_999):07d}"
		plate = (
			f"{rng.choice(PLATE_LETTERS)}{rng.randint(1, 999):03d}"
			f"{rng.choice(PLATE_LETTERS)}{rng.choice(PLATE_LETTERS)}{rng.choice((77, 97, 99, 177, 197, 199, 777, 50, 750))}"
		)
		if plate in used_plates:
			continue
		used_plates.add(plate)
		make, model = rng.choice(CARS)
		consent = rng.random() < 0.6
		result = create_client(
			full_name=full_name,
			mobile_no=phone,
			email_id=f"client{made + 1}@example.com" if rng.random() < 0.7 else None,
			lead_source=rng.choice(sources) if sources else None,
			sms_consent=int(consent),
			email_consent=int(consent and rng.random() < 0.5),
			consent_method="Written form" if consent else None,
			vehicle={
				"license_plate": plate,
				"make": make,
				"model": model,
				"year": rng.randint(2008, 2025),
				"last_mileage": rng.randint(5, 250) * 1000,
			},
		)
		first_visit = add_days(getdate(nowdate()), -rng.randint(0, 720))
		frappe.db.set_value(
			"Customer", result["customer"], "as_first_visit_date", first_visit, update_modified=False
		)
		made += 1
	frappe.db.set_default(MARKER, "1")
	frappe.db.commit()  # a CLI step that owns its transaction
	print(f"demo data: {len(MASTERS)} masters, {made} clients with vehicles")
	load_demo_workshop(seed=seed)
	load_period_demo()


def load_period_demo(clients: int = 30) -> None:
	"""A year of history through the normal documents, for the period reports (once per site). Kept small
	so that scripts/setup.sh stays quick; a few hundred clients: ``generate("demo", clients=300)``."""
	generate("demo", clients=clients)


def load_demo_workshop(seed: int = 7) -> None:
	"""Skills, a catalogue of works and parts with stock, visits for the coming days, a few orders."""
	if frappe.db.get_default(WORKSHOP_MARKER):
		print("demo workshop already loaded")
		return
	from auto_service.api.schedule import book_best
	from auto_service.catalogue import make_part_item, make_work_item

	rng = random.Random(seed)
	for skill in SKILLS:
		if not frappe.db.exists("Master Skill", skill):
			frappe.get_doc({"doctype": "Master Skill", "skill_name": skill}).insert(ignore_permissions=True)
	masters = frappe.get_all("Employee", filters={"as_is_master": 1, "status": "Active"}, pluck="name")
	for index, master in enumerate(masters):
		employee = frappe.get_doc("Employee", master)
		if not employee.as_skills:
			for skill in SKILLS[index % 2 :: 2] or SKILLS[:2]:
				employee.append("as_skills", {"skill": skill})
			employee.save(ignore_permissions=True)
	works = [make_work_item(name, rate) for name, rate in WORKS]
	parts = [make_part_item(name, rate, stock_qty=50, valuation_rate=cost) for name, rate, cost in PARTS]

	clients = frappe.get_all(
		"Customer Vehicle",
		filters={"is_active": 1},
		fields=["customer", "name"],
		limit=12,
		order_by="creation",
	)
	booked = 0
	for i, row in enumerate(clients):
		earliest = f"{add_days(getdate(nowdate()), 1 + i % 5)} {9 + (i * 2) % 8:02d}:00:00"
		try:
			book_best(
				row.customer,
				rng.choice((60, 90, 120)),
				earliest=earliest,
				vehicle=row.name,
				requested_work=rng.choice(REQUESTS),
				channel=rng.choice(("Phone", "Walk-in", "Website")),
			)
			booked += 1
		except frappe.ValidationError:
			frappe.clear_last_message()

	orders = 0
	for row in clients[:4]:
		order = frappe.get_doc(
			{
				"doctype": "Repair Order",
				"customer": row.customer,
				"vehicle": row.name,
				"complaint": rng.choice(REQUESTS),
				"works": [{"item_code": rng.choice(works), "master": rng.choice(masters), "hours": 1}],
				"parts": [{"item_code": rng.choice(parts), "qty": 1}],
			}
		).insert(ignore_permissions=True)
		order.submit()
		orders += 1
	frappe.db.set_default(WORKSHOP_MARKER, "1")
	frappe.db.commit()  # a CLI step that owns its transaction
	print(
		f"demo workshop: {len(SKILLS)} skills, {len(works)} works, {len(parts)} parts, {booked} visits, {orders} orders"
	)


def make_master(company: str, last_name: str, first_name: str) -> str:
	existing = frappe.db.get_value("Employee", {"first_name": first_name, "last_name": last_name})
	if existing:
		return existing
	employee = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": first_name,
			"last_name": last_name,
			"gender": "Male",
			"date_of_birth": "1985-03-15",
			"date_of_joining": "2020-01-10",
			"company": company,
			"designation": None,
			"as_is_master": 1,
			"status": "Active",
		}
	)
	return employee.insert(ignore_permissions=True).name


def generate(scale: str = "demo", **kwargs) -> dict:
	"""A generated shop over a chosen number of months (README, "Generated shop"):

	* ``scale="demo"``: a few hundred clients over 12 months through the normal documents
	  (``auto_service.demo.shop.run``: clients, months, masters, seed);
	* ``scale="scale"``: 50k clients, 60k cars, 300k orders, 30 masters, 24 months in bulk, for benchmarks
	  only (``auto_service.demo.scale.run``).
	"""
	if scale == "demo":
		from auto_service.demo.shop import run
	elif scale == "scale":
		from auto_service.demo.scale import run
	else:
		frappe.throw(frappe._("Unknown scale {0}: use demo or scale.").format(scale))
	return run(**kwargs)
