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
	from auto_service.tests.cleanup import remove_committed
	from auto_service.tests.factories import make_act, make_order, make_user

	frappe.set_user("Administrator")
	stale = [row.customer for row in customers_with_phone([phone], [])]
	if stale:
		remove_committed(customers=stale)
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
