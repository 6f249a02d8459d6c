// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Customer Vehicle", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.customer) {
			frm.add_custom_button(__("Open Client"), () =>
				frappe.set_route("Form", "Customer", frm.doc.customer)
			);
		}
	},
	no_vin(frm) {
		if (frm.doc.no_vin) frm.set_value("vin", "");
	},
});
