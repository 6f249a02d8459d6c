from frappe import _


def get_data():
	return {
		"fieldname": "vehicle",
		"transactions": [{"label": _("Visits"), "items": ["Acceptance Act", "Repair Order"]}],
	}
