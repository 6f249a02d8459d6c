// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

// Prices, warehouse, stock, VAT and totals come from the server's own pricing as lines are typed
// (auto_service.api.repair_order_form.preview): the figures before saving are the figures after it.

const PREVIEW_DELAY_MS = 300;

frappe.ui.form.on("Repair Order", {
	setup(frm) {
		frm.set_query("vehicle", () => ({
			filters: frm.doc.customer
				? { customer: frm.doc.customer, is_active: 1 }
				: { is_active: 1 },
		}));
		frm.set_query("acceptance_act", () => ({
			filters: { docstatus: 1, vehicle: frm.doc.vehicle || undefined },
		}));
		frm.set_query("item_code", "works", () => ({
			filters: { is_stock_item: 0, is_sales_item: 1, disabled: 0 },
		}));
		frm.set_query("item_code", "parts", () => ({
			filters: { is_stock_item: 1, is_sales_item: 1, disabled: 0 },
		}));
		frm.set_query("master", "works", () => ({
			filters: { as_is_master: 1, status: "Active" },
		}));
		frm.set_query("warehouse", "parts", () => ({
			filters: { company: frm.doc.company, is_group: 0 },
		}));
	},

	onload(frm) {
		if (frm.is_new() && (frm.doc.works || []).length + (frm.doc.parts || []).length) {
			schedule_preview(frm); // made from an act or a visit with lines already
		}
	},

	refresh(frm) {
		show_vat_label(frm);
		if (frm.doc.docstatus !== 1) return;
		add_status_buttons(frm);
		show_money_state(frm);
	},

	customer(frm) {
		if (frm.doc.vehicle) frm.set_value("vehicle", null);
	},
	taxes_and_charges: schedule_preview,
	company: schedule_preview,
	works_remove: schedule_preview,
	parts_remove: schedule_preview,
});

frappe.ui.form.on("Repair Order Work", {
	item_code(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		row.rate = 0; // the new work's price comes from the price list
		row.description = "";
		schedule_preview(frm);
	},
	hours: schedule_preview,
	rate: schedule_preview,
	discount_percentage: schedule_preview,
});

frappe.ui.form.on("Repair Order Part", {
	item_code(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		row.rate = 0;
		row.uom = row.item_code ? row.uom : "";
		schedule_preview(frm);
	},
	qty: schedule_preview,
	rate: schedule_preview,
	discount_percentage: schedule_preview,
	warehouse: schedule_preview,
});

// ------------------------------------------------------------------ pricing while typing

function schedule_preview(frm) {
	if (frm.doc.docstatus === 2) return;
	clearTimeout(frm.__as_preview_timer);
	frm.__as_preview_timer = setTimeout(() => run_preview(frm), PREVIEW_DELAY_MS);
}

function preview_payload(frm) {
	const pick = (rows, keys) =>
		(rows || [])
			.filter((row) => row.item_code)
			.map((row) => Object.fromEntries(["name", ...keys].map((k) => [k, row[k]])));
	return {
		name: frm.doc.name,
		company: frm.doc.company,
		customer: frm.doc.customer,
		taxes_and_charges: frm.doc.taxes_and_charges,
		works: pick(frm.doc.works, [
			"item_code",
			"hours",
			"rate",
			"discount_percentage",
			"description",
		]),
		parts: pick(frm.doc.parts, [
			"item_code",
			"qty",
			"rate",
			"discount_percentage",
			"warehouse",
			"uom",
		]),
	};
}

function run_preview(frm) {
	const seq = (frm.__as_preview_seq = (frm.__as_preview_seq || 0) + 1);
	return frappe
		.xcall("auto_service.api.repair_order_form.preview", { doc: preview_payload(frm) })
		.then((result) => {
			if (seq !== frm.__as_preview_seq || !result) return; // a newer keystroke is on its way
			apply_preview(frm, result);
		})
		.catch(() => {}); // the server's refusal is already on screen (frappe.msgprint)
}

