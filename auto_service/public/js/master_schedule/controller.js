// The masters' schedule page: masters as columns, time as rows, visits as blocks that can be booked,
// dragged, resized and opened. This controller holds the page's state (dates, view, master filter, the
// loaded schedule, the last find-a-time result), loads it from the server and hands the work to its parts.

import { ScheduleApi } from "./api";
import { Toolbar } from "./toolbar";
import { TimeGrid } from "./time_grid";
import { DragResize } from "./drag_resize";
import { VisitDialog } from "./visit_dialog";
import { BookingDialog } from "./booking_dialog";
import { FindTime } from "./find_time";
import { PAST_GRACE, STORAGE_KEY, add_days, esc, iso_weekday } from "./util";

export class MasterScheduleController {
	constructor(wrapper) {
		this.wrapper = wrapper;
		this.page = wrapper.page;
		const saved = this.saved_settings();
		this.view = saved.view === "week" ? "week" : "day";
		this.masters_filter = Array.isArray(saved.masters) ? saved.masters : [];
		this.date = frappe.datetime.get_today();
		this.data = null;
		this.found = null;
		this.load_seq = 0;
		this.server_offset = 0;
		this.all_masters = null;
		// a master (read-only role) sees the schedule; advisors and managers also change it
		this.can_book = frappe.model.can_create("Master Schedule Slot");
		this.can_edit = frappe.model.can_write("Master Schedule Slot");
		this.realtime_handler = () => this.on_remote_change();
		this.debounced_load = frappe.utils.debounce(() => this.load(), 500);
		this.make();
		$(wrapper).on("hide", () => this.on_hide());
	}

	make() {
		if (this.can_book) {
			this.page.set_primary_action(__("Find a Time"), () => this.finder.open(), "search");
		}
		this.page.add_menu_item(__("Visits"), () =>
			frappe.set_route("List", "Master Schedule Slot")
		);
		this.page.add_menu_item(__("Auto Service Settings"), () =>
			frappe.set_route("Form", "Auto Service Settings")
		);
		this.$root = $(`
			<div class="ms-page">
				<div class="ms-toolbar"></div>
				<div class="ms-find-note" hidden></div>
				<div class="ms-scroll"><div class="ms-grid"></div></div>
				<div class="ms-legend"></div>
			</div>
		`).appendTo(this.page.main);

		this.api = new ScheduleApi();
		this.toolbar = new Toolbar(this, this.$root);
		this.grid = new TimeGrid(this, this.$root);
		this.dragger = new DragResize(this, this.grid);
		this.visit_dialog = new VisitDialog(this);
		this.booking = new BookingDialog(this);
		this.finder = new FindTime(this, this.$root.find(".ms-find-note"));
	}

	// ---------------------------------------------------------------- state

