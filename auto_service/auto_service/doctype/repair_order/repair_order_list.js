frappe.listview_settings["Repair Order"] = {
	add_fields: ["status", "payment_status"],
	get_indicator(doc) {
		const colours = {
			Draft: "red",
			"In Progress": "blue",
			Ready: "purple",
			Completed: "green",
			Closed: "gray",
			Cancelled: "red",
		};
		return [__(doc.status, null, "Repair Order"), colours[doc.status] || "gray", "status,=," + doc.status];
	},
};