function apply_preview(frm, result) {
	const by_name = (rows) => Object.fromEntries((rows || []).map((row) => [row.name, row]));
	const works = by_name(result.works);
	const parts = by_name(result.parts);
	let changed = false;
	const fill = (row, values, fields) => {
		for (const [field, only_if_empty] of fields) {
			if (values[field] === undefined || values[field] === null) continue;
			if (only_if_empty && row[field]) continue;
			if (row[field] !== values[field]) {
				row[field] = values[field];
				changed = true;
			}
		}
	};
	for (const row of frm.doc.works || []) {
		if (works[row.name]) {
			fill(row, works[row.name], [
				["rate", true],
				["description", true],
				["amount", false],
			]);
		}
	}
	for (const row of frm.doc.parts || []) {
		if (parts[row.name]) {
			fill(row, parts[row.name], [
				["rate", true],
				["warehouse", true],
				["uom", true],
				["available_qty", false],
				["amount", false],
			]);
		}
	}
	if (frm.is_new() && !frm.doc.taxes_and_charges && result.taxes_and_charges) {
		frm.doc.taxes_and_charges = result.taxes_and_charges;
		changed = true;
	}
	for (const [field, value] of Object.entries(result.totals || {})) {
		if (frm.doc[field] !== value) {
			frm.doc[field] = value;
			changed = true;
		}
	}
	warn_short_stock(frm, parts);
	frm.__as_vat = result.vat || [];
	if (changed && frm.doc.docstatus === 0) frm.dirty();
	frm.refresh_fields([
		"works",
		"parts",
		"taxes_and_charges",
		"total_works",
		"total_parts",
		"total_discount",
		"total_taxes",
		"grand_total",
	]);
	show_vat_label(frm);
}

function warn_short_stock(frm, parts) {
	// a part needed beyond what its warehouse holds: said once while typing, not at the invoice
	const short = (frm.doc.parts || [])
		.filter((row) => parts[row.name] && flt(row.qty) > flt(row.available_qty))
		.map(
			(row) =>
				`${row.item_name || row.item_code} (${row.warehouse}): ${flt(row.available_qty)}`
		);
	const key = short.join("|");
	if (key && key !== frm.__as_short_stock) {
		frappe.show_alert({
			message: __("Not enough in stock: {0}", [frappe.utils.escape_html(short.join("; "))]),
			indicator: "orange",
		});
	}
	frm.__as_short_stock = key;
}

function show_vat_label(frm) {
	// «в т.ч. НДС 20 %» under the taxes figure, or «Без НДС»
	const vat = frm.__as_vat;
	if (!vat) {
		const may_price = frm.perm && frm.perm[0] && frm.perm[0].write;
		if (may_price && !frm.__as_vat_loading && !frm.is_new() && frm.doc.docstatus < 2) {
			frm.__as_vat_loading = true;
			run_preview(frm).finally(() => (frm.__as_vat_loading = false));
		}
		return;
	}
	frm.set_df_property("total_taxes", "description", vat.map((line) => line.label).join("; "));
}

// ------------------------------------------------------------------ status and money

function add_status_buttons(frm) {
	const call_status = (status, args = {}) =>
		frappe
			.xcall("auto_service.api.repair_orders.set_status", {
				repair_order: frm.doc.name,
				status,
				...args,
			})
			.then(() => frm.reload_doc());

	if (frm.doc.status === "In Progress") {
		frm.add_custom_button(__("Ready"), () => call_status("Ready"), __("Status"));
	}
	if (frm.doc.status === "Ready") {
		frm.add_custom_button(__("Back to Work"), () => call_status("In Progress"), __("Status"));
		frm.add_custom_button(
			__("Hand Over"),
			() =>
				frappe.prompt(
					{
						fieldname: "mileage_out",
						fieldtype: "Int",
						label: __("Mileage Out (km)"),
						reqd: 1,
						default: frm.doc.mileage_in,
					},
					(values) => call_status("Completed", values),
					__("Hand Over"),
					__("Hand Over")
				),
			__("Status")
		);
	}
	if (frm.doc.status === "Completed" && frm.doc.payment_status === "Paid") {
		frm.add_custom_button(__("Close"), () => call_status("Closed"), __("Status"));
	}
}

const PAYMENT_COLOURS = {
	Paid: "green",
	"Partly Paid": "orange",
	Unpaid: "red",
	"Refund Due": "orange",
	"Not Invoiced": "gray",
};

