// «Find a Time»: the request dialog (duration, preferred master, skill, earliest, deadline, preferred time
// of day), the server's best candidates shown on the grid and as numbered chips in a note above it;
// a chip or a candidate opens the booking dialog for that time.

import {
	compact,
	date_of,
	esc,
	fmt_duration,
	iso_weekday,
	short_name,
	user_day_month,
	weekday_short,
} from "./util";

export class FindTime {
	constructor(schedule, $note) {
		this.schedule = schedule;
		this.$note = $note;
	}

	open() {
		const s = this.schedule;
		s.ensure_all_masters().then(() => this.make_dialog((s.found && s.found.request) || {}));
	}

	make_dialog(last) {
		const s = this.schedule;
		const booking = s.booking;
		const times = [
			{ value: "", label: "" },
			...booking.time_options().map((t) => ({ value: t, label: t })),
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
					options: booking.duration_options(),
					default: String(last.duration_minutes || Math.max(60, s.step())),
				},
				{ fieldtype: "Column Break" },
				{
					fieldtype: "Select",
					fieldname: "master",
					label: __("Preferred Master"),
					options: s.master_select_options(true),
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
					frappe.msgprint(__("Give both ends of the preferred time, or neither."));
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
	}

	// ask the server, then show the first candidate's day with every candidate's master visible
	find(values) {
		const s = this.schedule;
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
		return s.api.find_slots(request).then((result) => {
			s.found = { request, ...result };
			const first = result.candidates[0];
			if (!first) {
				this.render_note();
				return;
			}
			const hidden = result.candidates
				.map((c) => c.master)
				.filter((m) => s.masters_filter.length && !s.masters_filter.includes(m));
			if (hidden.length) {
				s.masters_filter = [...new Set([...s.masters_filter, ...hidden])];
				s.save_settings();
			}
			s.date = date_of(first.starts_on);
			s.load({ scroll: "candidate" });
		});
	}

	clear() {
		this.schedule.found = null;
		this.render_note();
		this.schedule.grid.remove_candidates();
		this.schedule.grid.fit_height();
	}

	render_note() {
		const s = this.schedule;
		const found = s.found;
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
		this.$note.find(".ms-note-close").on("click", () => this.clear());
		this.$note.find(".ms-cand-chip").on("click", (e) => {
			const rank = e.currentTarget.dataset.rank;
			const cand = found.candidates[+rank];
			const day = date_of(cand.starts_on);
			const shown = () => {
				s.grid.scroll_to(`.ms-candidate[data-rank="${rank}"]`);
				s.booking.open_for_candidate(cand);
			};
			if (s.days().includes(day) && s.data) shown();
			else s.go_to(day).then(shown);
		});
	}
}
