// Masters' schedule: the page only loads master_schedule.bundle.js (auto_service/public/js/master_schedule/)
// and starts its controller; every part of the page lives there, one file per job.

frappe.pages["master-schedule"].on_page_load = function (wrapper) {
	frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Masters' Schedule"),
		single_column: true,
	});

	frappe.require("master_schedule.bundle.js", () => {
		wrapper.master_schedule = new auto_service.master_schedule.Controller(wrapper);
		// the bundle may arrive after the page was first shown
		if (wrapper.master_schedule_shown) wrapper.master_schedule.show();
	});
};

frappe.pages["master-schedule"].on_page_show = function (wrapper) {
	if (wrapper.master_schedule) wrapper.master_schedule.show();
	else wrapper.master_schedule_shown = true;
};
