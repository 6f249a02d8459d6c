// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.query_reports["Marketing Effectiveness"] = {
	filters: auto_service.period_filters({
		fieldname: "group_by_month",
		label: __("Group by Month"),
		fieldtype: "Check",
		default: 0,
	}),
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "lead_source" && data && !data.lead_source && data.source_label) {
			value = frappe.utils.escape_html(data.source_label);
		} else {
			value = default_formatter(value, row, column, data);
		}
		if (data && data.loses_money) {
			return `<span style="color: var(--red-600, #e24c4c); font-weight: 600">${value}</span>`;
		}
		return value;
	},
};
