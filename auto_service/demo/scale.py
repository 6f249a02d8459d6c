"""Scale data for the report benchmarks: 50,000 clients, 60,000 cars, 300,000 repair orders with invoices,
30 masters, 24 months — written in bulk, FOR BENCHMARKS ONLY.

Going through the ORM (~0.9 s an order) would take days, so the history is written as rows the way they
look after submit, in batches, committed batch by batch with a progress bar::

    bench --site SITE execute auto_service.demo.generate --kwargs '{"scale": "scale"}'
    bench --site SITE execute auto_service.demo.scale.remove          # deletes every row it wrote

Tables written (every name starts with ``SCL-``, so ``remove`` finds them): ``tabCustomer``,
``tabCustomer Vehicle``, ``tabMaster Schedule Slot``, ``tabRepair Order``, ``tabRepair Order Work``,
``tabRepair Order Part``, ``tabSales Invoice`` (invoices, a few cancelled ones and credit notes),
``tabSales Invoice Item``, ``tabStock Ledger Entry`` (the parts leaving with each invoice, back with each
credit note), ``tabMarketing Spend``. Masters (``tabEmployee``) and the works/parts catalogue (``tabItem``,
``tabItem Price``) are made through the ORM. NOT written: GL entries, payments, contacts, bins — the books of
a scale site do not balance; never run this on a site that keeps real accounts.
"""

import random
import time
from datetime import date, datetime, timedelta

import frappe
from frappe.utils import getdate, nowdate

from auto_service import facts
from auto_service.bulk import insert_dicts
from auto_service.metrics import add_months, month_start

PREFIX = "SCL-"
CHANNELS = ("Phone", "Walk-in", "Website", "Messenger", "Repeat Visit", "Other")
# month of year -> relative demand (spring tyres and autumn tyres, summer trips, quiet January)
SEASON = {
	1: 0.7,
	2: 0.8,
	3: 1.0,
	4: 1.35,
	5: 1.2,
	6: 1.0,
	7: 0.95,
	8: 0.95,
	9: 1.05,
	10: 1.35,
	11: 1.2,
	12: 0.85,
}
WORKS = (
	("Диагностика подвески", 1800, 0.5, 1.5),
	("Замена масла ДВС", 1500, 0.5, 1.0),
	("Замена амортизатора", 2500, 1.0, 3.0),
	("Шиномонтаж (4 колеса)", 3200, 1.0, 1.5),
	("Компьютерная диагностика", 2000, 0.5, 1.0),
	("Замена тормозных колодок", 2200, 0.5, 1.5),
	("Замена ремня ГРМ", 2800, 2.0, 4.0),
	("Развал-схождение", 2400, 1.0, 1.5),
	("Замена свечей зажигания", 1600, 0.5, 1.0),
	("Ремонт стартера", 2600, 1.5, 3.0),
)
PARTS = (
	("Масло моторное 5W-40, 4 л", 3900, 2400),
	("Фильтр масляный", 650, 300),
	("Амортизатор передний", 6500, 4000),
	("Колодки тормозные передние", 2900, 1700),
	("Лампа H7", 450, 200),
	("Ремень ГРМ (комплект)", 7800, 5200),
	("Свеча зажигания", 700, 380),
	("Фильтр воздушный", 900, 450),
)
VAT = 20.0


