"""An Auto Service Manager takes payments («Принять оплату») as new installs let them: the Payment Entry row
earlier versions installed for the role (read only) gets create, write, submit, cancel and amend, and the
role reads Accounts (a payment reads its cash or bank account's balance). Only rights are added, only on
the role's own rows: a Payment Entry row an administrator removed stays removed."""

import frappe
from frappe.permissions import setup_custom_perms

from auto_service.setup.install import put_role_rights, role_rights_row
from auto_service.setup.permissions import MANAGER, STANDARD_DOCTYPE_PERMISSIONS

SHIPPED = "Payment Entry"  # earlier versions installed this row (read only)
NEW = "Account"  # earlier versions had no row here


def execute() -> None:
	for doctype in (SHIPPED, NEW):
		rights = dict.fromkeys(STANDARD_DOCTYPE_PERMISSIONS[doctype][MANAGER], 1)
		if role_rights_row(doctype, MANAGER):
			put_role_rights(doctype, MANAGER, rights)
		elif doctype == NEW:
			setup_custom_perms(doctype)  # the standard rows first, or they would stop applying
			put_role_rights(doctype, MANAGER, rights)
		frappe.clear_cache(doctype=doctype)
