"""Invoice benchmark: repair order (5 works, 10 parts) -> submitted Sales Invoice, next to ERPNext's own
Sales Invoice insert + submit of the same lines on the same bench, alternating round by round. Rolled back at
the end.

Both invoices are saved, then read back and submitted, as the desk does (saving and submitting are two
requests, and the second loads the document). Until 2026-11-29 ERPNext's side submitted the document still in
memory while ours read it back."""

import os

import frappe
from frappe.utils import nowdate

from auto_service.benchmarks.common import alternated, report


def run(rounds: int = 40) -> dict:
	from auto_service.api.repair_orders import make_sales_invoice
	from auto_service.catalogue import make_part_item, make_work_item, settings
	from auto_service.tests.factories import make_client, make_order

	frappe.set_user("Administrator")
	try:
		works = [make_work_item(f"BENCH Работа {i}", 1500 + 100 * i) for i in range(5)]
		parts = [
			make_part_item(f"BENCH Запчасть {i}", 500 + 50 * i, stock_qty=10_000, valuation_rate=300)
			for i in range(10)
		]
		client = make_client("Счетов Бенчмарк", vehicle={"license_plate": "Х999ХХ99"})
		work_rows = [{"item_code": code, "hours": 1.5} for code in works]
		part_rows = [{"item_code": code, "qty": 2} for code in parts]
		conf = settings()

		def ours():
			order = make_order(client["customer"], client["vehicle"], works=work_rows, parts=part_rows)
			invoice = frappe.get_doc("Sales Invoice", make_sales_invoice(order.name))
			invoice.submit()

		def erpnext_only():
			invoice = frappe.get_doc(
				{
					"doctype": "Sales Invoice",
					"customer": client["customer"],
					"company": conf.company,
					"posting_date": nowdate(),
					"update_stock": 1,
					"selling_price_list": conf.selling_price_list,
					"taxes_and_charges": conf.taxes_and_charges,
					"items": [{"item_code": code, "qty": 1.5} for code in works]
					+ [{"item_code": code, "qty": 2, "warehouse": conf.parts_warehouse} for code in parts],
				}
			)
			invoice.append_taxes_from_master()
			invoice.insert()
			# submitted as the desk submits a saved invoice, and as ``ours`` does: read back, then submitted
			frappe.get_doc("Sales Invoice", invoice.name).submit()

		ours()  # warm caches for both
		erpnext_only()
		# alternating, round after round: both meet the same moments of a shared machine's load
		times = alternated({"ours": ours, "erpnext": erpnext_only}, rounds)
		return report(
			"order (5 works, 10 parts) -> submitted invoice",
			{
				"order insert+submit, make invoice, submit": times["ours"],
				"ERPNext Sales Invoice insert+submit, same lines": times["erpnext"],
				"ratio (median)": round(times["ours"]["median_ms"] / times["erpnext"]["median_ms"], 3),
				"load average": os.getloadavg(),
			},
		)
	finally:
		frappe.db.rollback()
