"""What the Repair Order form shows while it is typed, and the state of the order's money once invoiced.

``preview`` runs the controller's own pricing (price list, warehouse, stock) and ``auto_service.money``
arithmetic on the unsaved form, so the figures before saving are the figures after it: one definition.
"""

import frappe
from frappe import _
from frappe.utils import flt

from auto_service.api.arguments import as_json
from auto_service.billing import PAYMENT_MODES, can_take_payments, open_assignees
from auto_service.i18n import N_
from auto_service.printing import vat_lines

MAX_LINES = 300  # lines of one kind in one preview: a form, not a price list
WORK_KEYS = ("item_code", "hours", "rate", "discount_percentage", "description", "master")
PART_KEYS = ("item_code", "qty", "rate", "discount_percentage", "warehouse", "uom")
TOTAL_FIELDS = ("total_works", "total_parts", "total_discount", "total_taxes", "grand_total")


class PreviewError(frappe.ValidationError):
	pass


@frappe.whitelist()
def preview(doc: str | dict) -> dict:
	"""Prices, warehouse, stock, line amounts, VAT and totals of an order being typed (nothing is saved).

	``doc`` is the form's document; rows are answered by their ``name`` so the form can fill them in."""
	values = as_json(doc, N_("Repair Order"), dict)
	saved = _saved_name(values.get("name"))
	if saved:
		frappe.has_permission("Repair Order", "write", saved, throw=True)
	else:
		frappe.has_permission("Repair Order", "create", throw=True)

	settings = frappe.get_cached_doc("Auto Service Settings")
	order = frappe.new_doc("Repair Order")
	order.company = values.get("company") or settings.company
	order.customer = values.get("customer")
	# a new order gets the settings' template on its first save; a saved one keeps what it has
	order.taxes_and_charges = values.get("taxes_and_charges") or (
		None if saved else settings.taxes_and_charges
	)
	row_names: dict[str, list] = {}
	for field, keys in (("works", WORK_KEYS), ("parts", PART_KEYS)):
		rows = values.get(field) or []
		if not isinstance(rows, list) or len(rows) > MAX_LINES:
			frappe.throw(_("At most {0} lines of one kind.").format(MAX_LINES), exc=PreviewError)
		row_names[field] = []
		for row in rows:
			if isinstance(row, dict) and row.get("item_code"):
				order.append(field, {key: row.get(key) for key in keys})
				row_names[field].append(row.get("name"))

	order.set_line_defaults()
	order.calculate_totals()
	return {
		"taxes_and_charges": order.taxes_and_charges,
		"works": [
			{"name": name, "rate": flt(row.rate), "description": row.description, "amount": flt(row.amount)}
			for name, row in zip(row_names["works"], order.works, strict=True)
		],
		"parts": [
			{
				"name": name,
				"rate": flt(row.rate),
				"warehouse": row.warehouse,
				"uom": row.uom,
				"available_qty": flt(row.available_qty),
				"amount": flt(row.amount),
			}
			for name, row in zip(row_names["parts"], order.parts, strict=True)
		],
		"totals": {field: flt(order.get(field)) for field in TOTAL_FIELDS},
		"vat": vat_lines(order),
	}


def _saved_name(name) -> str | None:
	if (
		isinstance(name, str)
		and name
		and not name.startswith("new-")
		and frappe.db.exists("Repair Order", name)
	):
		return name
	return None


@frappe.whitelist()
def money_state(repair_order: str) -> dict:
	"""The order's invoice as the form shows it: draft or posted, who must post a draft, what is owed, and
	whether this user may take the payment here."""
	frappe.has_permission("Repair Order", "read", repair_order, throw=True)
	invoice = frappe.db.get_value("Repair Order", repair_order, "sales_invoice")
	state = invoice and frappe.db.get_value(
		"Sales Invoice",
		invoice,
		["name", "docstatus", "status", "grand_total", "rounded_total", "outstanding_amount"],
		as_dict=True,
	)
	if not state:
		return {"invoice": None}
	may_take = state.docstatus == 1 and flt(state.outstanding_amount) > 0 and can_take_payments()
	return {
		"invoice": state.name,
		"docstatus": state.docstatus,
		"status": state.status,
		"total": flt(state.rounded_total) or flt(state.grand_total),
		"outstanding_amount": flt(state.outstanding_amount),
		"assignees": [row.full_name or row.user for row in open_assignees("Sales Invoice", state.name)]
		if state.docstatus == 0
		else [],
		"can_submit": bool(frappe.has_permission("Sales Invoice", "submit", state.name)),
		"can_take_payment": may_take,
		"payment_modes": [{"value": key, "label": label} for key, label in PAYMENT_MODES.items()]
		if may_take
		else [],
	}