def run(
	clients: int = 50_000,
	vehicles: int = 60_000,
	orders: int = 300_000,
	masters: int = 30,
	months: int = 24,
	seed: int = 11,
	batch_clients: int = 2_000,
) -> dict:
	from auto_service.demo.shop import CARS, ensure_catalogue, ensure_masters, faker, plate, shop_sources, vin
	from auto_service.demo.shop import full_name as person_name

	if frappe.db.exists("Customer", f"{PREFIX}C000001"):
		print("scale data already present: run auto_service.demo.scale.remove first")
		return {}
	started = time.monotonic()
	rng = random.Random(seed)
	fake = faker(seed)
	conf = frappe.get_cached_doc("Auto Service Settings")
	company = conf.company
	currency = frappe.get_cached_value("Company", company, "default_currency")
	debit_to = frappe.get_cached_value("Company", company, "default_receivable_account")
	income = frappe.get_cached_value("Company", company, "default_income_account")
	cost_center = frappe.get_cached_value("Company", company, "cost_center")
	warehouse = conf.parts_warehouse
	group = frappe.get_all("Customer Group", filters={"is_group": 0}, pluck="name", limit=1)[0]
	territory = frappe.get_all("Territory", filters={"is_group": 0}, pluck="name", limit=1)[0]
	sources = shop_sources()
	source_weights = [rng.uniform(0.3, 1.5) for _ in sources]
	master_rows = ensure_masters(company, masters, rng, fake)
	works, parts = ensure_catalogue()
	work_rates = {code: rate for code, rate in works}
	part_facts = {code: (rate, cost) for code, rate, cost in parts}
	work_hours = {name: (lo, hi) for name, _rate, lo, hi in WORKS}

	today = getdate(nowdate())
	first_month = add_months(month_start(today), -(months - 1))
	month_list = [add_months(first_month, i) for i in range(months)]
	month_weights = [SEASON[m.month] * (1 + 0.5 * i / months) for i, m in enumerate(month_list)]
	orders_per_client = orders / clients
	extra_cars = max(0, vehicles - clients)

	write_spend(company, currency, sources, month_list, rng)
	totals = dict.fromkeys(("clients", "vehicles", "orders", "invoices", "credit_notes", "slots"), 0)
	seq = {"ro": 0, "si": 0, "slot": 0, "veh": 0, "line": 0}
	for batch_start in range(0, clients, batch_clients):
		rows = {
			k: []
			for k in (
				"Customer",
				"Customer Vehicle",
				"Repair Order",
				"Repair Order Work",
				"Repair Order Part",
			)
		}
		rows.update({"Sales Invoice": [], "Sales Invoice Item": [], "Stock Ledger Entry": []})
		rows["Master Schedule Slot"] = []
		for i in range(batch_start, min(clients, batch_start + batch_clients)):
			customer = f"{PREFIX}C{i + 1:06d}"
			full_name = person_name(fake, rng)
			source = rng.choices(sources, source_weights)[0] if sources and rng.random() < 0.9 else None
			rows["Customer"].append(
				{
					"name": customer,
					"customer_name": full_name,
					"customer_type": "Individual",
					"customer_group": group,
					"territory": territory,
					"as_lead_source": source,
					"mobile_no": f"+79{rng.randint(10, 99)}{i:07d}",
				}
			)
			cars = []
			for _ in range(1 + (rng.random() < extra_cars / clients)):
				seq["veh"] += 1
				make, model = rng.choice(CARS)
				car = f"{PREFIX}V{seq['veh']:06d}"
				cars.append((car, f"{make} {model}"))
				rows["Customer Vehicle"].append(
					{
						"name": car,
						"customer": customer,
						"customer_name": full_name,
						"is_active": 1,
						"title": f"{make} {model}",
						"license_plate": plate(rng, seq["veh"]),
						"vin": vin(rng, make),
						"make": make,
						"model": model,
						"year": rng.randint(2006, 2025),
						"last_mileage": rng.randint(10, 250) * 1000,
					}
				)
			# acquisition month with seasonality and growth, then visits until today
			acquired = rng.choices(range(months), month_weights)[0]
			visits = max(1, round(rng.expovariate(1 / max(1.0, orders_per_client - 0.9))))
			span = (today - month_list[acquired]).days
			days = sorted({rng.randint(0, max(0, span)) for _ in range(visits)} | {rng.randint(0, 27)})
			favourite = rng.choice(master_rows)
			for day_offset in days:
				posting = month_list[acquired] + timedelta(days=min(day_offset, span))
				if posting > today:
					posting = today
				master = favourite if rng.random() < 0.7 else rng.choice(master_rows)
				car, car_title = rng.choice(cars)
				seq["ro"] += 1
				write_order(
					rows,
					seq,
					rng,
					customer,
					full_name,
					car,
					car_title,
					posting,
					master,
					source,
					company,
					currency,
					debit_to,
					income,
					cost_center,
					warehouse,
					work_rates,
					work_hours,
					part_facts,
					today,
				)
		for doctype, values in rows.items():
			insert_dicts(doctype, values)
		# the reports' stored facts of these clients, from the rows just written (as the events would)
		totals["activity_rows"] = totals.get("activity_rows", 0) + facts.rebuild(
			[row["name"] for row in rows["Customer"]]
		)
		totals["clients"] += len(rows["Customer"])
		totals["vehicles"] += len(rows["Customer Vehicle"])
		totals["orders"] += len(rows["Repair Order"])
		totals["invoices"] += sum(1 for r in rows["Sales Invoice"] if not r.get("is_return"))
		totals["credit_notes"] += sum(1 for r in rows["Sales Invoice"] if r.get("is_return"))
		totals["slots"] += len(rows["Master Schedule Slot"])
		frappe.db.commit()  # a CLI/background job that owns its transaction: one commit per batch
		done = min(clients, batch_start + batch_clients)
		frappe.publish_progress(100 * done / clients, title="Scale data", description=f"{done} / {clients}")
		print(
			f"  {done:>6} / {clients} clients, {totals['orders']} orders, {time.monotonic() - started:.0f} s",
			flush=True,
		)
	totals["seconds"] = round(time.monotonic() - started, 1)
	print("scale data:", totals)
	return totals


