// The time grid: draws masters' columns (per day in the week view), time rows, cells (free, busy, past,
// off), visit blocks and find-a-time candidates, the "now" line; keeps the scroll where the user looks;
// turns clicks on a cell, a candidate, a day heading or a visit (keyboard) into the page's actions.
// The week view shares the screen's width among its columns (days the shop is closed to everyone are left
// out) rather than scrolling sideways: below COMPACT_BELOW px a column shows its master's initials and
// visits as coloured blocks (the details in their tooltip and dialog; a day heading opens the full day).

const TIME_W = 56; // --ms-time-w
const WIDE = 104; // a week column's width with every line of a visit
const COMPACT_BELOW = 64;
const NARROWEST = 22; // narrower than this the week scrolls sideways after all

import { build_columns, time_range } from "./grid_layout";
import {
	ACTIVE,
	dt_str,
	esc,
	fmt_min,
	first_word,
	initials,
	iso_weekday,
	short_name,
	status_class,
	user_day_month,
	weekday_short,
} from "./util";

export class TimeGrid {
	constructor(schedule, $root) {
		this.schedule = schedule;
		this.$root = $root;
		this.$scroll = $root.find(".ms-scroll");
		this.$grid = $root.find(".ms-grid");
		this.geom = null;
		this.slots_by_name = {};
		this.bind_events();
		$(window).on(
			"resize",
			frappe.utils.debounce(() => {
				// a week's column width depends on the window's
				if (this.geom && this.geom.week && this.schedule.data) this.render();
				else this.fit_height();
			}, 150)
		);
	}

	show_loading() {
		this.$grid.html(`<div class="ms-empty text-muted">${__("Loading...")}</div>`);
	}

	fit_height() {
		const el = this.$scroll.get(0);
		if (!el || !el.offsetParent) return;
		const top = el.getBoundingClientRect().top;
		const legend = this.$root.find(".ms-legend").outerHeight(true) || 0;
		const height = Math.max(320, window.innerHeight - top - legend - 12);
		this.$scroll.css("max-height", `${height}px`);
	}

	// ---------------------------------------------------------------- drawing

