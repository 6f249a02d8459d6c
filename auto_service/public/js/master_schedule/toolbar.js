// The schedule's toolbar and legend: previous/today/next, the date picker, day/week switch, the masters
// filter and refresh above the grid; the status colours (and how to use the grid) below it.

import {
	STATUSES,
	iso_weekday,
	status_class,
	user_date,
	user_day_month,
	weekday_names,
	esc,
} from "./util";

export class Toolbar {
	constructor(schedule, $root) {
		this.schedule = schedule;
		this.$root = $root;
		this.$toolbar = $root.find(".ms-toolbar");
		this.make();
		this.render_legend();
	}

	make() {
		const s = this.schedule;
		this.$toolbar.html(`
			<div class="ms-toolbar-group">
				<div class="btn-group ms-nav" role="group">
					<button class="btn btn-default btn-sm ms-prev" title="${__("Previous")}">
						${frappe.utils.icon("left", "sm")}
					</button>
					<button class="btn btn-default btn-sm ms-today">${__("Today")}</button>
					<button class="btn btn-default btn-sm ms-next" title="${__("Next")}">
						${frappe.utils.icon("right", "sm")}
					</button>
				</div>
				<div class="ms-date-field"></div>
				<div class="ms-range-label"></div>
			</div>
			<div class="ms-toolbar-group">
				<div class="btn-group ms-view-switch" role="group">
					<button class="btn btn-default btn-sm" data-view="day">${__("Day")}</button>
					<button class="btn btn-default btn-sm" data-view="week">${__("Week")}</button>
				</div>
				<div class="ms-master-field" title="${__("Masters", null, "Master Schedule Slot")}"></div>
				<button class="btn btn-default btn-sm ms-refresh" title="${__("Refresh")}">
					${frappe.utils.icon("refresh", "sm")}
				</button>
			</div>
		`);
		this.$toolbar.find(".ms-prev").on("click", () => s.shift(-1));
		this.$toolbar.find(".ms-next").on("click", () => s.shift(1));
		this.$toolbar.find(".ms-today").on("click", () => s.go_to(frappe.datetime.get_today()));
		this.$toolbar.find(".ms-refresh").on("click", () => s.load());
		this.$toolbar.find(".ms-view-switch").on("click", "[data-view]", (e) => {
			s.set_view(e.currentTarget.dataset.view);
		});

		this.date_control = frappe.ui.form.make_control({
			parent: this.$toolbar.find(".ms-date-field"),
			df: {
				fieldtype: "Date",
				fieldname: "ms_date",
				placeholder: __("Date"),
				change: () => {
					const value = this.date_control.get_value();
					if (value && value !== s.date) s.go_to(value);
				},
			},
			only_input: true,
		});
		this.date_control.refresh();

		this.master_control = frappe.ui.form.make_control({
			parent: this.$toolbar.find(".ms-master-field"),
			df: {
				fieldtype: "MultiSelectList",
				fieldname: "ms_masters",
				placeholder: __("All masters"),
				get_data: () => this.master_options(),
				change: () => {
					if (this.setting_filter) return;
					s.set_masters_filter(this.master_control.get_value() || []);
				},
			},
			only_input: true,
		});
		this.master_control.refresh();
	}

	// the filter's list: every active master with their skills (rendered as HTML, so escaped)
	master_options() {
		return this.schedule.ensure_all_masters().then((masters) =>
			masters.map((m) => ({
				value: m.name,
				label: esc(m.employee_name || m.name),
				description: esc((m.skills || []).join(", ")),
			}))
		);
	}

	render_legend() {
		const s = this.schedule;
		const items = STATUSES.map(
			(status) =>
				`<span class="ms-legend-item"><span class="ms-swatch ${status_class(
					status
				)}"></span>${__(status, null, "Master Schedule Slot")}</span>`
		);
		items.push(
			`<span class="ms-legend-item"><span class="ms-swatch is-off"></span>${__(
				"Non-working time"
			)}</span>`
		);
		if (s.can_book && s.can_edit) {
			items.push(
				`<span class="ms-legend-item ms-legend-hint">${__(
					"Tap a free cell to book · drag a visit to move it · drag its lower edge to change the duration"
				)}</span>`
			);
		}
		// shown while the week is compact (time_grid.js)
		items.push(
			`<span class="ms-legend-item ms-legend-hint ms-compact-hint">${__(
				"Compact week: point at a visit to see it; click a day's heading to open the day"
			)}</span>`
		);
		this.$root.find(".ms-legend").html(items.join(""));
	}

	// show the page's date, view and filter in the controls without firing their change handlers
	sync() {
		const s = this.schedule;
		const days = s.days();
		const today = frappe.datetime.get_today();
		let label;
		if (s.view === "week") {
			label = `${user_day_month(days[0])} – ${user_date(days[6])}`;
		} else {
			label = `${weekday_names()[iso_weekday(s.date)]}, ${user_date(s.date)}`;
			if (s.date === today) label += ` · ${__("today")}`;
		}
		this.$toolbar.find(".ms-range-label").text(label);
		this.$toolbar
			.find(".ms-view-switch [data-view]")
			.each((i, el) => $(el).toggleClass("active", el.dataset.view === s.view));
		this.$toolbar.find(".ms-today").prop("disabled", days.includes(today));
		if (this.date_control.get_value() !== s.date) {
			this.date_control.set_value(s.date);
		}
		const current = this.master_control.get_value() || [];
		if (JSON.stringify(current) !== JSON.stringify(s.masters_filter)) {
			this.setting_filter = true;
			this.master_control
				.set_options()
				.then(() => this.master_control.set_value(s.masters_filter.slice()))
				.finally(() => (this.setting_filter = false));
			if (!s.masters_filter.length) {
				this.master_control.values = [];
				this.master_control._selected_values = [];
				this.master_control.update_status();
			}
		}
	}
}