def write_order(
	rows,
	seq,
	rng,
	customer,
	full_name,
	car,
	car_title,
	posting: date,
	master,
	source,
	company,
	currency,
	debit_to,
	income,
	cost_center,
	warehouse,
	work_rates,
	work_hours,
	part_facts,
	today,
) -> None:
	order = f"{PREFIX}RO-{seq['ro']:07d}"
	hour = rng.choice((9, 9, 10, 10, 11, 12, 14, 14, 15, 16, 17))
	starts = datetime.combine(posting, datetime.min.time()) + timedelta(hours=hour)
	work_lines = []
	for idx, code in enumerate(rng.sample(list(work_rates), rng.choice((1, 1, 1, 2, 2, 3))), start=1):
		lo, hi = work_hours.get(code, (0.5, 2.0))
		hours = round(rng.uniform(lo, hi) * 2) / 2 or 0.5
		rate = work_rates[code]
		work_lines.append((idx, code, hours, rate, round(hours * rate, 2)))
	part_lines = []
	for idx, code in enumerate(rng.sample(list(part_facts), rng.choice((0, 1, 1, 2))), start=1):
		qty = rng.choice((1, 1, 1, 2, 4))
		rate, cost = part_facts[code]
		part_lines.append((idx, code, qty, rate, round(qty * rate, 2), cost))
	total_works = sum(line[4] for line in work_lines)
	total_parts = sum(line[4] for line in part_lines)
	grand = round(total_works + total_parts, 2)
	taxes = round(grand * VAT / (100 + VAT), 2)
	net = round(grand - taxes, 2)
	recent = (today - posting).days < 3
	invoiced = not recent or rng.random() < 0.5
	status = "Closed" if invoiced else rng.choice(("In Progress", "Ready"))

	# the visit: most orders come from a booking; some bookings end as no-shows or cancellations
	slot = None
	if rng.random() < 0.75:
		seq["slot"] += 1
		slot = f"{PREFIX}SLOT-{seq['slot']:07d}"
		duration = int(max(0.5, sum(line[2] for line in work_lines)) * 60)
		rows["Master Schedule Slot"].append(
			{
				"name": slot,
				"master": master.name,
				"master_name": master.employee_name,
				"starts_on": starts,
				"ends_on": starts + timedelta(minutes=duration),
				"duration_minutes": duration,
				"status": "Done" if invoiced else "In Work",
				"channel": rng.choice(CHANNELS),
				"repair_order": order,
				"customer": customer,
				"customer_name": full_name,
				"vehicle": car,
				"vehicle_title": car_title,
			}
		)
	if rng.random() < 0.12:
		seq["slot"] += 1
		missed = starts - timedelta(days=rng.randint(1, 20), hours=rng.randint(-2, 2))
		rows["Master Schedule Slot"].append(
			{
				"name": f"{PREFIX}SLOT-{seq['slot']:07d}",
				"master": master.name,
				"master_name": master.employee_name,
				"starts_on": missed,
				"ends_on": missed + timedelta(hours=1),
				"duration_minutes": 60,
				"status": rng.choice(("No-show", "Cancelled", "Cancelled")),
				"channel": rng.choice(CHANNELS),
				"customer": customer,
				"customer_name": full_name,
				"vehicle": car,
				"vehicle_title": car_title,
			}
		)

	invoice = None
	if invoiced:
		cancelled = rng.random() < 0.01
		seq["si"] += 1
		invoice = f"{PREFIX}SI-{seq['si']:07d}"
		paid = rng.random() < 0.97
		write_invoice(
			rows,
			seq,
			invoice,
			order,
			customer,
			full_name,
			posting,
			company,
			currency,
			debit_to,
			income,
			cost_center,
			warehouse,
			source,
			work_lines,
			part_lines,
			net,
			grand,
			docstatus=2 if cancelled else 1,
			outstanding=0 if paid else round(grand * 0.5, 2),
		)
		if cancelled:  # cancelled and re-issued the same day, as an accountant would
			seq["si"] += 1
			invoice = f"{PREFIX}SI-{seq['si']:07d}"
			write_invoice(
				rows,
				seq,
				invoice,
				order,
				customer,
				full_name,
				posting,
				company,
				currency,
				debit_to,
				income,
				cost_center,
				warehouse,
				source,
				work_lines,
				part_lines,
				net,
				grand,
				docstatus=1,
				outstanding=0,
			)
		if part_lines and rng.random() < 0.01:  # a refund: the first part comes back
			_idx, code, qty, rate, amount, cost = part_lines[0]
			seq["si"] += 1
			back_net = round(amount * 100 / (100 + VAT), 2)
			write_invoice(
				rows,
				seq,
				f"{PREFIX}SI-{seq['si']:07d}",
				order,
				customer,
				full_name,
				min(today, posting + timedelta(days=rng.randint(0, 10))),
				company,
				currency,
				debit_to,
				income,
				cost_center,
				warehouse,
				source,
				[],
				[(1, code, -qty, rate, -amount, cost)],
				-back_net,
				-amount,
				docstatus=1,
				outstanding=0,
				return_against=invoice,
			)
	rows["Repair Order"].append(
		{
			"name": order,
			"customer": customer,
			"customer_name": full_name,
			"vehicle": car,
			"vehicle_title": car_title,
			"schedule_slot": slot,
			"posting_date": posting,
			"status": status,
			"company": company,
			"lead_source": source,
			"currency": currency,
			"total_works": total_works,
			"total_parts": total_parts,
			"total_taxes": taxes,
			"grand_total": grand,
			"sales_invoice": invoice,
			"payment_status": "Paid" if invoice else "Not Invoiced",
			"invoiced_amount": grand if invoice else 0,
			"docstatus": 1,
		}
	)
	for idx, code, hours, rate, amount in work_lines:
		seq["line"] += 1
		rows["Repair Order Work"].append(
			{
				"name": f"{PREFIX}W{seq['line']:08d}",
				"parent": order,
				"parenttype": "Repair Order",
				"parentfield": "works",
				"idx": idx,
				"item_code": code,
				"description": code,
				"master": master.name,
				"master_name": master.employee_name,
				"hours": hours,
				"rate": rate,
				"amount": amount,
				"currency": currency,
				"docstatus": 1,
			}
		)
	for idx, code, qty, rate, amount, _cost in part_lines:
		seq["line"] += 1
		rows["Repair Order Part"].append(
			{
				"name": f"{PREFIX}P{seq['line']:08d}",
				"parent": order,
				"parenttype": "Repair Order",
				"parentfield": "parts",
				"idx": idx,
				"item_code": code,
				"item_name": code,
				"qty": qty,
				"warehouse": warehouse,
				"rate": rate,
				"amount": amount,
				"currency": currency,
				"docstatus": 1,
			}
		)


