"""Install, migrate and uninstall steps: custom fields, role permissions, default records."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.permissions import setup_custom_perms

from auto_service.setup.custom_fields import MODULE, get_custom_fields
from auto_service.setup.permissions import ROLES, STANDARD_DOCTYPE_PERMISSIONS

DEFAULT_LEAD_SOURCES = (
	"Рекомендация",
	"Яндекс Карты",
	"2ГИС",
	"Авито",
	"Сайт",
	"Наружная реклама",
	"Проезжали мимо",
)


def after_install() -> None:
	after_migrate()
	make_default_lead_sources()


def after_migrate() -> None:
	make_roles()
	make_custom_fields()
	apply_permissions()


def make_roles() -> None:
	"""Fixtures also sync the roles; this keeps them present before fixtures run on a fresh install."""
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def make_custom_fields() -> None:
	fields = get_custom_fields()
	for rows in fields.values():
		for row in rows:
			row.setdefault("module", MODULE)
	create_custom_fields(fields, ignore_validate=True, update=True)


def apply_permissions() -> None:
	"""Give our roles their rights on standard DocTypes as Custom DocPerm rows (idempotent)."""
	rights = ("read", "write", "create", "delete", "report", "export", "print", "email", "share")
	for doctype, roles in STANDARD_DOCTYPE_PERMISSIONS.items():
		setup_custom_perms(doctype)
		for role, granted in roles.items():
			values = {right: int(right in granted) for right in rights}
			key = {"parent": doctype, "role": role, "permlevel": 0, "if_owner": 0}
			if name := frappe.db.get_value("Custom DocPerm", key):
				frappe.db.set_value("Custom DocPerm", name, values)
			else:
				frappe.get_doc(
					{
						"doctype": "Custom DocPerm",
						"parenttype": "DocType",
						"parentfield": "permissions",
						**key,
						**values,
					}
				).insert(ignore_permissions=True)
		frappe.clear_cache(doctype=doctype)


def make_default_lead_sources() -> None:
	for source in DEFAULT_LEAD_SOURCES:
		if not frappe.db.exists("Lead Source", source):
			frappe.get_doc({"doctype": "Lead Source", "source_name": source}).insert(ignore_permissions=True)


def before_uninstall() -> None:
	frappe.db.delete("Custom Field", {"module": MODULE})
	frappe.db.delete("Custom DocPerm", {"role": ("in", ROLES)})
	frappe.clear_cache()
