// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.query_reports["Client Summary"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
			reqd: 1,
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -11),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "view",
			label: __("Show Rows"),
			fieldtype: "Select",
			options: [
				{ value: "By Lead Source", label: __("By Lead Source") },
				{ value: "By Month", label: __("By Month") },
				{ value: "Clients", label: __("Clients") },
			],
			default: "By Lead Source",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "lead_source" && data && !data.lead_source && data.source_label) {
			return frappe.utils.escape_html(data.source_label);
		}
		return default_formatter(value, row, column, data);
	},
};