def write_invoice(
	rows,
	seq,
	name,
	order,
	customer,
	full_name,
	posting,
	company,
	currency,
	debit_to,
	income,
	cost_center,
	warehouse,
	source,
	work_lines,
	part_lines,
	net,
	grand,
	docstatus,
	outstanding,
	return_against=None,
) -> None:
	rows["Sales Invoice"].append(
		{
			"name": name,
			"naming_series": "ACC-SINV-.YYYY.-",
			"customer": customer,
			"customer_name": full_name,
			"company": company,
			"posting_date": posting,
			"posting_time": "12:00:00",
			"due_date": posting,
			"currency": currency,
			"conversion_rate": 1,
			"price_list_currency": currency,
			"plc_conversion_rate": 1,
			"debit_to": debit_to,
			"update_stock": 1 if part_lines else 0,
			"is_return": 1 if return_against else 0,
			"return_against": return_against,
			"as_repair_order": order,
			"source": source,
			"total": net,
			"base_total": net,
			"net_total": net,
			"base_net_total": net,
			"total_taxes_and_charges": round(grand - net, 2),
			"base_total_taxes_and_charges": round(grand - net, 2),
			"grand_total": grand,
			"base_grand_total": grand,
			"rounded_total": grand,
			"base_rounded_total": grand,
			"outstanding_amount": outstanding if docstatus == 1 else 0,
			"status": "Cancelled" if docstatus == 2 else ("Return" if return_against else "Paid"),
			"docstatus": docstatus,
		}
	)
	idx = 0
	for _i, code, hours, rate, amount in work_lines:
		idx += 1
		rows["Sales Invoice Item"].append(
			_invoice_item(name, idx, code, hours, rate, amount, income, cost_center, None, docstatus)
		)
	for _i, code, qty, rate, amount, cost in part_lines:
		idx += 1
		item = _invoice_item(name, idx, code, qty, rate, amount, income, cost_center, warehouse, docstatus)
		rows["Sales Invoice Item"].append(item)
		seq["line"] += 1
		rows["Stock Ledger Entry"].append(
			{
				"name": f"{PREFIX}SLE{seq['line']:08d}",
				"item_code": code,
				"warehouse": warehouse,
				"posting_date": posting,
				"posting_time": "12:00:00",
				"posting_datetime": datetime.combine(posting, datetime.min.time()) + timedelta(hours=12),
				"voucher_type": "Sales Invoice",
				"voucher_no": name,
				"voucher_detail_no": item["name"],
				"actual_qty": -qty,
				"valuation_rate": cost,
				"incoming_rate": cost if qty < 0 else 0,
				"stock_value_difference": round(-qty * cost, 2),
				"company": company,
				"stock_uom": "Nos",
				"is_cancelled": 1 if docstatus == 2 else 0,
				"docstatus": 2 if docstatus == 2 else 1,
			}
		)


