"""Builders of test data for the Frappe-layer tests (never imported by the app itself)."""

import random

import frappe

from auto_service.catalogue import make_part_item, make_work_item, receive_stock, settings  # noqa: F401
from auto_service.setup.permissions import MANAGER, MASTER, SERVICE_ADVISOR

ADVISOR_USER = "as-advisor@example.com"
MASTER_USER = "as-master@example.com"
MANAGER_USER = "as-manager@example.com"
NO_ROLE_USER = "as-nobody@example.com"


def make_user(email: str, roles: tuple[str, ...] = ()) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		)
		user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.set("roles", [])
	user.add_roles(*roles) if roles else user.save(ignore_permissions=True)
	return email


def make_staff_users() -> None:
	make_user(ADVISOR_USER, (SERVICE_ADVISOR,))
	make_user(MASTER_USER, (MASTER,))
	make_user(MANAGER_USER, (MANAGER,))
	make_user(NO_ROLE_USER)


_used_phones: set[str] = set()


def unique_phone() -> str:
	"""A valid Moscow mobile number not used by earlier calls in this run."""
	while True:
		phone = f"+7916{random.randint(0, 9_999_999):07d}"
		if phone not in _used_phones:
			_used_phones.add(phone)
			return phone


def make_client(full_name: str = "Иванов Иван Иванович", **kwargs) -> dict:
	from auto_service.api.clients import create_client

	kwargs.setdefault("mobile_no", unique_phone())
	return create_client(full_name=full_name, **kwargs)


def make_vehicle(customer: str, **values) -> "frappe.model.document.Document":
	doc = frappe.get_doc({"doctype": "Customer Vehicle", "customer": customer, **values})
	return doc.insert()


# ---------------------------------------------------------------- repair orders


def make_master(first_name: str = "Мастер", last_name: str = "Тестовый") -> str:
	from auto_service.demo import make_master as demo_master

	return demo_master(settings().company, last_name, first_name)


def make_master_of_user(user: str, first_name: str = "Мастер", last_name: str = "Пользователев") -> str:
	"""The Employee (a master) whose login is ``user``: what a mechanic's rights are tied to."""
	employee = frappe.db.get_value("Employee", {"user_id": user}) or make_master(first_name, last_name)
	frappe.db.set_value("Employee", employee, {"user_id": user, "as_is_master": 1, "status": "Active"})
	return employee


def make_act(customer: str, vehicle: str, mileage_in: int = 50_000, submit: bool = True, **values):
	act = frappe.get_doc(
		{
			"doctype": "Acceptance Act",
			"customer": customer,
			"vehicle": vehicle,
			"mileage_in": mileage_in,
			"complaint": "Стучит подвеска спереди",
			**values,
		}
	).insert()
	if submit:
		act.submit()
	return act


def make_order(customer: str, vehicle: str, works=(), parts=(), submit: bool = True, **values):
	order = frappe.get_doc(
		{
			"doctype": "Repair Order",
			"customer": customer,
			"vehicle": vehicle,
			"company": settings().company,
			"works": [dict(w) for w in works],
			"parts": [dict(p) for p in parts],
			**values,
		}
	).insert()
	if submit:
		order.submit()
	return order
