"""A small, real period for the browser tests of the reports: a master, a client from a lead source with a
submitted and invoiced repair order this month, a booked visit, the source's spend this month. Made through
the normal documents, committed (the browser reads it through the site), removed afterwards.

Run through the bench: ``auto_service.tests.ui_data.make_period_sample`` / ``remove_period_sample``.
"""

import frappe
from frappe.utils import add_days, get_first_day, getdate, nowdate

from auto_service.tests.cleanup import remove_committed

WORK = "AS-UI Диагностика для отчётов"


def _names(suffix: str) -> tuple[str, str]:
	return f"Отчётов Образец {suffix}", f"Отчётов{suffix}"


def make_period_sample(suffix: str) -> None:
	from auto_service.api.repair_orders import make_sales_invoice
	from auto_service.api.schedule import book
	from auto_service.catalogue import make_work_item
	from auto_service.tests.factories import make_client, make_master, make_order

	client_name, master_last_name = _names(suffix)
	company = frappe.db.get_single_value("Auto Service Settings", "company")
	source = frappe.get_all(
		"Lead Source", filters={"as_hide_in_shop": 0}, pluck="name", order_by="name asc", limit=1
	)[0]
	make_work_item(WORK, 3000)
	master = make_master("Мастер", master_last_name)
	client = make_client(client_name, lead_source=source, vehicle={"license_plate": f"К{suffix[-3:]}КК77"})
	order = make_order(
		client["customer"], client["vehicle"], works=[{"item_code": WORK, "hours": 2, "master": master}]
	)
	frappe.get_doc("Sales Invoice", make_sales_invoice(order.name)).submit()
	day = add_days(getdate(nowdate()), 1)
	while day.weekday() == 6:  # the default shop hours: Monday to Saturday
		day = add_days(day, 1)
	book(master, f"{day} 10:00:00", client["customer"], duration_minutes=60, vehicle=client["vehicle"])
	month = get_first_day(nowdate())
	if not frappe.db.exists("Marketing Spend", {"lead_source": source, "month": month, "company": company}):
		frappe.get_doc(
			{
				"doctype": "Marketing Spend",
				"lead_source": source,
				"month": month,
				"company": company,
				"amount": 1000,
				"note": f"AS-UI {suffix}",
			}
		).insert()
	frappe.db.commit()  # a CLI step: the browser reads the sample through the site


def remove_period_sample(suffix: str) -> None:
	client_name, master_last_name = _names(suffix)
	employees = frappe.get_all("Employee", filters={"last_name": master_last_name}, pluck="name")
	frappe.db.delete("Marketing Spend", {"note": f"AS-UI {suffix}"})
	remove_committed(customer_names=[client_name], employees=employees)
