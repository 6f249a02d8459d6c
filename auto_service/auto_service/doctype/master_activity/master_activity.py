# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

"""Master Activity: one master's submitted repair orders for one client on one day — orders, norm hours,
invoiced works, comebacks, and that client's previous and next order day with the master. Written by the app
(``auto_service.facts``) from the orders and invoices, read by the Master Performance report; no role may
create, change or delete a row."""

from frappe.model.document import Document


class MasterActivity(Document):
	pass
