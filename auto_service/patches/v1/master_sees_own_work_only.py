"""Masters (mechanics) no longer read the client base: their rights on Customer, Contact, Address and the
client lookups, as earlier versions installed them, are removed once. Rights an administrator gave later
(other rows) are left alone."""

import frappe

from auto_service.setup.permissions import MASTER

DOCTYPES = ("Customer", "Contact", "Address", "Lead Source", "Customer Group", "Territory")


def execute() -> None:
	frappe.db.delete(
		"Custom DocPerm",
		{"parent": ("in", DOCTYPES), "role": MASTER, "permlevel": 0, "if_owner": 0, "write": 0},
	)
	for doctype in DOCTYPES:
		frappe.clear_cache(doctype=doctype)
