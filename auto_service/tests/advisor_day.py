"""Data for the browser test of a service advisor's day (browser_tests/test_advisor_day.py), committed
through ``bench execute`` and removed again by auto_service.tests.cleanup.remove_committed."""

import frappe
from frappe.utils.password import update_password

from auto_service.setup.permissions import SERVICE_ADVISOR


def make(user: str, password: str, full_name: str, phone: str, plate: str) -> None:
	"""A Service Advisor-only user, and a client with ``phone`` whose car ``plate`` has an act and an
	order (so the car's history has rows). A client who already has the phone (an earlier run that died)
	is removed first."""
	from auto_service.api.clients import create_client
	from auto_service.clients import customers_with_phone
	from auto_service.tests.factories import make_act, make_order, make_user

	frappe.set_user("Administrator")
	for row in customers_with_phone([phone], []):
		remove(user, row.customer_name)
	make_user(user, (SERVICE_ADVISOR,))
	frappe.db.set_value("User", user, "default_workspace", None)  # the user's own save sets it
	frappe.get_doc("User", user).save(ignore_permissions=True)
	update_password(user, password)
	client = create_client(
		full_name=full_name, mobile_no=phone, vehicle={"license_plate": plate, "make": "Lada"}
	)
	act = make_act(client["customer"], client["vehicle"], mileage_in=87_000)
	make_order(
		client["customer"], client["vehicle"], acceptance_act=act.name, mileage_in=87_000, submit=False
	)
	frappe.db.commit()


def remove(user: str, full_name: str) -> None:
	"""Delete what :func:`make` made (the client's order, act, car, contact, the client, the user)."""
	frappe.set_user("Administrator")
	customers = frappe.get_all("Customer", filters={"customer_name": full_name}, pluck="name")
	if customers:
		of_clients = {"customer": ("in", customers)}
		for doctype in ("Repair Order", "Acceptance Act", "Master Schedule Slot", "Customer Vehicle"):
			for name in frappe.get_all(doctype, filters=of_clients, pluck="name"):
				doc = frappe.get_doc(doctype, name)
				if doc.docstatus == 1:
					doc.flags.ignore_links = True
					doc.cancel()
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
		contacts = frappe.get_all(
			"Dynamic Link",
			filters={"parenttype": "Contact", "link_doctype": "Customer", "link_name": ("in", customers)},
			pluck="parent",
		)
		for name in set(contacts):
			frappe.delete_doc("Contact", name, force=True, ignore_permissions=True, delete_permanently=True)
		for doctype in ("Advertising Consent Log",):
			for name in frappe.get_all(doctype, filters=of_clients, pluck="name"):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
		for name in customers:
			frappe.delete_doc("Customer", name, force=True, ignore_permissions=True, delete_permanently=True)
	if frappe.db.exists("User", user):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.db.commit()
