// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Acceptance Act", {
	setup(frm) {
		frm.set_query("vehicle", () => ({
			filters: frm.doc.customer
				? { customer: frm.doc.customer, is_active: 1 }
				: { is_active: 1 },
		}));
	},
	onload(frm) {
		if (frm.is_new() && !(frm.doc.equipment || []).length) {
			frappe.db.get_doc("Auto Service Settings").then((settings) => {
				for (const row of settings.equipment_checklist || []) {
					frm.add_child("equipment", { item: row.item, present: 0 });
				}
				frm.refresh_field("equipment");
			});
		}
	},
	refresh(frm) {
		if (
			frm.doc.docstatus === 1 &&
			!frm.doc.repair_order &&
			frappe.model.can_create("Repair Order")
		) {
			frm.add_custom_button(
				__("Repair Order"),
				() =>
					frappe.model.open_mapped_doc({
						method: "auto_service.api.repair_orders.make_repair_order_from_act",
						frm,
					}),
				__("Create")
			);
		}
		if (frm.doc.registration_mismatch) {
			frm.dashboard.set_headline_alert(
				`<div class="text-danger">${__(
					"Registration data differ from the vehicle record"
				)}</div>`
			);
		}
	},
	vehicle(frm) {
		if (frm.doc.vehicle && !frm.doc.customer) {
			frappe.db.get_value("Customer Vehicle", frm.doc.vehicle, "customer").then((r) => {
				frm.set_value("customer", r.message.customer);
			});
		}
	},
});
