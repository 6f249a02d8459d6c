frappe.ui.form.on("Customer", {
	setup(frm) {
		frm.set_query("as_preferred_master", () => ({
			filters: { as_is_master: 1, status: "Active" },
		}));
	},
	refresh(frm) {
		if (!frm.is_new() && frappe.model.can_create("Customer Vehicle")) {
			frm.add_custom_button(
				__("Vehicle"),
				() => frappe.new_doc("Customer Vehicle", { customer: frm.doc.name }),
				__("Create")
			);
		}
	},
});
