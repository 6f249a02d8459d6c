"""Users of the shop land on its workspace, not on ERPNext's «Главная» with seventeen modules, and a user
with only the shop's roles sees the shop's workspace in the sidebar, not every ERPNext module."""

import frappe

from auto_service.setup.permissions import ROLES as SHOP_ROLES

SHOP_WORKSPACE = "Auto Service"
# Frappe's Module Profile: the modules a user does not see (sidebar, module lists); it never changes
# what the user may read or write — that stays with the roles.
SHOP_MODULE_PROFILE = "Auto Service"
SHOP_MODULES = ("Auto Service",)
AUTOMATIC_ROLES = {"All", "Guest", "Desk User"}


def validate(doc, method=None) -> None:
	apply_shop_defaults(doc)


def apply_shop_defaults(doc) -> bool:
	"""Set, where nobody chose otherwise, the shop's workspace as the user's home and, for a user whose
	only roles are the shop's, the shop's module profile. True when something changed."""
	if doc.name in ("Administrator", "Guest"):
		return False
	roles = {row.role for row in doc.get("roles", [])}
	if not roles & set(SHOP_ROLES):
		return False
	changed = False
	if not doc.get("default_workspace") and frappe.db.exists("Workspace", SHOP_WORKSPACE):
		doc.default_workspace = SHOP_WORKSPACE
		changed = True
	only_shop = roles <= set(SHOP_ROLES) | AUTOMATIC_ROLES
	if (
		only_shop
		and not doc.get("module_profile")
		and frappe.db.exists("Module Profile", SHOP_MODULE_PROFILE)
	):
		doc.module_profile = SHOP_MODULE_PROFILE
		# frappe copies a profile's modules in its own validate, which has already run
		profile = frappe.get_cached_doc("Module Profile", SHOP_MODULE_PROFILE)
		doc.set("block_modules", [{"module": row.module} for row in profile.block_modules])
		changed = True
	return changed
