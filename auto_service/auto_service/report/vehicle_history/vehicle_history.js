// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

// Opened from a car (or a client) with the filter in the route: the report runs at once. Opened bare,
// it says what to choose (the server returns a message, not an error).
frappe.query_reports["Vehicle History"] = {
	filters: [
		{
			fieldname: "vehicle",
			label: __("Vehicle", null, "Vehicle History"),
			fieldtype: "Link",
			options: "Customer Vehicle",
		},
		{
			fieldname: "customer",
			label: __("Customer"),
			fieldtype: "Link",
			options: "Customer",
		},
		{
			fieldname: "include_cancelled",
			label: __("Include Cancelled"),
			fieldtype: "Check",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "entry_type" && data && ["Work", "Part"].includes(data.kind)) {
			return `<span class="text-muted">${value}</span>`;
		}
		return value;
	},
};
