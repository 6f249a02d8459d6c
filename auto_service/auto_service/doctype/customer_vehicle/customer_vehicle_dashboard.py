from frappe import _


def get_data():
	return {
		"fieldname": "vehicle",
		"transactions": [
			{"label": _("Visits"), "items": ["Master Schedule Slot", "Acceptance Act", "Repair Order"]}
		],
	}
