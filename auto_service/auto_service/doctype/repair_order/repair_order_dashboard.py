from frappe import _


def get_data():
	return {
		"fieldname": "as_repair_order",
		"internal_links": {"Acceptance Act": "acceptance_act", "Master Schedule Slot": "schedule_slot"},
		"transactions": [
			{"label": _("Intake"), "items": ["Master Schedule Slot", "Acceptance Act"]},
			{"label": _("Billing"), "items": ["Sales Invoice"]},
		],
	}
