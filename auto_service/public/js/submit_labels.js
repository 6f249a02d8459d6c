// One clear name for the submit action of the shop's documents: Frappe's primary button says
// «Подтвердить» (Submit) for every DocType; an acceptance act is the car being accepted, a repair order
// is the work being started. Registered here (loaded on every desk page) so it applies wherever the
// forms open; the confirmation and the permissions stay Frappe's (frm.savesubmit).
frappe.provide("auto_service.forms");

auto_service.forms.SUBMIT_LABELS = {
	"Acceptance Act": () => __("Accept the Car"),
	"Repair Order": () => __("Start the Work"),
};

auto_service.forms.label_submit = function (frm) {
	const label = auto_service.forms.SUBMIT_LABELS[frm.doctype];
	if (!label || !frm.toolbar || frm.toolbar.current_status !== "Submit") return;
	frm.page.set_primary_action(label(), () => frm.savesubmit());
};

for (const doctype of Object.keys(auto_service.forms.SUBMIT_LABELS)) {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			auto_service.forms.label_submit(frm);
		},
	});
}
