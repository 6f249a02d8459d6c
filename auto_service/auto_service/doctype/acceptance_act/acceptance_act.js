// Copyright (c) 2026, auto_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Acceptance Act", {
	setup(frm) {
		frm.set_query("vehicle", () => ({
			filters: frm.doc.customer
				? { customer: frm.doc.customer, is_active: 1 }
				: { is_active: 1 },
		}));
	},
	onload(frm) {
		if (frm.is_new() && !(frm.doc.equipment || []).length) {
			frappe.db.get_doc("Auto Service Settings").then((settings) => {
				for (const row of settings.equipment_checklist || []) {
					frm.add_child("equipment", { item: row.item, present: 0 });
				}
				frm.refresh_field("equipment");
			});
		}
	},
	refresh(frm) {
		setup_equipment_checklist(frm);
		keep_signature_size(frm);
		if (
			frm.doc.docstatus === 1 &&
			!frm.doc.repair_order &&
			frappe.model.can_create("Repair Order")
		) {
			frm.add_custom_button(
				__("Repair Order"),
				() =>
					frappe.model.open_mapped_doc({
						method: "auto_service.api.repair_orders.make_repair_order_from_act",
						frm,
					}),
				__("Create")
			);
		}
		if (frm.doc.registration_mismatch) {
			frm.dashboard.set_headline_alert(
				`<div class="text-danger">${__(
					"Registration data differ from the vehicle record"
				)}</div>`
			);
		}
	},
	vehicle(frm) {
		if (frm.doc.vehicle && !frm.doc.customer) {
			frappe.db.get_value("Customer Vehicle", frm.doc.vehicle, "customer").then((r) => {
				frm.set_value("customer", r.message.customer);
			});
		}
	},
});

// The equipment checklist: one click on an item (or its tick) toggles it; «Всё на месте» ticks all.
// Frappe's editable grid would first open the row for editing and need a second click on the tick.
function setup_equipment_checklist(frm) {
	const grid = frm.fields_dict.equipment && frm.fields_dict.equipment.grid;
	if (!grid) return;
	const editable = frm.doc.docstatus === 0 && frm.perm[0] && frm.perm[0].write;
	grid.wrapper.find(".as-all-present").remove();
	if (editable) {
		grid.add_custom_button(__("All Present"), () => {
			for (const row of frm.doc.equipment || []) {
				if (!row.present) frappe.model.set_value(row.doctype, row.name, "present", 1);
			}
		}).addClass("as-all-present btn-primary");
	}
	// capture phase: before the grid's own click opens the row for editing
	const wrapper = grid.wrapper[0];
	if (wrapper.as_toggle) wrapper.removeEventListener("click", wrapper.as_toggle, true);
	wrapper.as_toggle = null;
	if (!editable) return;
	wrapper.as_toggle = (ev) => {
		const cell = ev.target.closest(
			'.grid-body .grid-row .grid-static-col[data-fieldname="present"], ' +
				'.grid-body .grid-row .grid-static-col[data-fieldname="item"]'
		);
		if (!cell || !wrapper.contains(cell)) return;
		const row =
			locals["Acceptance Act Equipment"][$(cell).closest(".grid-row").attr("data-name")];
		if (!row) return;
		ev.preventDefault();
		ev.stopPropagation();
		frappe.model.set_value(row.doctype, row.name, "present", row.present ? 0 : 1);
	};
	wrapper.addEventListener("click", wrapper.as_toggle, true);
}

// Signature pads are drawn once at the width their column had; a fixed width keeps the pad and the
// saved image the same size before and after the first save (when the sidebar narrows the form).
function keep_signature_size(frm) {
	if (!document.getElementById("as-signature-size")) {
		const sel = (inner) =>
			["client_signature", "advisor_signature"]
				.map((f) => `.frappe-control[data-fieldname="${f}"] ${inner}`)
				.join(", ");
		$(`<style id="as-signature-size">
			${sel(".signature-field")}, ${sel(".signature-display")} { width: 420px; max-width: 100%; }
			${sel(
				".signature-display img"
			)} { width: 420px; max-width: 100%; height: 200px; object-fit: contain; }
		</style>`).appendTo(document.head);
	}
}
