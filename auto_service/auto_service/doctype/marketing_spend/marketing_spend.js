// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Marketing Spend", {
	setup(frm) {
		frm.set_query("reference_doctype", () => ({
			filters: { name: ["in", ["Purchase Invoice", "Journal Entry"]] },
		}));
		frm.set_query("reference_name", () => ({
			filters: { docstatus: 1, company: frm.doc.company },
		}));
	},
	onload(frm) {
		if (frm.is_new() && !frm.doc.month) {
			frm.set_value("month", frappe.datetime.month_start());
		}
	},
	month(frm) {
		if (frm.doc.month) {
			const first = moment(frm.doc.month).startOf("month").format("YYYY-MM-DD");
			if (first !== frm.doc.month) frm.set_value("month", first);
		}
	},
});
