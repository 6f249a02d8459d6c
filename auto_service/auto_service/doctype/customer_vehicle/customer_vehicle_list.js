frappe.listview_settings["Customer Vehicle"] = {
	add_fields: ["is_active", "license_plate"],
	get_indicator(doc) {
		return doc.is_active
			? [__("Active"), "green", "is_active,=,1"]
			: [__("Inactive"), "gray", "is_active,=,0"];
	},
};
