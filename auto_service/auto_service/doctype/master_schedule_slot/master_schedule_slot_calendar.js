frappe.views.calendar["Master Schedule Slot"] = {
	field_map: {
		start: "starts_on",
		end: "ends_on",
		id: "name",
		title: "customer_name",
		allDay: "all_day",
		status: "status",
	},
	style_map: {
		Booked: "info",
		Confirmed: "standard",
		Arrived: "warning",
		"In Work": "warning",
		Done: "success",
		"No-show": "danger",
		Cancelled: "danger",
	},
	filters: [
		{ fieldtype: "Link", fieldname: "master", options: "Employee", label: __("Master") },
		{ fieldtype: "Link", fieldname: "customer", options: "Customer", label: __("Customer") },
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