	saved_settings() {
		try {
			return JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}") || {};
		} catch (e) {
			return {};
		}
	}

	save_settings() {
		try {
			localStorage.setItem(
				STORAGE_KEY,
				JSON.stringify({ view: this.view, masters: this.masters_filter })
			);
		} catch (e) {
			// private mode: settings simply are not remembered
		}
	}

	apply_route_options() {
		const opts = frappe.route_options || {};
		// ?masters=A,B (or ?master=A) filters the page; an empty ?masters= shows everybody
		const key = ["masters", "master"].find((k) => opts[k] !== undefined && opts[k] !== null);
		let used = false;
		if (opts.date && /^\d{4}-\d{2}-\d{2}$/.test(opts.date)) {
			this.date = opts.date;
			used = true;
		}
		if (opts.view === "day" || opts.view === "week") {
			this.view = opts.view;
			used = true;
		}
		if (key) {
			this.masters_filter = String(opts[key]).split(",").filter(Boolean);
			used = true;
		}
		if (used) {
			frappe.route_options = null;
			this.save_settings();
		}
	}

	// the days on screen: one, or Monday to Sunday of the chosen day's week
	days() {
		if (this.view === "week") {
			const monday = add_days(this.date, -iso_weekday(this.date));
			return [0, 1, 2, 3, 4, 5, 6].map((i) => add_days(monday, i));
		}
		return [this.date];
	}

	set_view(view) {
		if (view === this.view) return;
		this.view = view;
		this.save_settings();
		this.load({ scroll: "now" });
	}

	set_masters_filter(values) {
		if (JSON.stringify(values) === JSON.stringify(this.masters_filter)) return;
		this.masters_filter = values.slice();
		this.save_settings();
		this.debounced_load();
	}

	// week view: the day a click on its heading opens
	open_day(date) {
		this.view = "day";
		this.save_settings();
		this.go_to(date, { force: true });
	}

	shift(direction) {
		this.go_to(add_days(this.date, direction * (this.view === "week" ? 7 : 1)));
	}

	go_to(date, opts = {}) {
		const visible = this.days().includes(date);
		this.date = date;
		if (visible && this.data && !opts.force) {
			this.toolbar.sync();
			this.grid.scroll_to_day(date);
			return Promise.resolve();
		}
		return this.load({ scroll: "now", ...opts });
	}

	server_now() {
		return moment().add(this.server_offset, "ms");
	}

	now_limit() {
		// cells starting before this are in the past for the server as well
		return this.server_now().subtract(PAST_GRACE, "minutes").format("YYYY-MM-DD HH:mm");
	}

	busy() {
		return !!(this.dragger.drag || this.dragger.saving);
	}

	// ---------------------------------------------------------------- page events

	show() {
		this.apply_route_options();
		if (!this.subscribed) {
			frappe.realtime.on("as_schedule_update", this.realtime_handler);
			this.subscribed = true;
		}
		this.start_clock();
		this.load({ scroll: this.data ? null : "now" });
	}

	on_hide() {
		if (this.subscribed) {
			frappe.realtime.off("as_schedule_update", this.realtime_handler);
			this.subscribed = false;
		}
		clearInterval(this.clock);
		this.clock = null;
	}

	start_clock() {
		clearInterval(this.clock);
		let ticks = 0;
		this.clock = setInterval(() => {
			ticks += 1;
			// without realtime (no socket.io) the page still catches up every five minutes
			if (ticks % 5 === 0 && !this.dragger.drag) this.load();
			else this.grid.place_now();
		}, 60 * 1000);
	}

	on_remote_change() {
		if (this.busy()) {
			this.pending_reload = true;
			return;
		}
		this.debounced_load();
	}

	// a reload asked for while a block was being dragged or saved
	reload_if_pending() {
		if (this.pending_reload && !this.dragger.saving) {
			this.pending_reload = false;
			this.load();
		}
	}

	// ---------------------------------------------------------------- data

	load(opts = {}) {
		const seq = ++this.load_seq;
		const days = this.days();
		this.toolbar.sync();
		if (!this.data) this.grid.show_loading();
		return this.api
			.get_schedule({ start: days[0], days: days.length, masters: this.masters_filter })
			.then((data) => {
				if (seq !== this.load_seq) return;
				if (this.dragger.drag) {
					this.pending_reload = true;
					return;
				}
				this.data = data;
				if (data.now) {
					this.server_offset = moment(String(data.now).slice(0, 19)).diff(moment());
				}
				if (!this.masters_filter.length) this.all_masters = data.masters;
				this.render(opts);
			});
	}

	render(opts = {}) {
		this.toolbar.sync();
		this.finder.render_note();
		this.grid.render(opts);
		if (this.pending_reload) {
			this.pending_reload = false;
			this.debounced_load();
		}
	}

	// every active master, whatever the filter: for the filter itself and the dialogs' master lists
	ensure_all_masters() {
		if (this.all_masters) return Promise.resolve(this.all_masters);
		if (!this.masters_promise) {
			this.masters_promise = this.api
				.get_schedule({ start: frappe.datetime.get_today(), days: 1 })
				.then((data) => {
					this.all_masters = data.masters;
					return data.masters;
				})
				.finally(() => (this.masters_promise = null));
		}
		return this.masters_promise;
	}

	master_name(name) {
		const all = [...(this.all_masters || []), ...((this.data && this.data.masters) || [])];
		const found = all.find((m) => m.name === name);
		return (found && found.employee_name) || name;
	}

	// options of a Select of masters; a Select puts its labels in as HTML, so they are escaped
	master_select_options(blank) {
		const masters = this.all_masters || (this.data && this.data.masters) || [];
		const out = masters.map((m) => ({ value: m.name, label: esc(m.employee_name || m.name) }));
		return blank ? [{ value: "", label: __("Any master") }, ...out] : out;
	}

	step() {
		return (this.data && this.data.step_minutes) || 30;
	}
}
