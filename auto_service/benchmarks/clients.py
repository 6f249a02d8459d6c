"""Client-base benchmark at shop scale: tens of thousands of clients with contacts and vehicles and a
hundred thousand repair orders, bulk-generated inside one transaction and rolled back. Measures the
desk's hot paths: client search by phone / plate / name, the duplicate-phone check of a new client,
the plate-uniqueness check of a vehicle, and the Vehicle History report."""

import random

import frappe

from auto_service.benchmarks.common import bulk_rows, report, timed

LETTERS = "АВЕКМНОРСТУХ"
SURNAME_LETTERS = "абвгдежзиклмнопрстуфхцчшэюя"


def surname(i: int) -> str:
	"""A distinct surname per client without digits: Клиент + i written in letters."""
	letters = ""
	while True:
		i, rest = divmod(i, len(SURNAME_LETTERS))
		letters = SURNAME_LETTERS[rest] + letters
		if not i:
			return f"Клиент{letters}"


def run(clients: int = 30_000, orders: int = 100_000, rounds: int = 50, seed: int = 5) -> dict:
	from auto_service.api.clients import find_clients
	from auto_service.auto_service.report.vehicle_history.vehicle_history import execute as vehicle_history
	from auto_service.clients import customers_with_phone

	frappe.set_user("Administrator")
	rng = random.Random(seed)
	tag = f"bm{rng.randint(1000, 9999)}"
	company = frappe.db.get_single_value("Auto Service Settings", "company")
	group = frappe.get_all("Customer Group", filters={"is_group": 0}, pluck="name", limit=1)[0]
	territory = frappe.get_all("Territory", pluck="name", limit=1)[0]
	try:
		customers, contacts, phones, links, vehicles, plates, numbers = [], [], [], [], [], [], []
		for i in range(clients):
			customer, contact = f"{tag}-C{i:06d}", f"{tag}-P{i:06d}"
			phone = f"+79{rng.randint(10, 99)}{i:07d}"
			plate = f"{rng.choice(LETTERS)}{i % 999 + 1:03d}{rng.choice(LETTERS)}{rng.choice(LETTERS)}{100 + i // 999}"
			name = f"{surname(i)} Бенчмарков"
			customers.append(
				{
					"name": customer,
					"customer_name": name,
					"customer_type": "Individual",
					"customer_group": group,
					"territory": territory,
					"customer_primary_contact": contact,
					"mobile_no": phone,
				}
			)
			contacts.append(
				{"name": contact, "first_name": name, "mobile_no": phone, "is_primary_contact": 1}
			)
			phones.append(
				{
					"name": f"{contact}-ph",
					"parent": contact,
					"parenttype": "Contact",
					"parentfield": "phone_nos",
					"phone": phone,
					"is_primary_mobile_no": 1,
				}
			)
			links.append(
				{
					"name": f"{contact}-ln",
					"parent": contact,
					"parenttype": "Contact",
					"parentfield": "links",
					"link_doctype": "Customer",
					"link_name": customer,
				}
			)
			vehicles.append(
				{
					"name": f"{tag}-V{i:06d}",
					"customer": customer,
					"customer_name": name,
					"license_plate": plate,
					"title": plate,
					"is_active": 1,
				}
			)
			plates.append(plate)
			numbers.append(phone)
		bulk_rows("Customer", customers)
		bulk_rows("Contact", contacts)
		bulk_rows("Contact Phone", phones)
		bulk_rows("Dynamic Link", links)
		bulk_rows("Customer Vehicle", vehicles)

		order_rows, work_rows = [], []
		for j in range(orders):
			i = rng.randrange(clients)
			order = f"{tag}-O{j:07d}"
			order_rows.append(
				{
					"name": order,
					"customer": f"{tag}-C{i:06d}",
					"customer_name": f"{surname(i)} Бенчмарков",
					"vehicle": f"{tag}-V{i:06d}",
					"vehicle_title": plates[i],
					"company": company,
					"posting_date": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
					"status": "Closed",
					"docstatus": 1,
					"grand_total": 5000,
					"payment_status": "Paid",
					"mileage_in": rng.randint(1000, 300_000),
				}
			)
			work_rows.append(
				{
					"name": f"{order}-w",
					"parent": order,
					"parenttype": "Repair Order",
					"parentfield": "works",
					"item_code": "Замена масла",
					"description": "Замена масла",
					"hours": 1,
					"rate": 2500,
					"amount": 2500,
					"docstatus": 1,
				}
			)
		bulk_rows("Repair Order", order_rows)
		bulk_rows("Repair Order Work", work_rows)

		def by_phone():
			i = rng.randrange(clients)
			assert find_clients("8" + numbers[i][2:])

		def by_plate():
			assert find_clients(plates[rng.randrange(clients)])

		def by_name():
			assert find_clients(f"{surname(rng.randrange(clients))} Бенч")

		def duplicate_phone_check():
			assert customers_with_phone([numbers[rng.randrange(clients)]], [])

		def plate_unique_check():
			frappe.db.get_value(
				"Customer Vehicle", {"license_plate": plates[rng.randrange(clients)], "is_active": 1}, "name"
			)

		def history():
			vehicle_history({"vehicle": f"{tag}-V{rng.randrange(clients):06d}"})

		return report(
			f"client base: {clients} clients, {clients} vehicles, {orders} repair orders",
			{
				"find_clients by phone": timed(by_phone, rounds),
				"find_clients by plate": timed(by_plate, rounds),
				"find_clients by name": timed(by_name, rounds),
				"duplicate-phone check (new client)": timed(duplicate_phone_check, rounds),
				"plate uniqueness check (vehicle)": timed(plate_unique_check, rounds),
				"Vehicle History report (one car)": timed(history, rounds),
			},
		)
	finally:
		frappe.db.rollback()
