// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.query_reports["Master Performance"] = {
	filters: auto_service.period_filters(
		{
			fieldname: "retention_months",
			label: __("Came Back Within (months)"),
			fieldtype: "Int",
			default: 6,
		},
		{
			fieldname: "idle_threshold",
			label: __("Idle Below Load, %"),
			fieldtype: "Percent",
			default: 50,
		}
	),
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.idle && ["load", "master_name", "idle"].includes(column.fieldname)) {
			return `<span style="color: var(--orange-600, #e86c13); font-weight: 600">${value}</span>`;
		}
		return value;
	},
};
