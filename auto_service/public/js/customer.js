// Карточка клиента: the Customer form opens with what the desk needs (contacts, consent, cars, visits,
// open orders, money owed, last master, actions); ERPNext's tabs stay below it, unchanged.
// One call: auto_service.api.client_card.get_client_card. Everything typed by people is escaped.
frappe.ui.form.on("Customer", {
	setup(frm) {
		frm.set_query("as_preferred_master", () => ({
			filters: { as_is_master: 1, status: "Active" },
		}));
		frm.set_query("as_lead_source", () => ({ filters: { as_hide_in_shop: 0 } }));
	},
	refresh(frm) {
		if (!frm.is_new() && frappe.model.can_create("Customer Vehicle")) {
			frm.add_custom_button(
				__("Vehicle", null, "Customer Vehicle"),
				() => frappe.new_doc("Customer Vehicle", { customer: frm.doc.name }),
				__("Create")
			);
		}
		auto_service.client_card.render(frm);
	},
});

frappe.provide("auto_service.client_card");

auto_service.client_card.render = function (frm) {
	frm.$wrapper.find(".as-client-card").remove();
	if (frm.is_new()) return;
	const $card = $(`<div class="as-client-card form-dashboard-section"></div>`);
	// above the first tab/section, below the form's toolbar: survives ERPNext's changes to its layout
	$(frm.layout.wrapper).before($card);
	$card.html(`<div class="text-muted small">${__("Loading...")}</div>`);
	frappe
		.xcall("auto_service.api.client_card.get_client_card", { customer: frm.doc.name })
		.then((card) => {
			if (frm.doc.name !== card.customer) return;
			$card.html(auto_service.client_card.html(card));
			auto_service.client_card.bind(frm, $card, card);
		})
		.catch(() => $card.remove());
};

