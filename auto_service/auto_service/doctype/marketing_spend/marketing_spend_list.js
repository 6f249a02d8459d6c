// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.listview_settings["Marketing Spend"] = {
	add_fields: ["month", "amount", "lead_source"],
	onload(listview) {
		listview.page.add_field({
			fieldname: "as_month_pick",
			label: __("Month"),
			fieldtype: "Select",
			options: [""].concat(
				[...Array(24).keys()].map((i) =>
					moment().startOf("month").subtract(i, "months").format("YYYY-MM-DD")
				)
			),
			change() {
				const value = this.get_value();
				listview.filter_area.remove("month");
				if (value) listview.filter_area.add([["Marketing Spend", "month", "=", value]]);
			},
		});
	},
	formatters: {
		month(value) {
			return value ? moment(value).format("MM.YYYY") : "";
		},
	},
};
