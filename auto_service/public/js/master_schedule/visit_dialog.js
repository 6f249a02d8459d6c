// The visit's dialog, opened by a click on its block: when, master, client, car, requested work and repair
// order; status buttons (confirm, arrived, no-show, cancel, restore); links to the client and the visit;
// the repair order made from the visit (asking for the car first when the visit has none).

import {
	NEXT_STATUSES,
	date_of,
	esc,
	fmt_duration,
	fmt_min,
	iso_weekday,
	status_class,
	user_date,
	weekday_names,
} from "./util";

const NONE = `<span class="text-muted">—</span>`;

export class VisitDialog {
	constructor(schedule) {
		this.schedule = schedule;
	}

	open(slot) {
		const s = this.schedule;
		const dialog = new frappe.ui.Dialog({
			// the title is HTML: the client's name is escaped like every other typed value
			title: esc(slot.customer_name || slot.customer),
			fields: [{ fieldtype: "HTML", fieldname: "info" }],
		});
		dialog.$wrapper.addClass("ms-visit-dialog");
		dialog.fields_dict.info.$wrapper.html(this.info_html(slot));
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
		if (s.can_edit || slot.repair_order) {
			dialog.set_primary_action(
				slot.repair_order ? __("Open Repair Order") : __("Create Repair Order"),
				() => this.open_repair_order(slot, dialog)
			);
		}
		dialog.show();
		return dialog;
	}

	info_html(slot) {
		const day = date_of(slot.starts_on);
		const when = `${weekday_names()[iso_weekday(day)]}, ${user_date(day)}, ${fmt_min(
			slot.start
		)}–${fmt_min(slot.end)} (${fmt_duration(slot.end - slot.start)})`;
		const rows = [
			[__("Time"), esc(when)],
			[__("Master"), esc(this.schedule.master_name(slot.master))],
			[__("Client"), esc(slot.customer_name || slot.customer)],
			[__("Vehicle", null, "Master Schedule Slot"), esc(slot.vehicle_title || "") || NONE],
			[__("Requested Work"), esc(slot.requested_work || "") || NONE],
		];
		if (slot.repair_order) {
			rows.push([
				__("Repair Order"),
				`<a href="/app/repair-order/${encodeURIComponent(slot.repair_order)}">${esc(
					slot.repair_order
				)}</a>`,
			]);
		}
		const status_buttons = this.status_buttons_html(slot);
		const client_button = frappe.model.can_read("Customer")
			? `<button class="btn btn-default btn-sm" data-action="client">
					${frappe.utils.icon("users", "sm")} ${__("Open Client")}
				</button>`
			: "";
		return `
			<div class="ms-visit">
				<div class="ms-visit-status ${status_class(slot.status)}">
					<span class="ms-swatch ${status_class(slot.status)}"></span>${__(
						slot.status,
						null,
						"Master Schedule Slot"
					)}
				</div>
				<table class="ms-visit-table">
					${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join("")}
				</table>
				${status_buttons ? `<div class="ms-visit-actions">${status_buttons}</div>` : ""}
				<div class="ms-visit-links">
					${client_button}
					<button class="btn btn-default btn-sm" data-action="visit">
						${frappe.utils.icon("calendar", "sm")} ${__("Open Visit")}
					</button>
				</div>
			</div>`;
	}

	status_buttons_html(slot) {
		const next = (this.schedule.can_edit && NEXT_STATUSES[slot.status]) || [];
		const labels = {
			Confirmed: __("Confirm"),
			Arrived: __("Client Arrived"),
			"No-show": __("No-show"),
			Cancelled: __("Cancel Visit"),
			Booked: __("Restore Booking"),
		};
		return next
			.map(
				(status) => `
				<button class="btn btn-default btn-sm ms-status-btn ${
					status === "Cancelled" || status === "No-show" ? "is-danger" : ""
				}" data-status="${status}">
					<span class="ms-swatch ${status_class(status)}"></span>${labels[status]}
				</button>`
			)
			.join("");
	}

	set_status(slot, status, dialog) {
		const s = this.schedule;
		const client = esc(slot.customer_name || slot.customer);
		const go = () =>
			s.api.set_slot_status(slot.name, status).then(() => {
				dialog.hide();
				frappe.show_alert({
					message: `${client}: ${__(status, null, "Master Schedule Slot")}`,
					indicator: status === "Cancelled" || status === "No-show" ? "orange" : "green",
				});
				s.load();
			});
		if (status === "Cancelled") {
			frappe.confirm(__("Cancel the visit of {0}? Its time becomes free.", [client]), go);
		} else if (status === "No-show") {
			frappe.confirm(__("Mark that {0} did not come?", [client]), go);
		} else {
			go();
		}
	}

	open_repair_order(slot, dialog) {
		const s = this.schedule;
		const $btn = dialog.get_primary_btn();
		const make = () => {
			$btn.prop("disabled", true);
			return s.api
				.make_repair_order(slot.name)
				.then((name) => {
					dialog.hide();
					frappe.set_route("Form", "Repair Order", name);
				})
				.finally(() => $btn.prop("disabled", false));
		};
		if (slot.repair_order && !s.can_edit) {
			dialog.hide();
			frappe.set_route("Form", "Repair Order", slot.repair_order);
			return;
		}
		if (slot.vehicle || slot.repair_order) {
			make();
			return;
		}
		// a repair order needs the car: ask for it once (prefilled when the client has one), keep it
		s.api.client_vehicles(slot.customer, ["name"], 2).then((vehicles) => {
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
					label: __("Vehicle", null, "Master Schedule Slot"),
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
				this.schedule.api.set_slot_vehicle(slot.name, values.vehicle).then(() => {
					ask.hide();
					slot.vehicle = values.vehicle;
					then();
				});
			},
		});
		ask.show();
	}
}
