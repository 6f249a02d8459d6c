from frappe import _


def get_data():
	return {
		"fieldname": "as_repair_order",
		"internal_links": {"Acceptance Act": "acceptance_act"},
		"transactions": [
			{"label": _("Intake"), "items": ["Acceptance Act"]},
			{"label": _("Billing"), "items": ["Sales Invoice"]},
		],
	}
