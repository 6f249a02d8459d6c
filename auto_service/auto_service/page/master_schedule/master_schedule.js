// Masters' schedule: masters as columns, time as rows, visits as blocks that can be booked, dragged,
// resized and opened. The server (auto_service.api.schedule) decides; this page only draws and asks.

(() => {
	const API = "auto_service.api.schedule.";
	const ACTIVE = ["Booked", "Confirmed", "Arrived", "In Work"];
	const STATUSES = [...ACTIVE, "Done", "No-show", "Cancelled"];
	// the status buttons a visit's dialog offers, by its current status
	const NEXT_STATUSES = {
		Booked: ["Confirmed", "Arrived", "No-show", "Cancelled"],
		Confirmed: ["Arrived", "No-show", "Cancelled"],
		Arrived: ["Cancelled"],
		"No-show": ["Booked"],
		Cancelled: ["Booked"],
	};
	const CHANNELS = ["", "Phone", "Walk-in", "Website", "Messenger", "Repeat Visit", "Other"];
	// a booking made a few minutes "late" is still accepted by the server (PAST_GRACE_MINUTES)
	const PAST_GRACE = 10;
	const STORAGE_KEY = "auto_service.master_schedule";
	const DRAG_THRESHOLD = 6;
	const MAX_DURATION = 8 * 60;

	// ---- small helpers on "YYYY-MM-DD" dates and minutes since midnight ----
	const pad = (n) => String(n).padStart(2, "0");
	const to_min = (text) => {
		const [h, m] = String(text || "0:0").split(":");
		return parseInt(h, 10) * 60 + parseInt(m || 0, 10);
	};
	const fmt_min = (m) => `${pad(Math.floor(m / 60) % 24)}:${pad(m % 60)}`;
	const date_of = (dt) => String(dt).slice(0, 10);
	const add_days = (date, n) => moment(date, "YYYY-MM-DD").add(n, "days").format("YYYY-MM-DD");
	const days_between = (a, b) => moment(b, "YYYY-MM-DD").diff(moment(a, "YYYY-MM-DD"), "days");
	// minutes of a "YYYY-MM-DD HH:MM:SS" moment, counted from the midnight that starts `day`
	const min_on = (day, dt) =>
		days_between(day, date_of(dt)) * 1440 + to_min(String(dt).slice(11, 16));
	const dt_str = (day, m) => `${add_days(day, Math.floor(m / 1440))} ${fmt_min(m % 1440)}:00`;
	const esc = (text) => frappe.utils.escape_html(text == null ? "" : String(text));
	const status_class = (status) => "status-" + String(status).toLowerCase().replace(/\W+/g, "-");

	const weekday_names = () => [
		__("Monday"),
		__("Tuesday"),
		__("Wednesday"),
		__("Thursday"),
		__("Friday"),
		__("Saturday"),
		__("Sunday"),
	];
	const weekday_short = () => [
		__("Mon"),
		__("Tue"),
		__("Wed"),
		__("Thu"),
		__("Fri"),
		__("Sat"),
		__("Sun"),
	];
	const iso_weekday = (date) => moment(date, "YYYY-MM-DD").isoWeekday() - 1;
	const user_date = (date) => frappe.datetime.str_to_user(date);
	// the user's date format without the year: 01.12
	const user_day_month = (date) =>
		user_date(date)
			.replace(/[.\-/ ]?\d{4}[.\-/ ]?/, "")
			.trim();
	const short_name = (full) => {
		const parts = String(full || "")
			.split(/\s+/)
			.filter(Boolean);
		return parts.length > 1 ? `${parts[0]} ${parts[1][0]}.` : parts[0] || "";
	};
	const fmt_duration = (m) => {
		const h = Math.floor(m / 60);
		const rest = m % 60;
		if (!h) return __("{0} min", [rest]);
		if (!rest) return __("{0} h", [h]);
		return __("{0} h {1} min", [h, rest]);
	};
	const compact = (args) => {
		const out = {};
		for (const [key, value] of Object.entries(args)) {
			if (value !== undefined && value !== null && value !== "") out[key] = value;
		}
		return out;
	};

	class MasterSchedule {
		constructor(wrapper) {
			this.wrapper = wrapper;
			this.page = frappe.ui.make_app_page({
				parent: wrapper,
				title: __("Masters' Schedule"),
				single_column: true,
			});
			const saved = this.saved_settings();
			this.view = saved.view === "week" ? "week" : "day";
			this.masters_filter = Array.isArray(saved.masters) ? saved.masters : [];
			this.date = frappe.datetime.get_today();
			this.data = null;
			this.geom = null;
			this.found = null;
			this.drag = null;
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

		// ---------------------------------------------------------------- layout

		make() {
			if (this.can_book) {
				this.page.set_primary_action(
					__("Find a Time"),
					() => this.find_dialog(),
					"search"
				);
			}
			this.page.add_menu_item(__("Visits"), () =>
				frappe.set_route("List", "Master Schedule Slot")
			);
			this.page.add_menu_item(__("Auto Service Settings"), () =>
				frappe.set_route("Form", "Auto Service Settings")
			);

			this.$root = $(`
				<div class="ms-page">
					<div class="ms-toolbar">
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
							<div class="ms-master-field" title="${__("Masters")}"></div>
							<button class="btn btn-default btn-sm ms-refresh" title="${__("Refresh")}">
								${frappe.utils.icon("refresh", "sm")}
							</button>
						</div>
					</div>
					<div class="ms-find-note" hidden></div>
					<div class="ms-scroll"><div class="ms-grid"></div></div>
					<div class="ms-legend"></div>
				</div>
			`).appendTo(this.page.main);
			this.$scroll = this.$root.find(".ms-scroll");
			this.$grid = this.$root.find(".ms-grid");
			this.$note = this.$root.find(".ms-find-note");

			this.$root.find(".ms-prev").on("click", () => this.shift(-1));
			this.$root.find(".ms-next").on("click", () => this.shift(1));
			this.$root
				.find(".ms-today")
				.on("click", () => this.go_to(frappe.datetime.get_today()));
			this.$root.find(".ms-refresh").on("click", () => this.load());
			this.$root.find(".ms-view-switch").on("click", "[data-view]", (e) => {
				this.set_view(e.currentTarget.dataset.view);
			});

			this.date_control = frappe.ui.form.make_control({
				parent: this.$root.find(".ms-date-field"),
				df: {
					fieldtype: "Date",
					fieldname: "ms_date",
					placeholder: __("Date"),
					change: () => {
						const value = this.date_control.get_value();
						if (value && value !== this.date) this.go_to(value);
					},
				},
				only_input: true,
			});
			this.date_control.refresh();

			this.master_control = frappe.ui.form.make_control({
				parent: this.$root.find(".ms-master-field"),
				df: {
					fieldtype: "MultiSelectList",
					fieldname: "ms_masters",
					placeholder: __("All masters"),
					get_data: () => this.master_options(),
					change: () => {
						if (this.setting_filter) return;
						const values = this.master_control.get_value() || [];
						if (JSON.stringify(values) === JSON.stringify(this.masters_filter)) return;
						this.masters_filter = values.slice();
						this.save_settings();
						this.debounced_load();
					},
				},
				only_input: true,
			});
			this.master_control.refresh();

			this.render_legend();
			this.bind_grid_events();
			$(window).on(
				"resize",
				frappe.utils.debounce(() => this.fit_height(), 150)
			);
		}

		render_legend() {
			const items = STATUSES.map(
				(status) =>
					`<span class="ms-legend-item"><span class="ms-swatch ${status_class(
						status
					)}"></span>${__(status)}</span>`
			);
			items.push(
				`<span class="ms-legend-item"><span class="ms-swatch is-off"></span>${__(
					"Non-working time"
				)}</span>`
			);
			if (this.can_book && this.can_edit) {
				items.push(
					`<span class="ms-legend-item ms-legend-hint">${__(
						"Tap a free cell to book · drag a visit to move it · drag its lower edge to change the duration"
					)}</span>`
				);
			}
			this.$root.find(".ms-legend").html(items.join(""));
		}

		fit_height() {
			const el = this.$scroll.get(0);
			if (!el || !el.offsetParent) return;
			const top = el.getBoundingClientRect().top;
			const legend = this.$root.find(".ms-legend").outerHeight(true) || 0;
			const height = Math.max(320, window.innerHeight - top - legend - 12);
			this.$scroll.css("max-height", `${height}px`);
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
			const key = ["masters", "master"].find(
				(k) => opts[k] !== undefined && opts[k] !== null
			);
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

		shift(direction) {
			this.go_to(add_days(this.date, direction * (this.view === "week" ? 7 : 1)));
		}

		go_to(date, opts = {}) {
			const visible = this.days().includes(date);
			this.date = date;
			if (visible && this.data && !opts.force) {
				this.sync_toolbar();
				this.scroll_to_day(date);
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
				if (ticks % 5 === 0 && !this.drag) this.load();
				else this.place_now();
			}, 60 * 1000);
		}

		on_remote_change() {
			if (this.drag || this.saving) {
				this.pending_reload = true;
				return;
			}
			this.debounced_load();
		}

		// ---------------------------------------------------------------- data

		load(opts = {}) {
			const seq = ++this.load_seq;
			const days = this.days();
			this.sync_toolbar();
			if (!this.data) {
				this.$grid.html(`<div class="ms-empty text-muted">${__("Loading...")}</div>`);
			}
			return frappe
				.xcall(API + "get_schedule", {
					start: days[0],
					days: days.length,
					masters: this.masters_filter.length ? this.masters_filter : undefined,
				})
				.then((data) => {
					if (seq !== this.load_seq) return;
					if (this.drag) {
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

		ensure_all_masters() {
			if (this.all_masters) return Promise.resolve(this.all_masters);
			if (!this.masters_promise) {
				this.masters_promise = frappe
					.xcall(API + "get_schedule", { start: frappe.datetime.get_today(), days: 1 })
					.then((data) => {
						this.all_masters = data.masters;
						return data.masters;
					})
					.finally(() => (this.masters_promise = null));
			}
			return this.masters_promise;
		}

		master_options() {
			return this.ensure_all_masters().then((masters) =>
				masters.map((m) => ({
					value: m.name,
					label: esc(m.employee_name || m.name),
					description: esc((m.skills || []).join(", ")),
				}))
			);
		}

		master_name(name) {
			const all = [...(this.all_masters || []), ...((this.data && this.data.masters) || [])];
			const found = all.find((m) => m.name === name);
			return (found && found.employee_name) || name;
		}

		sync_toolbar() {
			const days = this.days();
			const today = frappe.datetime.get_today();
			let label;
			if (this.view === "week") {
				label = `${user_day_month(days[0])} – ${user_date(days[6])}`;
			} else {
				label = `${weekday_names()[iso_weekday(this.date)]}, ${user_date(this.date)}`;
				if (this.date === today) label += ` · ${__("today")}`;
			}
			this.$root.find(".ms-range-label").text(label);
			this.$root
				.find(".ms-view-switch [data-view]")
				.each((i, el) => $(el).toggleClass("active", el.dataset.view === this.view));
			this.$root.find(".ms-today").prop("disabled", days.includes(today));
			if (this.date_control.get_value() !== this.date) {
				this.date_control.set_value(this.date);
			}
			const current = this.master_control.get_value() || [];
			if (JSON.stringify(current) !== JSON.stringify(this.masters_filter)) {
				this.setting_filter = true;
				this.master_control
					.set_options()
					.then(() => this.master_control.set_value(this.masters_filter.slice()))
					.finally(() => (this.setting_filter = false));
				if (!this.masters_filter.length) {
					this.master_control.values = [];
					this.master_control._selected_values = [];
					this.master_control.update_status();
				}
			}
		}

		// ---------------------------------------------------------------- grid

		working_on(master, day) {
			const intervals = (this.data.working && this.data.working[master]) || [];
			return intervals
				.filter(([start]) => date_of(start) === day)
				.map(([start, end]) => [min_on(day, start), min_on(day, end)]);
		}

		build_columns() {
			const data = this.data;
			const columns = [];
			for (const day of this.days()) {
				for (const master of data.masters) {
					columns.push({
						idx: columns.length,
						day,
						master,
						working: this.working_on(master.name, day),
						slots: [],
						candidates: [],
					});
				}
			}
			const by_key = {};
			for (const col of columns) by_key[`${col.day}|${col.master.name}`] = col;
			this.slots_by_name = {};
			for (const slot of data.slots || []) {
				const day = date_of(slot.starts_on);
				const col = by_key[`${day}|${slot.master}`];
				if (!col) continue;
				const item = {
					...slot,
					start: min_on(day, slot.starts_on),
					end: min_on(day, slot.ends_on),
					col: col.idx,
				};
				col.slots.push(item);
				this.slots_by_name[slot.name] = item;
			}
			((this.found && this.found.candidates) || []).forEach((cand, rank) => {
				const day = date_of(cand.starts_on);
				const col = by_key[`${day}|${cand.master}`];
				if (!col) return;
				col.candidates.push({
					...cand,
					rank,
					start: min_on(day, cand.starts_on),
					end: min_on(day, cand.ends_on),
				});
			});
			for (const col of columns) {
				this.layout_lanes(col.slots);
				this.layout_lanes(col.candidates);
			}
			return columns;
		}

		// side-by-side lanes for visits that overlap (a cancelled visit and the new one in its time)
		layout_lanes(slots) {
			slots.sort(
				(a, b) =>
					a.start - b.start ||
					ACTIVE.includes(b.status) - ACTIVE.includes(a.status) ||
					b.end - a.end
			);
			let cluster = [];
			let cluster_end = -Infinity;
			let lane_ends = [];
			const close = () => {
				const lanes = Math.max(...cluster.map((s) => s.lane)) + 1;
				cluster.forEach((s) => (s.lanes = lanes));
			};
			for (const slot of slots) {
				if (cluster.length && slot.start >= cluster_end) {
					close();
					cluster = [];
					lane_ends = [];
				}
				let lane = lane_ends.findIndex((end) => end <= slot.start);
				if (lane < 0) {
					lane = lane_ends.length;
					lane_ends.push(slot.end);
				} else {
					lane_ends[lane] = slot.end;
				}
				slot.lane = lane;
				cluster.push(slot);
				cluster_end = Math.max(cluster_end, slot.end);
			}
			if (cluster.length) close();
		}

		time_range(columns, step) {
			let from = Infinity;
			let to = -Infinity;
			for (const col of columns) {
				for (const [start, end] of col.working) {
					from = Math.min(from, start);
					to = Math.max(to, end);
				}
				for (const item of [...col.slots, ...col.candidates]) {
					from = Math.min(from, item.start);
					to = Math.max(to, item.end);
				}
			}
			if (!isFinite(from)) {
				from = 9 * 60;
				to = 19 * 60;
			}
			from = Math.max(0, Math.floor(from / step) * step);
			to = Math.min(24 * 60, Math.ceil(to / step) * step);
			return { from, to: Math.max(to, from + step) };
		}

		render(opts = {}) {
			const data = this.data;
			this.sync_toolbar();
			this.render_note();
			if (!data.masters.length) {
				this.geom = null;
				this.$grid
					.attr("style", "")
					.html(
						`<div class="ms-empty">${
							this.masters_filter.length
								? __("None of the chosen masters is active. Clear the filter.")
								: __(
										"No masters yet: tick «{0}» on an active Employee to show them here.",
										[__("Master (mechanic)")]
								  )
						}</div>`
					);
				this.fit_height();
				return;
			}
			const scroll = { top: this.$scroll.scrollTop(), left: this.$scroll.scrollLeft() };
			const step = data.step_minutes || 30;
			const columns = this.build_columns();
			const { from, to } = this.time_range(columns, step);
			const ppm = Math.max(32 / 30, 24 / step);
			const week = this.view === "week";
			const geom = {
				from,
				to,
				step,
				ppm,
				row_h: step * ppm,
				columns,
				week,
				head_rows: week ? 2 : 1,
			};
			this.geom = geom;
			const masters_count = data.masters.length;
			const col_min = week ? (masters_count > 1 ? 104 : 120) : 150;
			const today = this.server_now().format("YYYY-MM-DD");
			const limit = this.now_limit();
			const html = [];

			html.push(
				`<div class="ms-corner" style="grid-column: 1; grid-row: 1 / span ${geom.head_rows}"></div>`
			);
			if (week) {
				this.days().forEach((day, i) => {
					const wd = iso_weekday(day);
					html.push(`
						<div class="ms-day-head ${day === today ? "is-today" : ""} ${
							wd >= 5 ? "is-weekend" : ""
						}" data-date="${day}" title="${esc(__("Open the day"))}"
							style="grid-column: ${2 + i * masters_count} / span ${masters_count}; grid-row: 1">
							${weekday_short()[wd]}, ${user_day_month(day)}
						</div>`);
				});
			}
			for (const col of columns) {
				const off = !col.working.length;
				const name = col.master.employee_name || col.master.name;
				const skills = (col.master.skills || []).join(", ");
				const hours = col.working
					.map(([s, e]) => `${fmt_min(s)}–${fmt_min(e)}`)
					.join(", ");
				const sub = off ? __("day off") : week ? "" : skills || hours;
				const tip = [name, off ? __("day off") : hours, skills].filter(Boolean).join("\n");
				html.push(`
					<div class="ms-master-head ${off ? "is-day-off" : ""} ${
						week && col.master === data.masters[0] ? "is-day-start" : ""
					}" data-master="${esc(col.master.name)}" data-date="${col.day}"
						style="grid-column: ${col.idx + 2}; grid-row: ${geom.head_rows}" title="${esc(tip)}">
						<div class="ms-master-name">${esc(week ? short_name(name) : name)}</div>
						${sub ? `<div class="ms-master-sub">${esc(sub)}</div>` : ""}
					</div>`);
			}

			const body_row = geom.head_rows + 1;
			const times = [];
			for (let m = from; m < to; m += step) {
				times.push(
					`<div class="ms-time ${m % 60 === 0 ? "is-hour" : ""}" style="height: ${
						geom.row_h
					}px"><span>${fmt_min(m)}</span></div>`
				);
			}
			html.push(
				`<div class="ms-times" style="grid-column: 1; grid-row: ${body_row}">${times.join(
					""
				)}</div>`
			);

			for (const col of columns) {
				const cells = [];
				for (let m = from; m < to; m += step) {
					const working = col.working.some(([s, e]) => s <= m && m + step <= e);
					const busy = col.slots.some(
						(s) => ACTIVE.includes(s.status) && s.start < m + step && s.end > m
					);
					const past = dt_str(col.day, m).slice(0, 16) < limit;
					let state = "is-free";
					if (!working) state = "is-off";
					else if (past) state = "is-past";
					else if (busy) state = "is-busy";
					else if (!this.can_book) state = "is-open";
					cells.push(
						`<div class="ms-cell ${state} ${
							m % 60 === 0 ? "is-hour" : ""
						}" data-time="${fmt_min(m)}" style="height: ${geom.row_h}px"></div>`
					);
				}
				const classes = ["ms-col"];
				if (col.day === today) classes.push("is-today");
				if (week && col.master === data.masters[0]) classes.push("is-day-start");
				if (!col.working.length) classes.push("is-day-off");
				html.push(`
					<div class="${classes.join(" ")}" data-idx="${col.idx}" data-master="${esc(
						col.master.name
					)}" data-date="${col.day}" style="grid-column: ${
						col.idx + 2
					}; grid-row: ${body_row}">
						${cells.join("")}
						${col.candidates.map((c) => this.candidate_html(c)).join("")}
						${col.slots.map((s) => this.slot_html(s)).join("")}
					</div>`);
			}

			const min_width = 56 + columns.length * col_min;
			this.$grid
				.css({
					"grid-template-columns": `var(--ms-time-w) repeat(${columns.length}, minmax(${col_min}px, 1fr))`,
					"min-width": `${min_width}px`,
				})
				.toggleClass("is-week", week)
				.html(html.join(""));
			this.place_now();
			this.fit_height();

			if (opts.scroll === "now") {
				this.scroll_to_now();
			} else if (opts.scroll === "candidate") {
				this.scroll_to('.ms-candidate[data-rank="0"]');
			} else {
				this.$scroll.scrollTop(scroll.top).scrollLeft(scroll.left);
			}
			if (this.flash_slot) {
				const $slot = this.$grid.find(`.ms-slot[data-slot="${this.flash_slot}"]`);
				if ($slot.length) {
					$slot.addClass("is-new");
					if (opts.scroll !== "candidate") this.scroll_into_view($slot.get(0));
				}
				this.flash_slot = null;
			}
			if (this.pending_reload) {
				this.pending_reload = false;
				this.debounced_load();
			}
		}

		slot_html(s) {
			const g = this.geom;
			const start = Math.max(s.start, g.from);
			const end = Math.min(s.end, g.to);
			const top = (start - g.from) * g.ppm;
			const height = Math.max((end - start) * g.ppm - 2, 16);
			const width = 100 / (s.lanes || 1);
			const left = width * (s.lane || 0);
			const active = ACTIVE.includes(s.status) && this.can_edit;
			const time = `${fmt_min(s.start)}–${fmt_min(s.end)}`;
			const client = s.customer_name || s.customer;
			const classes = ["ms-slot", status_class(s.status)];
			if (active) classes.push("is-draggable");
			if (height < 44) classes.push("is-short");
			if (height >= 76) classes.push("is-tall");
			const tip = [
				`${time} · ${__(s.status)}`,
				client,
				s.vehicle_title,
				s.requested_work,
				s.repair_order ? `${__("Repair Order")} ${s.repair_order}` : "",
			]
				.filter(Boolean)
				.join("\n");
			return `
				<div class="${classes.join(" ")}" data-slot="${esc(s.name)}" data-status="${esc(
					s.status
				)}" data-start="${fmt_min(s.start)}" data-end="${fmt_min(s.end)}"
					tabindex="0" role="button" title="${esc(tip)}"
					style="top: ${top}px; height: ${height}px; left: calc(${left}% + 3px); width: calc(${width}% - 6px)">
					<div class="ms-slot-head">
						<span class="ms-slot-time">${time}</span>
						${
							s.repair_order
								? `<span class="ms-slot-badge" title="${esc(s.repair_order)}">${__(
										"RO"
								  )}</span>`
								: ""
						}
					</div>
					<div class="ms-slot-client">${esc(client)}</div>
					${s.vehicle_title ? `<div class="ms-slot-line">${esc(s.vehicle_title)}</div>` : ""}
					${s.requested_work ? `<div class="ms-slot-line ms-slot-work">${esc(s.requested_work)}</div>` : ""}
					${
						active
							? `<div class="ms-slot-resize" title="${esc(
									__("Drag to change the duration")
							  )}"></div>`
							: ""
					}
				</div>`;
		}

		candidate_html(c) {
			const g = this.geom;
			const top = (c.start - g.from) * g.ppm;
			const height = Math.max((c.end - c.start) * g.ppm - 2, 16);
			const width = 100 / (c.lanes || 1);
			const left = width * (c.lane || 0);
			return `
				<div class="ms-candidate ${c.rank === 0 ? "is-best" : ""}" data-rank="${c.rank}"
					role="button" tabindex="0" style="top: ${top}px; height: ${height}px; left: calc(${left}% + 3px); width: calc(${width}% - 6px)"
					title="${esc(__("Book this time"))}">
					<span class="ms-candidate-rank">${c.rank + 1}</span>
					<span class="ms-candidate-time">${fmt_min(c.start)}–${fmt_min(c.end)}</span>
					<span class="ms-candidate-hint">${__("Free · book")}</span>
				</div>`;
		}

		place_now() {
			const g = this.geom;
			if (!g) return;
			this.$grid.find(".ms-now, .ms-now-label").remove();
			const now = this.server_now();
			const day = now.format("YYYY-MM-DD");
			const m = now.hours() * 60 + now.minutes();
			const $cols = this.$grid.find(`.ms-col[data-date="${day}"]`);
			if (!$cols.length || m < g.from || m > g.to) return;
			const top = (m - g.from) * g.ppm;
			$cols.each((i, col) =>
				$(col).append(
					`<div class="ms-now ${i === 0 ? "is-first" : ""}" style="top: ${top}px"></div>`
				)
			);
			this.$grid
				.find(".ms-times")
				.append(`<div class="ms-now-label" style="top: ${top}px">${fmt_min(m)}</div>`);
		}

		head_height() {
			const head = this.$grid.find(".ms-master-head").get(0);
			return head
				? head.getBoundingClientRect().bottom -
						this.$grid.get(0).getBoundingClientRect().top
				: 0;
		}

		scroll_to_now() {
			const g = this.geom;
			if (!g) return;
			const now = this.server_now();
			const m = now.hours() * 60 + now.minutes();
			const shows_today = this.days().includes(now.format("YYYY-MM-DD"));
			const target = shows_today ? Math.max(g.from, m - 60) : g.from;
			this.$scroll.scrollTop((target - g.from) * g.ppm);
			this.scroll_to_day(this.date);
		}

		// week view: the chosen day's first master column right after the time column
		scroll_to_day(date) {
			if (!this.geom || !this.geom.week) {
				this.$scroll.scrollLeft(0);
				return;
			}
			const col = this.$grid.find(`.ms-col[data-date="${date}"]`).get(0);
			if (col)
				this.$scroll.scrollLeft(
					col.offsetLeft - this.$grid.find(".ms-times").outerWidth()
				);
		}

		scroll_to(selector) {
			const el = this.$grid.find(selector).get(0);
			if (el) this.scroll_into_view(el);
		}

		scroll_into_view(el) {
			const box = this.$scroll.get(0);
			const rect = el.getBoundingClientRect();
			const view = box.getBoundingClientRect();
			const head = this.head_height();
			if (rect.top < view.top + head || rect.bottom > view.bottom) {
				box.scrollTop += rect.top - view.top - head - 40;
			}
			if (rect.left < view.left + 56 || rect.right > view.right) {
				box.scrollLeft += rect.left - view.left - 56 - 24;
			}
		}

		// ---------------------------------------------------------------- grid events

		bind_grid_events() {
			this.$grid.on("click", ".ms-cell.is-free", (e) => {
				if (this.suppress_click) return;
				const $col = $(e.currentTarget).closest(".ms-col");
				this.book_dialog({
					master: $col.attr("data-master"),
					date: $col.attr("data-date"),
					time: e.currentTarget.dataset.time,
				});
			});
			this.$grid.on("click keydown", ".ms-candidate", (e) => {
				if (e.type === "keydown" && e.key !== "Enter") return;
				const cand = this.found && this.found.candidates[+e.currentTarget.dataset.rank];
				if (cand) this.book_candidate(cand);
			});
			this.$grid.on("click", ".ms-day-head", (e) => {
				this.view = "day";
				this.save_settings();
				this.go_to(e.currentTarget.dataset.date, { force: true });
			});
			this.$grid.on("keydown", ".ms-slot", (e) => {
				if (e.key !== "Enter" && e.key !== " ") return;
				e.preventDefault();
				const slot = this.slots_by_name[e.currentTarget.dataset.slot];
				if (slot) this.slot_dialog(slot);
			});

			const grid = this.$grid.get(0);
			grid.addEventListener("pointerdown", (e) => this.on_pointer_down(e));
			grid.addEventListener("pointermove", (e) => this.on_pointer_move(e));
			grid.addEventListener("pointerup", (e) => this.on_pointer_up(e));
			grid.addEventListener("pointercancel", (e) => this.on_pointer_cancel(e));
			grid.addEventListener("lostpointercapture", (e) => this.on_pointer_cancel(e));
			document.addEventListener("keydown", (e) => {
				if (e.key === "Escape" && this.drag) {
					const d = this.drag;
					this.drag = null;
					this.end_drag(d);
				}
			});
		}

		// ---------------------------------------------------------------- drag & resize

		on_pointer_down(e) {
			const el = e.target.closest(".ms-slot");
			if (!el || this.drag || this.saving) return;
			if (e.pointerType === "mouse" && e.button !== 0) return;
			const slot = this.slots_by_name[el.dataset.slot];
			if (!slot || !this.geom) return;
			const col_el = el.closest(".ms-col");
			const rect = col_el.getBoundingClientRect();
			const pointer_min = this.geom.from + (e.clientY - rect.top) / this.geom.ppm;
			this.drag = {
				el,
				slot,
				pointer_id: e.pointerId,
				mode: e.target.closest(".ms-slot-resize") ? "resize" : "move",
				x0: e.clientX,
				y0: e.clientY,
				started: false,
				moved: false,
				col: +col_el.dataset.idx,
				grab: pointer_min - slot.start,
				target: null,
			};
			try {
				el.setPointerCapture(e.pointerId);
			} catch (err) {
				// capture is a nicety: moves still reach the grid
			}
			e.preventDefault();
		}

		on_pointer_move(e) {
			const d = this.drag;
			if (!d || e.pointerId !== d.pointer_id) return;
			if (!d.started) {
				if (Math.hypot(e.clientX - d.x0, e.clientY - d.y0) < DRAG_THRESHOLD) return;
				d.moved = true;
				if (!ACTIVE.includes(d.slot.status) || !this.can_edit) return;
				d.started = true;
				d.el.classList.add("is-dragging");
				this.$grid.addClass("is-dragging");
				d.ghost = document.createElement("div");
				d.ghost.className = "ms-ghost";
			}
			if (!d.started) return;
			e.preventDefault();
			this.autoscroll(e);
			const target = this.drag_target(e, d);
			if (!target) return;
			d.target = target;
			if (d.ghost.parentNode !== target.col_el) target.col_el.appendChild(d.ghost);
			const g = this.geom;
			d.ghost.style.top = `${(target.start - g.from) * g.ppm}px`;
			d.ghost.style.height = `${Math.max((target.end - target.start) * g.ppm - 2, 16)}px`;
			const moved_master = target.col.master.name !== d.slot.master;
			d.ghost.innerHTML = `
				<div class="ms-ghost-time">${fmt_min(target.start)}–${fmt_min(target.end)}</div>
				${
					moved_master || target.col.day !== this.geom.columns[d.col].day
						? `<div class="ms-ghost-sub">${esc(
								short_name(target.col.master.employee_name)
						  )}${g.week ? `, ${user_day_month(target.col.day)}` : ""}</div>`
						: ""
				}`;
			d.ghost.classList.toggle("is-invalid", !this.place_ok(target, d.slot));
		}

		drag_target(e, d) {
			const g = this.geom;
			const col_els = this.$grid.get(0).querySelectorAll(".ms-col");
			let col_el = col_els[d.col];
			if (d.mode === "move") {
				let best = null;
				let best_dist = Infinity;
				col_els.forEach((el) => {
					const r = el.getBoundingClientRect();
					const dist =
						e.clientX < r.left
							? r.left - e.clientX
							: e.clientX >= r.right
							  ? e.clientX - r.right + 1
							  : 0;
					if (dist < best_dist) {
						best = el;
						best_dist = dist;
					}
				});
				col_el = best || col_el;
			}
			if (!col_el) return null;
			const col = g.columns[+col_el.dataset.idx];
			const rect = col_el.getBoundingClientRect();
			const pointer_min = g.from + (e.clientY - rect.top) / g.ppm;
			const snap = (m) => Math.round(m / g.step) * g.step;
			const duration = d.slot.end - d.slot.start;
			let start;
			let end;
			if (d.mode === "move") {
				start = snap(pointer_min - d.grab);
				start = Math.min(Math.max(start, g.from), Math.max(g.from, g.to - duration));
				end = start + duration;
			} else {
				start = d.slot.start;
				end = Math.max(start + g.step, snap(pointer_min));
				end = Math.min(end, Math.max(g.to, d.slot.end), start + MAX_DURATION * 2);
			}
			return { col, col_el, start, end };
		}

		// the client's own guess, for the ghost's colour only: the server decides on drop
		place_ok(target, slot) {
			const { col, start, end } = target;
			const working = col.working.some(([s, e]) => s <= start && end <= e);
			const overlap = col.slots.some(
				(s) =>
					s.name !== slot.name &&
					ACTIVE.includes(s.status) &&
					s.start < end &&
					s.end > start
			);
			const past = dt_str(col.day, start).slice(0, 16) < this.now_limit();
			return working && !overlap && !past;
		}

		autoscroll(e) {
			const box = this.$scroll.get(0);
			const r = box.getBoundingClientRect();
			const edge = 32;
			const speed = 16;
			if (e.clientY < r.top + this.head_height() + edge) box.scrollTop -= speed;
			else if (e.clientY > r.bottom - edge) box.scrollTop += speed;
			if (e.clientX < r.left + 56 + edge) box.scrollLeft -= speed;
			else if (e.clientX > r.right - edge) box.scrollLeft += speed;
		}

		on_pointer_up(e) {
			const d = this.drag;
			if (!d || e.pointerId !== d.pointer_id) return;
			this.drag = null;
			try {
				d.el.releasePointerCapture(e.pointerId);
			} catch (err) {
				// already released
			}
			if (!d.started) {
				if (!d.moved) this.slot_dialog(d.slot);
				this.after_drag();
				return;
			}
			// a click would follow the drop on the cell below the pointer
			this.suppress_click = true;
			setTimeout(() => (this.suppress_click = false), 50);
			const t = d.target;
			const unchanged =
				!t || (t.col.idx === d.col && t.start === d.slot.start && t.end === d.slot.end);
			if (unchanged) {
				this.end_drag(d);
				return;
			}
			this.save_move(d, t);
		}

		on_pointer_cancel(e) {
			const d = this.drag;
			if (!d || e.pointerId !== d.pointer_id) return;
			this.drag = null;
			this.end_drag(d);
		}

		end_drag(d) {
			if (d.ghost) d.ghost.remove();
			d.el.classList.remove("is-dragging");
			this.$grid.removeClass("is-dragging");
			this.after_drag();
		}

		after_drag() {
			if (this.pending_reload && !this.saving) {
				this.pending_reload = false;
				this.load();
			}
		}

		save_move(d, t) {
			const slot = d.slot;
			const args = {
				slot: slot.name,
				starts_on: dt_str(t.col.day, t.start),
				ends_on: dt_str(t.col.day, t.end),
			};
			if (t.col.master.name !== slot.master) args.master = t.col.master.name;
			d.ghost.classList.add("is-saving");
			this.saving = true;
			const restore = () => {
				this.saving = false;
				this.end_drag(d);
			};
			return frappe
				.xcall(API + "move", args)
				.then(() => {
					frappe.show_alert({
						message: __("{0}: moved to {1}", [
							esc(slot.customer_name || slot.customer),
							`${user_day_month(t.col.day)} ${fmt_min(t.start)}–${fmt_min(
								t.end
							)}, ${esc(t.col.master.employee_name)}`,
						]),
						indicator: "green",
					});
					this.flash_slot = slot.name;
				})
				.catch(() => {
					// refused: the server's message is on screen; the block goes back where it was
				})
				.finally(() => {
					restore();
					this.pending_reload = false;
					this.load();
				});
		}

		// ---------------------------------------------------------------- visit dialog

		slot_dialog(slot) {
			const day = date_of(slot.starts_on);
			const when = `${weekday_names()[iso_weekday(day)]}, ${user_date(day)}, ${fmt_min(
				slot.start
			)}–${fmt_min(slot.end)} (${fmt_duration(slot.end - slot.start)})`;
			const rows = [
				[__("Time"), esc(when)],
				[__("Master"), esc(this.master_name(slot.master))],
				[__("Client"), esc(slot.customer_name || slot.customer)],
				[
					__("Vehicle"),
					esc(slot.vehicle_title || "") || `<span class="text-muted">—</span>`,
				],
				[
					__("Requested Work"),
					esc(slot.requested_work || "") || `<span class="text-muted">—</span>`,
				],
			];
			if (slot.repair_order) {
				rows.push([
					__("Repair Order"),
					`<a href="/app/repair-order/${encodeURIComponent(slot.repair_order)}">${esc(
						slot.repair_order
					)}</a>`,
				]);
			}
			const next = (this.can_edit && NEXT_STATUSES[slot.status]) || [];
			const labels = {
				Confirmed: __("Confirm"),
				Arrived: __("Client Arrived"),
				"No-show": __("No-show"),
				Cancelled: __("Cancel Visit"),
				Booked: __("Restore Booking"),
			};
			const status_buttons = next
				.map(
					(status) => `
					<button class="btn btn-default btn-sm ms-status-btn ${
						status === "Cancelled" || status === "No-show" ? "is-danger" : ""
					}" data-status="${status}">
						<span class="ms-swatch ${status_class(status)}"></span>${labels[status]}
					</button>`
				)
				.join("");
			const dialog = new frappe.ui.Dialog({
				title: slot.customer_name || slot.customer,
				fields: [{ fieldtype: "HTML", fieldname: "info" }],
			});
			dialog.$wrapper.addClass("ms-visit-dialog");
			dialog.fields_dict.info.$wrapper.html(`
				<div class="ms-visit">
					<div class="ms-visit-status ${status_class(slot.status)}">
						<span class="ms-swatch ${status_class(slot.status)}"></span>${__(slot.status)}
					</div>
					<table class="ms-visit-table">
						${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join("")}
					</table>
					${status_buttons ? `<div class="ms-visit-actions">${status_buttons}</div>` : ""}
					<div class="ms-visit-links">
						${
							frappe.model.can_read("Customer")
								? `<button class="btn btn-default btn-sm" data-action="client">
									${frappe.utils.icon("users", "sm")} ${__("Open Client")}
								</button>`
								: ""
						}
						<button class="btn btn-default btn-sm" data-action="visit">
							${frappe.utils.icon("calendar", "sm")} ${__("Open Visit")}
						</button>
					</div>
				</div>`);
			dialog.fields_dict.info.$wrapper.on("click", "button", (e) => {
				const btn = e.currentTarget;
				if (btn.dataset.status) {
					this.set_status(slot, btn.dataset.status, dialog);
				} else if (btn.dataset.action === "client") {
					dialog.hide();
					frappe.set_route("Form", "Customer", slot.customer);
				} else if (btn.dataset.action === "visit") {
					dialog.hide();
					frappe.set_route("Form", "Master Schedule Slot", slot.name);
				}
			});
			if (this.can_edit || slot.repair_order) {
				dialog.set_primary_action(
					slot.repair_order ? __("Open Repair Order") : __("Create Repair Order"),
					() => this.open_repair_order(slot, dialog)
				);
			}
			dialog.show();
			return dialog;
		}

		set_status(slot, status, dialog) {
			const client = esc(slot.customer_name || slot.customer);
			const go = () =>
				frappe.xcall(API + "set_slot_status", { slot: slot.name, status }).then(() => {
					dialog.hide();
					frappe.show_alert({
						message: `${client}: ${__(status)}`,
						indicator:
							status === "Cancelled" || status === "No-show" ? "orange" : "green",
					});
					this.load();
				});
			if (status === "Cancelled") {
				frappe.confirm(
					__("Cancel the visit of {0}? Its time becomes free.", [client]),
					go
				);
			} else if (status === "No-show") {
				frappe.confirm(__("Mark that {0} did not come?", [client]), go);
			} else {
				go();
			}
		}

		open_repair_order(slot, dialog) {
			const $btn = dialog.get_primary_btn();
			const make = () => {
				$btn.prop("disabled", true);
				return frappe
					.xcall(API + "make_repair_order", { slot: slot.name })
					.then((name) => {
						dialog.hide();
						frappe.set_route("Form", "Repair Order", name);
					})
					.finally(() => $btn.prop("disabled", false));
			};
			if (slot.repair_order && !this.can_edit) {
				dialog.hide();
				frappe.set_route("Form", "Repair Order", slot.repair_order);
				return;
			}
			if (slot.vehicle || slot.repair_order) {
				make();
				return;
			}
			// a repair order needs the car: ask for it once (prefilled when the client has one), keep it
			frappe.db
				.get_list("Customer Vehicle", {
					filters: { customer: slot.customer, is_active: 1 },
					fields: ["name"],
					limit: 2,
				})
				.then((vehicles) => {
					dialog.hide();
					this.ask_vehicle(slot, vehicles, make);
				});
		}

		ask_vehicle(slot, vehicles, then) {
			const ask = new frappe.ui.Dialog({
				title: __("Choose the Vehicle"),
				fields: [
					{
						fieldtype: "Link",
						fieldname: "vehicle",
						label: __("Vehicle"),
						options: "Customer Vehicle",
						reqd: 1,
						default: vehicles.length === 1 ? vehicles[0].name : undefined,
						get_query: () => ({ filters: { customer: slot.customer, is_active: 1 } }),
					},
					{
						fieldtype: "HTML",
						fieldname: "hint",
						options: `<p class="text-muted small">${__(
							"The repair order is made for this car; it is also kept on the visit."
						)} ${
							vehicles.length
								? ""
								: __(
										"No vehicle of this client yet? Add it on the client's card first."
								  )
						}</p>`,
					},
				],
				primary_action_label: __("Continue"),
				primary_action: (values) => {
					frappe
						.xcall("frappe.client.set_value", {
							doctype: "Master Schedule Slot",
							name: slot.name,
							fieldname: "vehicle",
							value: values.vehicle,
						})
						.then(() => {
							ask.hide();
							slot.vehicle = values.vehicle;
							then();
						});
				},
			});
			ask.show();
		}

		// ---------------------------------------------------------------- booking dialog

		duration_options() {
			const step = (this.data && this.data.step_minutes) || 30;
			const out = [];
			for (let m = step; m <= MAX_DURATION; m += step) {
				if (m >= Math.min(30, step))
					out.push({ value: String(m), label: fmt_duration(m) });
			}
			return out;
		}

		time_options(extra) {
			const step = (this.data && this.data.step_minutes) || 30;
			const from = this.geom ? this.geom.from : 8 * 60;
			const to = this.geom ? this.geom.to : 20 * 60;
			const out = [];
			for (let m = from; m < to; m += step) out.push(fmt_min(m));
			if (extra && !out.includes(extra)) {
				out.push(extra);
				out.sort();
			}
			return out;
		}

		master_select_options(blank) {
			const masters = this.all_masters || (this.data && this.data.masters) || [];
			const out = masters.map((m) => ({ value: m.name, label: m.employee_name || m.name }));
			return blank ? [{ value: "", label: __("Any master") }, ...out] : out;
		}

		book_candidate(cand) {
			const request = (this.found && this.found.request) || {};
			this.book_dialog({
				master: cand.master,
				date: date_of(cand.starts_on),
				time: String(cand.starts_on).slice(11, 16),
				duration:
					min_on(date_of(cand.starts_on), cand.ends_on) -
					min_on(date_of(cand.starts_on), cand.starts_on),
				required_skill: request.skill,
				from_candidate: true,
			});
		}

		book_dialog(opts) {
			this.ensure_all_masters().then(() => this.make_book_dialog(opts));
		}

		make_book_dialog(opts) {
			const step = (this.data && this.data.step_minutes) || 30;
			const duration = opts.duration || Math.max(60, step);
			const dialog = new frappe.ui.Dialog({
				title: __("Book a Visit"),
				size: "large",
				fields: [
					{ fieldtype: "Section Break", label: __("Client") },
					{
						fieldtype: "Data",
						fieldname: "client_query",
						label: __("Find Client"),
						placeholder: __("Name, phone or licence plate"),
					},
					{ fieldtype: "HTML", fieldname: "client_matches" },
					{ fieldtype: "Column Break" },
					{
						fieldtype: "Link",
						fieldname: "customer",
						label: __("Client"),
						options: "Customer",
						reqd: 1,
						change: () => this.on_customer_change(dialog),
					},
					{
						fieldtype: "Link",
						fieldname: "vehicle",
						label: __("Vehicle"),
						options: "Customer Vehicle",
						get_query: () => ({
							filters: compact({
								customer: dialog.get_value("customer"),
								is_active: 1,
							}),
						}),
					},
					{
						fieldtype: "Button",
						fieldname: "new_client",
						label: __("New Client"),
						click: () => this.new_client(dialog),
					},
					{ fieldtype: "Section Break", label: __("Visit") },
					{
						fieldtype: "Select",
						fieldname: "master",
						label: __("Master"),
						reqd: 1,
						options: this.master_select_options(false),
						default: opts.master,
					},
					{
						fieldtype: "Date",
						fieldname: "date",
						label: __("Date"),
						reqd: 1,
						default: opts.date,
					},
					{ fieldtype: "Column Break" },
					{
						fieldtype: "Select",
						fieldname: "time",
						label: __("Time"),
						reqd: 1,
						options: this.time_options(opts.time),
						default: opts.time,
					},
					{
						fieldtype: "Select",
						fieldname: "duration",
						label: __("Duration"),
						reqd: 1,
						options: this.duration_options(),
						default: String(duration),
					},
					{ fieldtype: "Column Break" },
					{
						fieldtype: "Select",
						fieldname: "channel",
						label: __("Channel"),
						options: CHANNELS.map((value) => ({
							value,
							label: value ? __(value) : "",
						})),
					},
					{ fieldtype: "Section Break" },
					{
						fieldtype: "Small Text",
						fieldname: "requested_work",
						label: __("Requested Work"),
					},
				],
				primary_action_label: __("Book"),
				primary_action: (values) => this.book(dialog, values, opts),
			});
			dialog.$wrapper.addClass("ms-book-dialog");
			dialog.fields_dict.requested_work.$input.css({ height: "72px", "min-height": "72px" });
			dialog.search_seq = 0;
			const $query = dialog.fields_dict.client_query.$input;
			const search = frappe.utils.debounce(() => this.search_clients(dialog), 300);
			$query.on("input", search);
			$query.on("keydown", (e) => {
				if (e.key === "Enter") {
					e.preventDefault();
					const first = (dialog.matches || [])[0];
					if (first) this.pick_client(dialog, first);
				}
			});
			dialog.fields_dict.client_matches.$wrapper.on("click", "[data-match]", (e) => {
				const row = (dialog.matches || [])[+e.currentTarget.dataset.match];
				if (row) this.pick_client(dialog, row);
			});
			dialog.fields_dict.client_matches.$wrapper.on(
				"click",
				"[data-action=new-client]",
				() => this.new_client(dialog)
			);
			this.render_matches(dialog, null);
			dialog.show();
			setTimeout(() => $query.trigger("focus"), 300);
			return dialog;
		}

		search_clients(dialog) {
			const text = (dialog.fields_dict.client_query.$input.val() || "").trim();
			const seq = ++dialog.search_seq;
			if (text.length < 2) {
				dialog.matches = [];
				this.render_matches(dialog, null);
				return;
			}
			dialog.fields_dict.client_matches.$wrapper
				.find(".ms-matches-state")
				.text(__("Searching..."));
			frappe.xcall("auto_service.api.clients.find_clients", { query: text }).then((rows) => {
				if (seq !== dialog.search_seq) return;
				dialog.matches = rows || [];
				this.render_matches(dialog, dialog.matches, text);
			});
		}

		format_phone(phone) {
			const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone || "");
			return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : phone || "";
		}

		match_html(row) {
			const vehicles = (row.vehicles || [])
				.map((v) => v.title || v.license_plate)
				.filter(Boolean);
			const details = [this.format_phone(row.mobile_no), ...vehicles].filter(Boolean);
			// "Full Name · phone · plate make model", each part kept on one line
			return [row.customer_name || row.name, ...details]
				.map(
					(part, i) =>
						`<span class="${i ? "ms-match-sub" : "ms-match-name"}">${esc(part)}</span>`
				)
				.join(`<span class="ms-match-sep"> · </span>`);
		}

		render_matches(dialog, rows, text) {
			const $wrap = dialog.fields_dict.client_matches.$wrapper;
			const chosen = dialog.get_value("customer");
			let html;
			if (rows === null) {
				html = `<div class="ms-matches-state text-muted">${__(
					"Type at least two letters or digits of the name, phone or plate."
				)}</div>`;
			} else if (!rows.length) {
				html = `<div class="ms-matches-state">${__("Nobody found for «{0}».", [
					esc(text),
				])} <button type="button" class="btn btn-xs btn-default" data-action="new-client">${__(
					"New Client"
				)}</button></div>`;
			} else {
				html = `<div class="ms-matches">${rows
					.map(
						(row, i) => `
						<button type="button" class="ms-match ${
							row.name === chosen ? "is-selected" : ""
						}" data-match="${i}">${this.match_html(row)}</button>`
					)
					.join("")}</div>`;
			}
			$wrap.html(html);
		}

		client_label(dialog, customer) {
			const row = (dialog.matches || []).find((r) => r.name === customer);
			return (row && row.customer_name) || customer;
		}

		pick_client(dialog, row) {
			dialog.picked_vehicles = row.vehicles || [];
			dialog.set_value("customer", row.name);
			if (dialog.picked_vehicles.length === 1) {
				dialog.set_value("vehicle", dialog.picked_vehicles[0].name);
			}
			this.render_matches(dialog, dialog.matches || [row]);
		}

		on_customer_change(dialog) {
			const customer = dialog.get_value("customer");
			if (customer === dialog.last_customer) return;
			dialog.last_customer = customer;
			if (dialog.matches && dialog.matches.length)
				this.render_matches(dialog, dialog.matches);
			if (!customer) {
				dialog.set_value("vehicle", "");
				return;
			}
			frappe.db
				.get_list("Customer Vehicle", {
					filters: { customer, is_active: 1 },
					fields: ["name", "title"],
					limit: 20,
				})
				.then((vehicles) => {
					if (dialog.get_value("customer") !== customer) return;
					const current = dialog.get_value("vehicle");
					if (vehicles.length === 1) {
						dialog.set_value("vehicle", vehicles[0].name);
					} else if (current && !vehicles.some((v) => v.name === current)) {
						dialog.set_value("vehicle", "");
					}
					dialog.fields_dict.vehicle.set_description(
						vehicles.length ? "" : __("The client has no vehicles yet.")
					);
				});
		}

		new_client(dialog) {
			const text = (dialog.fields_dict.client_query.$input.val() || "").trim();
			const digits = text.replace(/\D/g, "");
			const looks_like_phone = digits.length >= 5 && /^[\d\s()+-]+$/.test(text);
			auto_service.new_client_dialog({
				full_name: looks_like_phone ? "" : text,
				mobile_no: looks_like_phone ? text : "",
				after: (result) => {
					dialog.set_value("customer", result.customer).then(() => {
						if (result.vehicle) dialog.set_value("vehicle", result.vehicle);
					});
					frappe.db.get_value("Customer", result.customer, "customer_name").then((r) => {
						const name =
							(r && r.message && r.message.customer_name) || result.customer;
						dialog.fields_dict.client_query.$input.val(name);
						dialog.matches = [
							{ name: result.customer, customer_name: name, vehicles: [] },
						];
						this.render_matches(dialog, dialog.matches);
					});
				},
			});
		}

		book(dialog, values, opts) {
			const $btn = dialog.get_primary_btn();
			$btn.prop("disabled", true);
			const starts_on = `${values.date} ${values.time}:00`;
			frappe
				.xcall(
					API + "book",
					compact({
						master: values.master,
						starts_on,
						customer: values.customer,
						duration_minutes: parseInt(values.duration, 10),
						vehicle: values.vehicle,
						requested_work: values.requested_work,
						required_skill: opts.required_skill,
						channel: values.channel,
					})
				)
				.then((name) => {
					dialog.hide();
					frappe.show_alert({
						message: __("Visit booked: {0}, master {1}, {2} {3}", [
							esc(this.client_label(dialog, values.customer)),
							esc(this.master_name(values.master)),
							user_date(values.date),
							values.time,
						]),
						indicator: "green",
					});
					this.flash_slot = name;
					if (opts.from_candidate) this.found = null;
					this.date = values.date;
					this.load();
				})
				.finally(() => $btn.prop("disabled", false));
		}

		// ---------------------------------------------------------------- find a time

		find_dialog() {
			this.ensure_all_masters().then(() => {
				const last = (this.found && this.found.request) || {};
				const times = [
					{ value: "", label: "" },
					...this.time_options().map((t) => ({ value: t, label: t })),
				];
				const dialog = new frappe.ui.Dialog({
					title: __("Find a Time"),
					size: "large",
					fields: [
						{
							fieldtype: "Select",
							fieldname: "duration",
							label: __("Duration"),
							reqd: 1,
							options: this.duration_options(),
							default: String(
								last.duration_minutes ||
									Math.max(60, this.data?.step_minutes || 30)
							),
						},
						{ fieldtype: "Column Break" },
						{
							fieldtype: "Select",
							fieldname: "master",
							label: __("Preferred Master"),
							options: this.master_select_options(true),
							default: last.master || "",
						},
						{ fieldtype: "Column Break" },
						{
							fieldtype: "Link",
							fieldname: "skill",
							label: __("Required Skill"),
							options: "Master Skill",
							default: last.skill,
						},
						{ fieldtype: "Section Break", label: __("When") },
						{
							fieldtype: "Datetime",
							fieldname: "earliest",
							label: __("Not Earlier Than"),
							description: __("Empty: from now"),
							default: last.earliest,
						},
						{
							fieldtype: "Datetime",
							fieldname: "deadline",
							label: __("Deadline"),
							description: __("The visit should start by then"),
							default: last.deadline,
						},
						{ fieldtype: "Column Break" },
						{
							fieldtype: "Select",
							fieldname: "wanted_from",
							label: __("Preferred Time From"),
							options: times,
							default: last.wanted_from,
						},
						{
							fieldtype: "Select",
							fieldname: "wanted_to",
							label: __("Preferred Time To"),
							options: times,
							default: last.wanted_to,
						},
					],
					primary_action_label: __("Find"),
					primary_action: (values) => {
						if (!!values.wanted_from !== !!values.wanted_to) {
							frappe.msgprint(
								__("Give both ends of the preferred time, or neither.")
							);
							return;
						}
						if (values.wanted_from && values.wanted_from >= values.wanted_to) {
							frappe.msgprint(__("The preferred time must end after it starts."));
							return;
						}
						dialog.hide();
						this.find(values);
					},
				});
				dialog.show();
			});
		}

		find(values) {
			const request = compact({
				duration_minutes: parseInt(values.duration, 10),
				earliest: values.earliest,
				deadline: values.deadline,
				wanted_from: values.wanted_from,
				wanted_to: values.wanted_to,
				master: values.master,
				skill: values.skill,
				n: 5,
			});
			return frappe.xcall(API + "find_slots", request).then((result) => {
				this.found = { request, ...result };
				const first = result.candidates[0];
				if (!first) {
					this.render_note();
					return;
				}
				const hidden = result.candidates
					.map((c) => c.master)
					.filter((m) => this.masters_filter.length && !this.masters_filter.includes(m));
				if (hidden.length) {
					this.masters_filter = [...new Set([...this.masters_filter, ...hidden])];
					this.save_settings();
				}
				this.date = date_of(first.starts_on);
				this.load({ scroll: "candidate" });
			});
		}

		clear_found() {
			this.found = null;
			this.render_note();
			this.$grid.find(".ms-candidate").remove();
			this.fit_height();
		}

		render_note() {
			const found = this.found;
			if (!found) {
				this.$note.attr("hidden", true).empty();
				return;
			}
			const request = found.request;
			const chips = found.candidates
				.map((c, i) => {
					const day = date_of(c.starts_on);
					const marks = c.preferred && request.master ? "★" : "";
					return `<button type="button" class="btn btn-xs ms-cand-chip ${
						i === 0 ? "is-best" : ""
					}" data-rank="${i}">${i + 1}. ${
						weekday_short()[iso_weekday(day)]
					} ${user_day_month(day)} ${String(c.starts_on).slice(11, 16)} · ${esc(
						short_name(c.master_name || c.master)
					)}${marks ? ` ${marks}` : ""}</button>`;
				})
				.join("");
			let message;
			if (!found.candidates.length) {
				message = __("No free time for this request within the search horizon.");
			} else if (request.deadline && !found.meets_deadline) {
				message = __("Nothing is free before the deadline; the nearest times after it:");
			} else {
				message = __("Free time for a visit of {0}:", [
					fmt_duration(request.duration_minutes),
				]);
			}
			const warn = !found.candidates.length || (request.deadline && !found.meets_deadline);
			this.$note
				.attr("hidden", null)
				.toggleClass("is-warning", !!warn)
				.html(
					`<div class="ms-note-text">${message}</div>
					<div class="ms-note-chips">${chips}</div>
					<button type="button" class="btn btn-xs btn-default ms-note-close" title="${__(
						"Close"
					)}">${frappe.utils.icon("close", "sm")}</button>`
				);
			this.$note.find(".ms-note-close").on("click", () => this.clear_found());
			this.$note.find(".ms-cand-chip").on("click", (e) => {
				const cand = found.candidates[+e.currentTarget.dataset.rank];
				const day = date_of(cand.starts_on);
				const shown = () => {
					this.scroll_to(`.ms-candidate[data-rank="${e.currentTarget.dataset.rank}"]`);
					this.book_candidate(cand);
				};
				if (this.days().includes(day) && this.data) shown();
				else this.go_to(day).then(shown);
			});
		}
	}

	frappe.pages["master-schedule"].on_page_load = function (wrapper) {
		wrapper.master_schedule = new MasterSchedule(wrapper);
	};

	frappe.pages["master-schedule"].on_page_show = function (wrapper) {
		if (wrapper.master_schedule) wrapper.master_schedule.show();
	};
})();
