// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.query_reports["Visits and Bookings"] = {
	filters: auto_service.period_filters(
		{
			fieldname: "master",
			label: __("Master"),
			fieldtype: "Link",
			options: "Employee",
			get_query: () => ({ filters: { as_is_master: 1 } }),
		},
		{
			fieldname: "view",
			label: __("Show Rows"),
			fieldtype: "Select",
			options: [
				{ value: "By Channel", label: __("By Channel") },
				{ value: "By Status", label: __("By Status") },
				{ value: "Heat Map", label: __("Heat Map") },
			],
			default: "By Channel",
		}
	),
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		if (data && data.heat_max && column.fieldname.startsWith("h") && value) {
			// load heat map: the busier the hour, the deeper the colour
			const alpha = Math.min(1, 0.1 + (0.9 * value) / data.heat_max).toFixed(2);
			return `<div style="background: rgba(36, 144, 239, ${alpha}); text-align: right; padding: 0 4px">${formatted}</div>`;
		}
		if (data && data.status && column.fieldname === "count" && value) {
			const filters = frappe.query_report.get_filter_values();
			const route = `/app/master-schedule-slot?status=${encodeURIComponent(data.status)}&starts_on=${encodeURIComponent(JSON.stringify(["Between", [filters.from_date, filters.to_date]]))}`;
			return `<a href="${route}">${formatted}</a>`;
		}
		return formatted;
	},
};
