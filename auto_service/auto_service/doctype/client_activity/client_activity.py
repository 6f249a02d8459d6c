# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Client Activity: one client's day in one company — came or not, submitted orders, net revenue and parts
cost — with the client's lead source and first visit copied on. The app writes these rows itself
(``auto_service.facts``) whenever a repair order, a visit, an invoice or the client changes; the
period reports read them instead of regrouping every order, visit and invoice on each run. Nobody can create,
change or delete a row through the desk or the REST API (no role has those rights)."""

from frappe.model.document import Document


class ClientActivity(Document):
	pass
