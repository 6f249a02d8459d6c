frappe.pages["master-schedule"].on_page_load = function (wrapper) {
	frappe.ui.make_app_page({ parent: wrapper, title: __("Masters' Schedule"), single_column: true });
};
