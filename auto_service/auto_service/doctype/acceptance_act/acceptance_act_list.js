frappe.listview_settings["Acceptance Act"] = {
	add_fields: ["repair_order", "registration_mismatch"],
};
