// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.query_reports["Client Summary"] = {
	filters: auto_service.period_filters({
		fieldname: "view",
		label: __("Show Rows"),
		fieldtype: "Select",
		options: [
			{ value: "By Lead Source", label: __("By Lead Source") },
			{ value: "By Month", label: __("By Month") },
			{ value: "Clients", label: __("Clients") },
		],
		default: "By Lead Source",
	}),
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "lead_source" && data && !data.lead_source && data.source_label) {
			return frappe.utils.escape_html(data.source_label);
		}
		return default_formatter(value, row, column, data);
	},
};