	render(opts = {}) {
		const s = this.schedule;
		const data = s.data;
		if (!data.masters.length) {
			this.render_empty();
			return;
		}
		const scroll = { top: this.$scroll.scrollTop(), left: this.$scroll.scrollLeft() };
		const step = data.step_minutes || 30;
		const week = s.view === "week";
		const { days, columns, slots_by_name } = this.shown_columns(data, s.days(), week);
		this.slots_by_name = slots_by_name;
		const { from, to } = time_range(columns, step);
		const ppm = Math.max(32 / 30, 24 / step);
		const { col_min, compact, narrow } = this.column_width(columns.length, week);
		const geom = {
			from,
			to,
			step,
			ppm,
			row_h: step * ppm,
			columns,
			week,
			compact,
			narrow,
			head_rows: week ? 2 : 1,
		};
		this.geom = geom;
		const masters_count = data.masters.length;
		const today = s.server_now().format("YYYY-MM-DD");
		const html = [
			`<div class="ms-corner" style="grid-column: 1; grid-row: 1 / span ${geom.head_rows}"></div>`,
		];
		if (week) {
			days.forEach((day, i) => {
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
		for (const col of columns) html.push(this.master_head_html(col));

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
		for (const col of columns) html.push(this.column_html(col, body_row, today));

		const min_width = TIME_W + columns.length * col_min;
		this.$grid
			.css({
				"grid-template-columns": `var(--ms-time-w) repeat(${columns.length}, minmax(${col_min}px, 1fr))`,
				"min-width": `${min_width}px`,
			})
			.toggleClass("is-week", week)
			.toggleClass("is-compact", compact)
			.toggleClass("is-narrow", narrow)
			.html(html.join(""));
		this.$root.find(".ms-legend").toggleClass("is-compact", compact);
		this.place_now();
		this.fit_height();
		this.restore_scroll(opts, scroll);
	}

	// the week leaves out the days nobody works and nothing is booked or proposed (a shop's Sunday)
	shown_columns(data, days, week) {
		let built = build_columns(data, days, this.schedule.found);
		if (week) {
			const open = days.filter((day) =>
				built.columns.some(
					(c) =>
						c.day === day &&
						(c.working.length || c.slots.length || c.candidates.length)
				)
			);
			if (open.length && open.length < days.length) {
				days = open;
				built = build_columns(data, days, this.schedule.found);
			}
		}
		return { days, ...built };
	}

	// a week's columns share the width on screen: full blocks when they fit, else narrow ones (start time,
	// first words), compact (initials, start time only) below COMPACT_BELOW px
	column_width(count, week) {
		const wide = week ? (this.schedule.data.masters.length > 1 ? WIDE : 120) : 150;
		const room = (this.$scroll.get(0) || {}).clientWidth || 0;
		if (!week || !room) return { col_min: wide, compact: false, narrow: false };
		const share = Math.floor((room - TIME_W - 2) / count);
		if (share >= wide) return { col_min: wide, compact: false, narrow: false };
		const col_min = Math.max(NARROWEST, share);
		const compact = col_min < COMPACT_BELOW;
		return { col_min, compact, narrow: !compact };
	}

	render_empty() {
		const s = this.schedule;
		this.geom = null;
		this.$grid
			.attr("style", "")
			.html(
				`<div class="ms-empty">${
					s.masters_filter.length
						? __("None of the chosen masters is active. Clear the filter.")
						: __(
								"No masters yet: tick «{0}» on an active Employee to show them here.",
								[__("Master (mechanic)")]
						  )
				}</div>`
			);
		this.fit_height();
	}

	master_head_html(col) {
		const g = this.geom;
		const first_master = this.schedule.data.masters[0];
		const off = !col.working.length;
		const name = col.master.employee_name || col.master.name;
		const skills = (col.master.skills || []).join(", ");
		const hours = col.working.map(([s, e]) => `${fmt_min(s)}–${fmt_min(e)}`).join(", ");
		const sub = off ? (g.compact ? "—" : __("day off")) : g.week ? "" : skills || hours;
		const tip = [name, off ? __("day off") : hours, skills].filter(Boolean).join("\n");
		return `
			<div class="ms-master-head ${off ? "is-day-off" : ""} ${
				g.week && col.master === first_master ? "is-day-start" : ""
			}" data-master="${esc(col.master.name)}" data-date="${col.day}"
				style="grid-column: ${col.idx + 2}; grid-row: ${g.head_rows}" title="${esc(tip)}">
				<div class="ms-master-name">${esc(
					g.compact
						? initials(name)
						: g.narrow
						? first_word(name)
						: g.week
						? short_name(name)
						: name
				)}</div>
				${sub ? `<div class="ms-master-sub">${esc(sub)}</div>` : ""}
			</div>`;
	}

	column_html(col, body_row, today) {
		const s = this.schedule;
		const { from, to, step, row_h, week } = this.geom;
		const limit = s.now_limit();
		const cells = [];
		for (let m = from; m < to; m += step) {
			const working = col.working.some(([a, b]) => a <= m && m + step <= b);
			const busy = col.slots.some(
				(slot) => ACTIVE.includes(slot.status) && slot.start < m + step && slot.end > m
			);
			const past = dt_str(col.day, m).slice(0, 16) < limit;
			let state = "is-free";
			if (!working) state = "is-off";
			else if (past) state = "is-past";
			else if (busy) state = "is-busy";
			else if (!s.can_book) state = "is-open";
			cells.push(
				`<div class="ms-cell ${state} ${
					m % 60 === 0 ? "is-hour" : ""
				}" data-time="${fmt_min(m)}" style="height: ${row_h}px"></div>`
			);
		}
		const classes = ["ms-col"];
		if (col.day === today) classes.push("is-today");
		if (week && col.master === s.data.masters[0]) classes.push("is-day-start");
		if (!col.working.length) classes.push("is-day-off");
		return `
			<div class="${classes.join(" ")}" data-idx="${col.idx}" data-master="${esc(
				col.master.name
			)}" data-date="${col.day}" style="grid-column: ${col.idx + 2}; grid-row: ${body_row}">
				${cells.join("")}
				${col.candidates.map((c) => this.candidate_html(c)).join("")}
				${col.slots.map((slot) => this.slot_html(slot)).join("")}
			</div>`;
	}

	// a visit's block: time, client, car and requested work (all typed by staff: escaped)
	slot_html(s) {
		const g = this.geom;
		const start = Math.max(s.start, g.from);
		const end = Math.min(s.end, g.to);
		const top = (start - g.from) * g.ppm;
		const height = Math.max((end - start) * g.ppm - 2, 16);
		const width = 100 / (s.lanes || 1);
		const left = width * (s.lane || 0);
		const gap = g.compact ? 1 : 3; // px between side-by-side blocks and the column's edges
		const active = ACTIVE.includes(s.status) && this.schedule.can_edit;
		const time = `${fmt_min(s.start)}–${fmt_min(s.end)}`;
		const client = s.customer_name || s.customer;
		const classes = ["ms-slot", status_class(s.status)];
		if (active) classes.push("is-draggable");
		if (height < 44) classes.push("is-short");
		if (height >= 76) classes.push("is-tall");
		const tip = [
			`${time} · ${__(s.status, null, "Master Schedule Slot")}`,
			client,
			s.vehicle_title,
			s.requested_work,
			s.repair_order ? `${__("Repair Order")} ${s.repair_order}` : "",
		]
			.filter(Boolean)
			.join("\n");
		const badge = s.repair_order
			? `<span class="ms-slot-badge" title="${esc(s.repair_order)}">${__("RO")}</span>`
			: "";
		const resize = active
			? `<div class="ms-slot-resize" title="${esc(
					__("Drag to change the duration")
			  )}"></div>`
			: "";
		return `
			<div class="${classes.join(" ")}" data-slot="${esc(s.name)}" data-status="${esc(
				s.status
			)}" data-start="${fmt_min(s.start)}" data-end="${fmt_min(s.end)}"
				tabindex="0" role="button" title="${esc(tip)}"
				style="top: ${top}px; height: ${height}px; left: calc(${left}% + ${gap}px); width: calc(${width}% - ${
					2 * gap
				}px)">
				<div class="ms-slot-head">
					<span class="ms-slot-time">${g.compact || g.narrow ? fmt_min(s.start) : time}</span>
					${badge}
				</div>
				<div class="ms-slot-client">${esc(g.narrow ? first_word(client) : client)}</div>
				${s.vehicle_title ? `<div class="ms-slot-line">${esc(s.vehicle_title)}</div>` : ""}
				${s.requested_work ? `<div class="ms-slot-line ms-slot-work">${esc(s.requested_work)}</div>` : ""}
				${resize}
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

	remove_candidates() {
		this.$grid.find(".ms-candidate").remove();
	}

	place_now() {
		const g = this.geom;
		if (!g) return;
		this.$grid.find(".ms-now, .ms-now-label").remove();
		const now = this.schedule.server_now();
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

	// ---------------------------------------------------------------- scrolling

	// after a redraw: to now, to the best candidate, or back where the user was; a new visit flashes
	restore_scroll(opts, scroll) {
		const s = this.schedule;
		if (opts.scroll === "now") {
			this.scroll_to_now();
		} else if (opts.scroll === "candidate") {
			this.scroll_to('.ms-candidate[data-rank="0"]');
		} else {
			this.$scroll.scrollTop(scroll.top).scrollLeft(scroll.left);
		}
		if (s.flash_slot) {
			const $slot = this.$grid.find(`.ms-slot[data-slot="${s.flash_slot}"]`);
			if ($slot.length) {
				$slot.addClass("is-new");
				if (opts.scroll !== "candidate") this.scroll_into_view($slot.get(0));
			}
			s.flash_slot = null;
		}
	}

	head_height() {
		const head = this.$grid.find(".ms-master-head").get(0);
		return head
			? head.getBoundingClientRect().bottom - this.$grid.get(0).getBoundingClientRect().top
			: 0;
	}

	scroll_to_now() {
		const g = this.geom;
		if (!g) return;
		const s = this.schedule;
		const now = s.server_now();
		const m = now.hours() * 60 + now.minutes();
		const shows_today = s.days().includes(now.format("YYYY-MM-DD"));
		const target = shows_today ? Math.max(g.from, m - 60) : g.from;
		this.$scroll.scrollTop((target - g.from) * g.ppm);
		this.scroll_to_day(s.date);
	}

	// week view: the chosen day's first master column right after the time column
	scroll_to_day(date) {
		if (!this.geom || !this.geom.week) {
			this.$scroll.scrollLeft(0);
			return;
		}
		const col = this.$grid.find(`.ms-col[data-date="${date}"]`).get(0);
		if (col)
			this.$scroll.scrollLeft(col.offsetLeft - this.$grid.find(".ms-times").outerWidth());
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

	// ---------------------------------------------------------------- clicks and keys

	bind_events() {
		const s = this.schedule;
		this.$grid.on("click", ".ms-cell.is-free", (e) => {
			if (this.suppress_click) return;
			const $col = $(e.currentTarget).closest(".ms-col");
			s.booking.open({
				master: $col.attr("data-master"),
				date: $col.attr("data-date"),
				time: e.currentTarget.dataset.time,
			});
		});
		this.$grid.on("click keydown", ".ms-candidate", (e) => {
			if (e.type === "keydown" && e.key !== "Enter") return;
			const cand = s.found && s.found.candidates[+e.currentTarget.dataset.rank];
			if (cand) s.booking.open_for_candidate(cand);
		});
		this.$grid.on("click", ".ms-day-head", (e) => s.open_day(e.currentTarget.dataset.date));
		this.$grid.on("keydown", ".ms-slot", (e) => {
			if (e.key !== "Enter" && e.key !== " ") return;
			e.preventDefault();
			const slot = this.slots_by_name[e.currentTarget.dataset.slot];
			if (slot) s.visit_dialog.open(slot);
		});
	}

	// a click follows the drop of a dragged block on the cell below the pointer: ignore it
	swallow_next_click() {
		this.suppress_click = true;
		setTimeout(() => (this.suppress_click = false), 50);
	}
}
