"""Whitelisted endpoints for acts and repair orders: make an order from an act, move its status, invoice it."""

import frappe
from frappe.model.mapper import get_mapped_doc

from auto_service.lifecycle import MANUAL_STATUSES


@frappe.whitelist()
def make_repair_order_from_act(source_name: str, target_doc: str | dict | None = None):
	"""A new (unsaved) Repair Order prefilled from a submitted Acceptance Act."""
	frappe.has_permission("Acceptance Act", "read", source_name, throw=True)
	frappe.has_permission("Repair Order", "create", throw=True)
	return get_mapped_doc(
		"Acceptance Act",
		source_name,
		{
			"Acceptance Act": {
				"doctype": "Repair Order",
				"field_map": {"name": "acceptance_act", "mileage_in": "mileage_in", "complaint": "complaint"},
				"field_no_map": ["service_advisor"],
				"validation": {"docstatus": ["=", 1]},
			}
		},
		target_doc,
	)


@frappe.whitelist(methods=["POST"])
def set_status(repair_order: str, status: str, mileage_out: int | None = None) -> str:
	"""Move a submitted order: In Progress, Ready, Completed (hand-over, with mileage out), Closed."""
	order = frappe.get_doc("Repair Order", repair_order)
	order.check_permission("write")  # on the loaded order: has_permission by name would load it again
	if status not in MANUAL_STATUSES:
		frappe.throw(frappe._("Unknown status {0}.").format(status))
	order.change_status(status, int(mileage_out) if mileage_out else None)
	return order.status


@frappe.whitelist(methods=["POST"])
def make_sales_invoice(repair_order: str) -> str:
	"""The order's Sales Invoice (draft), made once: a second click returns the same invoice."""
	frappe.has_permission("Sales Invoice", "create", throw=True)
	order = frappe.get_doc("Repair Order", repair_order)
	order.check_permission("read")  # on the loaded order: has_permission by name would load it again
	return order.make_sales_invoice()