def _invoice_item(invoice, idx, code, qty, rate, amount, income, cost_center, warehouse, docstatus) -> dict:
	net_amount = round(amount * 100 / (100 + VAT), 2)
	return {
		"name": f"{invoice}-{idx}",
		"parent": invoice,
		"parenttype": "Sales Invoice",
		"parentfield": "items",
		"idx": idx,
		"item_code": code,
		"item_name": code,
		"description": code,
		"qty": qty,
		"stock_qty": qty,
		"conversion_factor": 1,
		"rate": rate,
		"base_rate": rate,
		"amount": amount,
		"base_amount": amount,
		"net_rate": round(net_amount / qty, 2) if qty else 0,
		"net_amount": net_amount,
		"base_net_amount": net_amount,
		"income_account": income,
		"cost_center": cost_center,
		"warehouse": warehouse,
		"docstatus": docstatus,
	}


def write_spend(company, currency, sources, month_list, rng) -> None:
	rows = []
	for source in sources:
		base = rng.choice((0, 15_000, 30_000, 60_000, 120_000))
		if not base:
			continue  # word of mouth costs nothing
		for month in month_list:
			rows.append(
				{
					"name": f"{PREFIX}MS-{source[:20]}-{month:%Y%m}",
					"lead_source": source,
					"month": month,
					"amount": round(base * rng.uniform(0.7, 1.3) * SEASON[month.month], -2),
					"company": company,
					"currency": currency,
				}
			)
	insert_dicts("Marketing Spend", rows)


TABLES = (
	("tabClient Activity", "customer"),
	("tabMaster Activity", "customer"),
	("tabStock Ledger Entry", "name"),
	("tabSales Invoice Item", "parent"),
	("tabSales Invoice", "name"),
	("tabRepair Order Work", "parent"),
	("tabRepair Order Part", "parent"),
	("tabRepair Order", "name"),
	("tabMaster Schedule Slot", "name"),
	("tabCustomer Vehicle", "name"),
	("tabCustomer", "name"),
	("tabMarketing Spend", "name"),
)


def remove() -> None:
	"""Delete every row the scale path wrote (names starting with SCL-), batch by batch."""
	for table, column in TABLES:
		doctype = table[3:]
		while True:
			names = frappe.get_all(
				doctype, filters={column: ("like", f"{PREFIX}%")}, pluck="name", limit=20_000
			)
			if not names:
				break
			frappe.db.delete(doctype, {"name": ("in", names)})
			frappe.db.commit()  # a CLI job that owns its transaction
		print(f"  {doctype}: removed")