auto_service.client_card.html = function (card) {
	const e = (v) => frappe.utils.escape_html(v == null ? "" : String(v));
	const date = (v) => (v ? frappe.datetime.str_to_user(v) : "");
	const money = (v, currency) =>
		format_currency(v || 0, currency || frappe.defaults.get_default("currency"));
	const link = (doctype, name, label) =>
		`<a href="/app/${frappe.router.slug(doctype)}/${encodeURIComponent(name)}">${e(
			label || name
		)}</a>`;
	const none = `<span class="text-muted">—</span>`;

	const phones = card.phones.length
		? card.phones.map((p) => `<a href="tel:${e(p.phone)}">${e(p.display)}</a>`).join("<br>")
		: none;
	const emails = card.emails.length
		? card.emails.map((m) => `<a href="mailto:${e(m)}">${e(m)}</a>`).join("<br>")
		: none;
	const consent = card.consent
		.map(
			(c) =>
				`<div><span class="indicator-pill ${c.given ? "green" : "gray"}">${e(
					c.channel
				)}: ${c.given ? __("yes") : __("no")}</span> ${
					c.given && c.method
						? `<span class="text-muted small">${e(__(c.method))}${
								c.date ? ", " + date(c.date) : ""
						  }</span>`
						: ""
				}</div>`
		)
		.join("");
	const cars = card.vehicles.length
		? card.vehicles
				.map(
					(v) => `<tr class="${v.is_active ? "" : "text-muted"}">
				<td>${link("Customer Vehicle", v.name, v.plate_display || v.title || v.name)}</td>
				<td>${e(v.title)}</td>
				<td class="text-right">${
					v.last_mileage
						? e(format_number(v.last_mileage, null, 0)) + " " + __("km")
						: ""
				}</td>
				<td class="text-right"><a class="as-car-history" data-vehicle="${e(v.name)}">${__(
						"History"
					)}</a></td>
			</tr>`
				)
				.join("")
		: `<tr><td colspan="4">${none}</td></tr>`;
	const visit_rows = (visits) =>
		visits.length
			? visits
					.map(
						(v) => `<div>${link(
							"Master Schedule Slot",
							v.name,
							frappe.datetime.str_to_user(v.starts_on)
						)}
					· ${e(__(v.status, null, "Master Schedule Slot"))}${v.master_name ? " · " + e(v.master_name) : ""}
					${v.vehicle_title ? `<span class="text-muted"> · ${e(v.vehicle_title)}</span>` : ""}</div>`
					)
					.join("")
			: none;
	const orders = card.open_orders.length
		? card.open_orders
				.map(
					(o) => `<div>${link("Repair Order", o.name)} · ${e(
						__(o.status, null, "Repair Order")
					)}
				${o.grand_total != null ? " · " + money(o.grand_total, o.currency) : ""}
				${o.vehicle_title ? `<span class="text-muted"> · ${e(o.vehicle_title)}</span>` : ""}</div>`
				)
				.join("")
		: none;
	const owed =
		card.owed == null
			? ""
			: `<div class="as-card-owed ${card.owed.amount > 0 ? "text-danger" : "text-muted"}">
				${__("Owes")}: <b>${money(card.owed.amount, card.owed.currency)}</b></div>`;

	const actions = [
		card.can.book
			? `<button class="btn btn-primary btn-sm" data-action="book">${__(
					"Book a Visit"
			  )}</button>`
			: "",
		card.can.act
			? `<button class="btn btn-default btn-sm" data-action="act">${__(
					"New Acceptance Act"
			  )}</button>`
			: "",
		card.can.order
			? `<button class="btn btn-default btn-sm" data-action="order">${__(
					"New Repair Order"
			  )}</button>`
			: "",
		card.can.vehicle
			? `<button class="btn btn-default btn-sm" data-action="vehicle">${__(
					"Add a Car"
			  )}</button>`
			: "",
	].join(" ");

	return `
	<style>
		.as-client-card { padding: var(--padding-md) var(--padding-lg); margin-bottom: var(--margin-md);
			background: var(--card-bg); border-radius: var(--border-radius-md); box-shadow: var(--card-shadow); }
		.as-card-head { display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: 8px; }
		.as-card-name { margin: 0; }
		.as-card-label { color: var(--text-muted); font-size: var(--text-sm); margin-top: var(--margin-sm); }
		.as-card-phones a { font-size: var(--text-lg); font-weight: 600; }
		.as-card-cars { margin-bottom: 0; }
		.as-card-owed { margin-top: var(--margin-sm); }
		.as-car-history { cursor: pointer; }
	</style>
	<div class="as-card-head">
		<h4 class="as-card-name">${e(card.customer_name)}</h4>
		<div class="as-card-actions">${actions}</div>
	</div>
	<div class="row as-card-body">
		<div class="col-md-3">
			<div class="as-card-label">${__("Phones")}</div><div class="as-card-phones">${phones}</div>
			<div class="as-card-label">${__("E-mail")}</div><div>${emails}</div>
			<div class="as-card-label">${__("Advertising Consent")}</div>${consent}
			<div class="as-card-label">${__("Lead Source", null, "Customer")}</div>
			<div>${card.lead_source ? e(card.lead_source) : none}</div>
		</div>
		<div class="col-md-5">
			<div class="as-card-label">${__("Vehicles")}</div>
			<table class="table table-condensed as-card-cars"><tbody>${cars}</tbody></table>
			<div class="as-card-label">${__("Open Repair Orders")}</div>${orders}
			${owed}
		</div>
		<div class="col-md-4">
			<div class="as-card-label">${__("Next Visits")}</div>${visit_rows(card.next_visits)}
			<div class="as-card-label">${__("Past Visits")}</div>${visit_rows(card.past_visits)}
			<div class="as-card-label">${__("Last Master")}</div>
			<div>${
				card.last_master
					? e(card.last_master)
					: card.preferred_master
					? e(card.preferred_master)
					: none
			}</div>
		</div>
	</div>`;
};

auto_service.client_card.bind = function (frm, $card, card) {
	const active = card.vehicles.find((v) => v.is_active) || {};
	const base = { customer: frm.doc.name, vehicle: active.name };
	$card.on("click", "[data-action]", (ev) => {
		const action = $(ev.currentTarget).attr("data-action");
		if (action === "book") {
			frappe.route_options = base;
			frappe.set_route("master-schedule");
		} else if (action === "act") {
			frappe.new_doc("Acceptance Act", base);
		} else if (action === "order") {
			frappe.new_doc("Repair Order", base);
		} else if (action === "vehicle") {
			frappe.new_doc("Customer Vehicle", { customer: frm.doc.name });
		}
	});
	$card.on("click", ".as-car-history", (ev) => {
		frappe.set_route("query-report", "Vehicle History", {
			vehicle: $(ev.currentTarget).attr("data-vehicle"),
		});
	});
};
