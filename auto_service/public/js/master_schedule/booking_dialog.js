// The booking dialog, opened from a free cell or a find-a-time candidate: find the client by name, phone
// or plate (or make a new one inline), pick the car, master, date, time, duration, channel and the
// requested work, and book. The server refuses a taken or non-working time with its own message.

import {
	CHANNELS,
	MAX_DURATION,
	compact,
	date_of,
	esc,
	fmt_duration,
	fmt_min,
	min_on,
	user_date,
} from "./util";

export class BookingDialog {
	constructor(schedule) {
		this.schedule = schedule;
	}

	open(opts) {
		this.schedule.ensure_all_masters().then(() => this.make(opts));
	}

	open_for_candidate(cand) {
		const s = this.schedule;
		const request = (s.found && s.found.request) || {};
		const day = date_of(cand.starts_on);
		this.open({
			master: cand.master,
			date: day,
			time: String(cand.starts_on).slice(11, 16),
			duration: min_on(day, cand.ends_on) - min_on(day, cand.starts_on),
			required_skill: request.skill,
			from_candidate: true,
		});
	}

	// ---------------------------------------------------------------- options shared with find-a-time

	duration_options() {
		const step = this.schedule.step();
		const out = [];
		for (let m = step; m <= MAX_DURATION; m += step) {
			if (m >= Math.min(30, step)) out.push({ value: String(m), label: fmt_duration(m) });
		}
		return out;
	}

	time_options(extra) {
		const step = this.schedule.step();
		const geom = this.schedule.grid.geom;
		const from = geom ? geom.from : 8 * 60;
		const to = geom ? geom.to : 20 * 60;
		const out = [];
		for (let m = from; m < to; m += step) out.push(fmt_min(m));
		if (extra && !out.includes(extra)) {
			out.push(extra);
			out.sort();
		}
		return out;
	}

	// ---------------------------------------------------------------- the dialog

	make(opts) {
		const s = this.schedule;
		const duration = opts.duration || Math.max(60, s.step());
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
					label: __("Vehicle", null, "Master Schedule Slot"),
					options: "Customer Vehicle",
					get_query: () => ({
						filters: compact({ customer: dialog.get_value("customer"), is_active: 1 }),
					}),
				},
				{
					fieldtype: "Button",
					fieldname: "new_client",
					label: __("New Client"),
					click: () => this.new_client(dialog),
				},
				{ fieldtype: "Section Break", label: __("Visit", null, "Master Schedule Slot") },
				{
					fieldtype: "Select",
					fieldname: "master",
					label: __("Master"),
					reqd: 1,
					options: s.master_select_options(false),
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
					options: CHANNELS.map((value) => ({ value, label: value ? __(value) : "" })),
				},
				{ fieldtype: "Section Break" },
				{
					fieldtype: "Small Text",
					fieldname: "requested_work",
					label: __("Requested Work"),
				},
			],
			primary_action_label: __("Book", null, "Master Schedule Slot"),
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
		const $matches = dialog.fields_dict.client_matches.$wrapper;
		$matches.on("click", "[data-match]", (e) => {
			const row = (dialog.matches || [])[+e.currentTarget.dataset.match];
			if (row) this.pick_client(dialog, row);
		});
		$matches.on("click", "[data-action=new-client]", () => this.new_client(dialog));
		this.render_matches(dialog, null);
		dialog.show();
		setTimeout(() => $query.trigger("focus"), 300);
		return dialog;
	}

	// ---------------------------------------------------------------- finding the client

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
		this.schedule.api.find_clients(text).then((rows) => {
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

	// the client's only car is filled in; a car of another client is cleared
	on_customer_change(dialog) {
		const customer = dialog.get_value("customer");
		if (customer === dialog.last_customer) return;
		dialog.last_customer = customer;
		if (dialog.matches && dialog.matches.length) this.render_matches(dialog, dialog.matches);
		if (!customer) {
			dialog.set_value("vehicle", "");
			return;
		}
		this.schedule.api.client_vehicles(customer, ["name", "title"], 20).then((vehicles) => {
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

	// the first-visit dialog, prefilled with what was typed into the search (a name or a phone)
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
				this.schedule.api.customer_name(result.customer).then((name) => {
					dialog.fields_dict.client_query.$input.val(name);
					dialog.matches = [
						{ name: result.customer, customer_name: name, vehicles: [] },
					];
					this.render_matches(dialog, dialog.matches);
				});
			},
		});
	}

	// ---------------------------------------------------------------- booking

	book(dialog, values, opts) {
		const s = this.schedule;
		const $btn = dialog.get_primary_btn();
		$btn.prop("disabled", true);
		s.api
			.book(
				compact({
					master: values.master,
					starts_on: `${values.date} ${values.time}:00`,
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
						esc(s.master_name(values.master)),
						user_date(values.date),
						values.time,
					]),
					indicator: "green",
				});
				s.flash_slot = name;
				if (opts.from_candidate) s.found = null;
				s.date = values.date;
				s.load();
			})
			.finally(() => $btn.prop("disabled", false));
	}
}