function show_money_state(frm) {
	const name = frm.doc.name;
	const load = frm.doc.sales_invoice
		? frappe.xcall("auto_service.api.repair_order_form.money_state", { repair_order: name })
		: Promise.resolve({ invoice: null });
	load.then((state) => {
		if (frm.doc.name !== name || frm.doc.docstatus !== 1) return;
		frm.__as_money_state = state;
		const live = state.invoice && state.docstatus !== 2;
		if (live) {
			frm.add_custom_button(__("Open the Invoice"), () =>
				frappe.set_route("Form", "Sales Invoice", state.invoice)
			);
		} else if (frappe.model.can_create("Sales Invoice") && frm.doc.status !== "Cancelled") {
			frm.add_custom_button(
				__("Invoice", null, "Repair Order"),
				() => make_invoice(frm),
				__("Create")
			);
		}
		const draft = Boolean(state.invoice && state.docstatus === 0);
		// a draft bills nothing yet: the headline says what happens next, not «Счёт не выставлен»
		frm.toggle_display(["payment_status", "invoiced_amount", "outstanding_amount"], !draft);
		if (draft) {
			const who = state.assignees.length
				? state.assignees.map((n) => frappe.utils.escape_html(n)).join(", ")
				: __("an accountant");
			frm.dashboard.add_indicator(__("Invoice drafted, not posted"), "orange");
			frm.dashboard.set_headline(
				__("Invoice {0} is a draft. Posting it is up to: {1}.", [
					`<a href="/app/sales-invoice/${encodeURIComponent(state.invoice)}">${frappe.utils.escape_html(state.invoice)}</a>`,
					who,
				]),
				"orange"
			);
		} else {
			frm.dashboard.add_indicator(
				__("Payment: {0}", [__(frm.doc.payment_status, null, "Repair Order")]),
				PAYMENT_COLOURS[frm.doc.payment_status] || "gray"
			);
		}
		if (state.can_take_payment) {
			frm.add_custom_button(__("Take Payment"), () => take_payment_dialog(frm, state));
			frm.change_custom_button_type(__("Take Payment"), null, "primary");
		}
	});
}

function make_invoice(frm) {
	frappe
		.xcall("auto_service.api.repair_orders.make_sales_invoice", { repair_order: frm.doc.name })
		.then((invoice) => {
			if (frappe.perm.has_perm("Sales Invoice", 0, "submit")) {
				frappe.set_route("Form", "Sales Invoice", invoice);
				return;
			}
			frappe.show_alert({
				message: __("Invoice {0} is drafted and sent to be posted.", [
					frappe.utils.escape_html(invoice),
				]),
				indicator: "green",
			});
			frm.reload_doc();
		})
		.catch(() => {}); // the refusal is already on screen
}

function take_payment_dialog(frm, state) {
	const dialog = new frappe.ui.Dialog({
		title: __("Take Payment"),
		fields: [
			{
				fieldname: "mode",
				fieldtype: "Select",
				label: __("Paid By"),
				reqd: 1,
				options: state.payment_modes.map((m) => ({ value: m.value, label: m.label })),
				default: state.payment_modes[0].value,
			},
			{
				fieldname: "amount",
				fieldtype: "Currency",
				label: __("Amount Received"),
				reqd: 1,
				default: state.outstanding_amount,
				description: __("Owed: {0}. A part of it is fine.", [
					format_currency(state.outstanding_amount, frm.doc.currency),
				]),
			},
		],
		primary_action_label: __("Take Payment"),
		primary_action(values) {
			dialog.disable_primary_action();
			frappe
				.xcall("auto_service.api.payments.take_payment", {
					repair_order: frm.doc.name,
					mode: values.mode,
					amount: values.amount,
				})
				.then((result) => {
					dialog.hide();
					frappe.show_alert({
						message: __("Payment {0} received.", [
							frappe.utils.escape_html(result.payment_entry),
						]),
						indicator: "green",
					});
					frm.reload_doc();
				})
				.catch(() => {}) // the refusal is already on screen; the dialog stays for a new amount
				.finally(() => dialog.enable_primary_action());
		},
	});
	dialog.show();
}
