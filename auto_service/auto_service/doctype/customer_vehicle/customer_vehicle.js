// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Customer Vehicle", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.customer) return;
		frm.add_custom_button(__("Open Client"), () =>
			frappe.set_route("Form", "Customer", frm.doc.customer)
		);
		if (frappe.model.can_create("Acceptance Act")) {
			frm.add_custom_button(
				__("Acceptance Act"),
				() =>
					frappe.new_doc("Acceptance Act", {
						customer: frm.doc.customer,
						vehicle: frm.doc.name,
						plate_seen: frm.doc.license_plate,
					}),
				__("Create")
			);
		}
		frm.add_custom_button(__("Vehicle History"), () =>
			frappe.set_route("query-report", "Vehicle History", { vehicle: frm.doc.name })
		);
	},
	no_vin(frm) {
		if (frm.doc.no_vin) frm.set_value("vin", "");
	},
});
