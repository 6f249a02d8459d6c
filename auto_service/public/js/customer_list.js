// Extends ERPNext's Customer list settings: the first-visit dialog is one click away.
frappe.listview_settings["Customer"] = frappe.listview_settings["Customer"] || {};
{
	const settings = frappe.listview_settings["Customer"];
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
