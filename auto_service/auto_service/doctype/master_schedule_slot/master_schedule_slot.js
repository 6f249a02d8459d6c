// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Master Schedule Slot", {
	setup(frm) {
		frm.set_query("master", () => ({ filters: { as_is_master: 1, status: "Active" } }));
		frm.set_query("vehicle", () => ({
			filters: frm.doc.customer
				? { customer: frm.doc.customer, is_active: 1 }
				: { is_active: 1 },
		}));
		frm.set_query("item_code", "items", () => ({
			filters: { is_stock_item: 0, is_sales_item: 1 },
		}));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Masters' Schedule"), () =>
			frappe.set_route("master-schedule", { date: frm.doc.starts_on.slice(0, 10) })
		);
		if (frappe.model.can_create("Repair Order") && frm.doc.status !== "Cancelled") {
			frm.add_custom_button(
				frm.doc.repair_order ? __("Open Repair Order") : __("Repair Order"),
				() =>
					frappe
						.xcall("auto_service.api.schedule.make_repair_order", {
							slot: frm.doc.name,
						})
						.then((order) => frappe.set_route("Form", "Repair Order", order)),
				frm.doc.repair_order ? null : __("Create")
			);
		}
	},
});
