// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Repair Order", {
	setup(frm) {
		frm.set_query("vehicle", () => ({
			filters: frm.doc.customer
				? { customer: frm.doc.customer, is_active: 1 }
				: { is_active: 1 },
		}));
		frm.set_query("acceptance_act", () => ({
			filters: { docstatus: 1, vehicle: frm.doc.vehicle || undefined },
		}));
		frm.set_query("item_code", "works", () => ({
			filters: { is_stock_item: 0, is_sales_item: 1, disabled: 0 },
		}));
		frm.set_query("item_code", "parts", () => ({
			filters: { is_stock_item: 1, is_sales_item: 1, disabled: 0 },
		}));
		frm.set_query("master", "works", () => ({
			filters: { as_is_master: 1, status: "Active" },
		}));
		frm.set_query("warehouse", "parts", () => ({
			filters: { company: frm.doc.company, is_group: 0 },
		}));
	},

	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		const call_status = (status, args = {}) =>
			frappe
				.xcall("auto_service.api.repair_orders.set_status", {
					repair_order: frm.doc.name,
					status,
					...args,
				})
				.then(() => frm.reload_doc());

		if (frm.doc.status === "In Progress") {
			frm.add_custom_button(__("Ready"), () => call_status("Ready"), __("Status"));
		}
		if (frm.doc.status === "Ready") {
			frm.add_custom_button(
				__("Back to Work"),
				() => call_status("In Progress"),
				__("Status")
			);
			frm.add_custom_button(
				__("Hand Over"),
				() =>
					frappe.prompt(
						{
							fieldname: "mileage_out",
							fieldtype: "Int",
							label: __("Mileage Out (km)"),
							reqd: 1,
							default: frm.doc.mileage_in,
						},
						(values) => call_status("Completed", values),
						__("Hand Over"),
						__("Hand Over")
					),
				__("Status")
			);
		}
		if (frm.doc.status === "Completed" && frm.doc.payment_status === "Paid") {
			frm.add_custom_button(__("Close"), () => call_status("Closed"), __("Status"));
		}

		if (frm.doc.sales_invoice) {
			frm.add_custom_button(__("Sales Invoice"), () =>
				frappe.set_route("Form", "Sales Invoice", frm.doc.sales_invoice)
			);
		}
		if (frappe.model.can_create("Sales Invoice") && frm.doc.status !== "Cancelled") {
			frm.add_custom_button(
				__("Sales Invoice"),
				() =>
					frappe
						.xcall("auto_service.api.repair_orders.make_sales_invoice", {
							repair_order: frm.doc.name,
						})
						.then((invoice) => frappe.set_route("Form", "Sales Invoice", invoice)),
				__("Create")
			);
		}
		const colours = {
			Paid: "green",
			"Partly Paid": "orange",
			Unpaid: "red",
			"Not Invoiced": "gray",
		};
		frm.dashboard.add_indicator(
			__("Payment: {0}", [__(frm.doc.payment_status)]),
			colours[frm.doc.payment_status] || "gray"
		);
	},

	customer(frm) {
		if (frm.doc.vehicle) frm.set_value("vehicle", null);
	},
});

frappe.ui.form.on("Repair Order Part", {
	item_code: update_available_qty,
	warehouse: update_available_qty,
});

function update_available_qty(frm, cdt, cdn) {
	const row = locals[cdt][cdn];
	if (!row.item_code || !row.warehouse) return;
	frappe.db
		.get_value("Bin", { item_code: row.item_code, warehouse: row.warehouse }, "actual_qty")
		.then((r) =>
			frappe.model.set_value(cdt, cdn, "available_qty", (r.message || {}).actual_qty || 0)
		);
}
