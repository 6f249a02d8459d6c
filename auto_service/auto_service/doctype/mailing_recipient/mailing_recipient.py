# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt
"""One message of a mailing: who, on which channel, what happened (written by the sending job only)."""

import frappe
from frappe.model.document import Document


class MailingRecipient(Document):
	pass


def on_doctype_update() -> None:
	frappe.db.add_index("Mailing Recipient", ["mailing", "status"])
