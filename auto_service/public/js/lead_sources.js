// The shop's pickers of «where the client came from» offer the shop's sources, not ERPNext's English
// defaults (Lead Source.as_hide_in_shop, ticked on install); sources an administrator adds are offered.
// Registered here (loaded on every desk page) for the shop's forms that have a lead source.
frappe.provide("auto_service.lead_sources");

auto_service.lead_sources.query = () => ({ filters: { as_hide_in_shop: 0 } });

for (const [doctype, fieldname] of [
	["Repair Order", "lead_source"],
	["Marketing Spend", "lead_source"],
]) {
	frappe.ui.form.on(doctype, {
		setup(frm) {
			if (frm.fields_dict[fieldname])
				frm.set_query(fieldname, auto_service.lead_sources.query);
		},
	});
}
