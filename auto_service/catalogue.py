"""The shop's catalogue in ERPNext: works are non-stock service Items sold in norm hours, parts are stock
Items, both priced in the selling price list of Auto Service Settings. Used by demo data, benchmarks and
tests; an administrator may call these from the console to seed a catalogue."""

import frappe

from auto_service.setup.install import NORM_HOUR_UOM


def settings():
	return frappe.get_cached_doc("Auto Service Settings")


def _leaf_item_group(preferred: str) -> str:
	if frappe.db.exists("Item Group", {"name": preferred, "is_group": 0}):
		return preferred
	return frappe.get_all("Item Group", filters={"is_group": 0}, pluck="name", limit=1)[0]


def make_item_price(item_code: str, rate: float) -> None:
	price_list = settings().selling_price_list
	if not frappe.db.exists("Item Price", {"item_code": item_code, "price_list": price_list}):
		frappe.get_doc(
			{
				"doctype": "Item Price",
				"item_code": item_code,
				"price_list": price_list,
				"price_list_rate": rate,
			}
		).insert(ignore_permissions=True)


def make_work_item(code: str, rate: float = 2500) -> str:
	"""A service sold in norm hours (non-stock)."""
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": code,
				"item_group": _leaf_item_group("Услуги"),
				"stock_uom": NORM_HOUR_UOM,
				"is_stock_item": 0,
				"is_sales_item": 1,
			}
		).insert(ignore_permissions=True)
	make_item_price(code, rate)
	return code


def make_part_item(code: str, rate: float = 1000, stock_qty: float = 0, valuation_rate: float = 600) -> str:
	"""A stock part with a selling price, received into the parts warehouse."""
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": code,
				"item_group": _leaf_item_group("Продукты"),
				"stock_uom": frappe.db.get_value("UOM", {"must_be_whole_number": 1}, "name") or "Nos",
				"is_stock_item": 1,
				"is_sales_item": 1,
				"valuation_rate": valuation_rate,
			}
		).insert(ignore_permissions=True)
	make_item_price(code, rate)
	if stock_qty:
		receive_stock(code, stock_qty, valuation_rate)
	return code


def receive_stock(item_code: str, qty: float, rate: float) -> None:
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"company": settings().company,
			"items": [
				{
					"item_code": item_code,
					"qty": qty,
					"t_warehouse": settings().parts_warehouse,
					"basic_rate": rate,
				}
			],
		}
	)
	entry.insert(ignore_permissions=True)
	entry.submit()
