"""Users of the shop land on its workspace, not on ERPNext's «Главная» with seventeen modules."""

import frappe

from auto_service.setup.permissions import ROLES as SHOP_ROLES

SHOP_WORKSPACE = "Auto Service"


def validate(doc, method=None) -> None:
	"""A user given one of the shop's roles opens «Автосервис» at login, unless a workspace was chosen."""
	if doc.name in ("Administrator", "Guest") or doc.get("default_workspace"):
		return
	roles = {row.role for row in doc.get("roles", [])}
	if roles & set(SHOP_ROLES) and frappe.db.exists("Workspace", SHOP_WORKSPACE):
		doc.default_workspace = SHOP_WORKSPACE
