# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt
"""One message of a mailing: who, on which channel, what happened (written by the sending job only)."""

import frappe
from frappe.model.document import Document


class MailingRecipient(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.Data | None
		channel: DF.Literal["SMS", "Email"]
		communication: DF.Link | None
		customer: DF.Link
		customer_name: DF.Data | None
		mailing: DF.Link
		reason: DF.Data | None
		sent_on: DF.Datetime | None
		status: DF.Literal["Queued", "Sent", "Failed", "Excluded"]
	# end: auto-generated types
	pass


def on_doctype_update() -> None:
	frappe.db.add_index("Mailing Recipient", ["mailing", "status"])
