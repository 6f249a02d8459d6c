// Extends ERPNext's Customer list settings: the first-visit dialog is one click away.
frappe.listview_settings["Customer"] = frappe.listview_settings["Customer"] || {};
{
	const settings = frappe.listview_settings["Customer"];
	// the phone column (Customer.mobile_no, shown in the list by setup/install.py) as people read it
	settings.formatters = Object.assign(settings.formatters || {}, {
		mobile_no(value) {
			const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(value || "");
			return frappe.utils.escape_html(
				m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : value || ""
			);
		},
	});
	const erpnext_onload = settings.onload;
	settings.onload = function (listview) {
		if (erpnext_onload) erpnext_onload(listview);
		if (frappe.model.can_create("Customer")) {
			listview.page.add_inner_button(__("New Client (First Visit)"), () =>
				auto_service.new_client_dialog()
			);
		}
	};
}
