// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

// Opened from a car (or a client) with the filter in the route: the report runs at once. Opened bare,
// it says what to choose (the server returns a message, not an error).
//
// Why this is needed (seen in Chromium, Frappe v15): a Link filter given in the route holds its value
// while the box still waits for the car's title, and Frappe reads the box, so the report ran with empty
// filters; the re-run when the title came was swallowed by the report's 300 ms throttle — the car stayed
// in the filter, the rows never came. So the report reads a vehicle/client filter's value as set, and a
// change of either runs it at once, unthrottled (a newer run aborts the older one).
const LINK_FILTERS = ["vehicle", "customer"];

function run_with_new_filter(report) {
	if (report._no_refresh) return; // the report is still setting its filters and runs once they are set
	frappe.views.QueryReport.prototype.refresh.call(report, true);
}

function read_set_values(report) {
	if (report.as_reads_set_values) return;
	report.as_reads_set_values = true;
	report.get_filter_values = function (raise) {
		const values =
			frappe.views.QueryReport.prototype.get_filter_values.call(this, raise) || {};
		for (const filter of this.filters || []) {
			const name = filter.df.fieldname;
			if (LINK_FILTERS.includes(name) && !values[name] && filter.value)
				values[name] = filter.value;
		}
		return values;
	};
}

frappe.query_reports["Vehicle History"] = {
	filters: [
		{
			fieldname: "vehicle",
			label: __("Vehicle", null, "Vehicle History"),
			fieldtype: "Link",
			options: "Customer Vehicle",
			on_change: run_with_new_filter,
		},
		{
			fieldname: "customer",
			label: __("Customer"),
			fieldtype: "Link",
			options: "Customer",
			on_change: run_with_new_filter,
		},
		{
			fieldname: "include_cancelled",
			label: __("Include Cancelled"),
			fieldtype: "Check",
		},
	],
	onload(report) {
		read_set_values(report);
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "entry_type" && data && ["Work", "Part"].includes(data.kind)) {
			return `<span class="text-muted">${value}</span>`;
		}
		return value;
	},
};
