"""Builders of test data for the Frappe-layer tests (never imported by the app itself)."""

import random

import frappe

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
