frappe.provide("auto_service");

const CONSENT_METHODS = [
	"",
	"Written form",
	"Verbal, by phone",
	"Website form",
	"SMS reply",
	"E-mail reply",
];

/**
 * "New client at the first visit": one dialog makes Customer + Contact (+ Customer Vehicle).
 * opts.after(result) gets {customer, contact, vehicle}.
 */
auto_service.new_client_dialog = function (opts = {}) {
	const dialog = new frappe.ui.Dialog({
		title: __("New Client (First Visit)"),
		size: "large",
		fields: [
			{
				fieldname: "full_name",
				fieldtype: "Data",
				label: __("Full Name", null, "Customer"),
				description: __("Surname Name Patronymic"),
				reqd: 1,
				default: opts.full_name || "",
			},
			{
				fieldname: "mobile_no",
				fieldtype: "Data",
				options: "Phone",
				label: __("Mobile Phone"),
				default: opts.mobile_no || "",
				change() {
					check_phone(dialog);
				},
			},
			{ fieldname: "email_id", fieldtype: "Data", options: "Email", label: __("E-mail") },
			{ fieldtype: "Column Break" },
			{
				fieldname: "lead_source",
				fieldtype: "Link",
				options: "Lead Source",
				label: __("Lead Source", null, "Customer"),
				description: __("Where the client heard of the shop"),
				get_query: () => ({ filters: { as_shop_source: 1 } }),
			},
			{
				fieldname: "shared_phone",
				fieldtype: "Check",
				label: __("Shared phone (family)"),
				description: __(
					"Tick to allow a phone number that another client already has, on purpose."
				),
				change() {
					check_phone(dialog);
				},
			},
			{ fieldtype: "Section Break", label: __("Advertising Consent") },
			{
				fieldname: "sms_consent",
				fieldtype: "Check",
				label: __("Agrees to SMS advertising"),
			},
			{
				fieldname: "email_consent",
				fieldtype: "Check",
				label: __("Agrees to e-mail advertising"),
			},
			{ fieldtype: "Column Break" },
			{
				fieldname: "consent_method",
				fieldtype: "Select",
				label: __("How Consent Was Given"),
				options: CONSENT_METHODS.map((value) => ({ value, label: __(value) })),
				mandatory_depends_on: "eval:doc.sms_consent || doc.email_consent",
			},
			{ fieldtype: "Section Break", label: __("Vehicle", null, "Customer Vehicle") },
			{ fieldname: "license_plate", fieldtype: "Data", label: __("Licence Plate") },
			{
				fieldname: "other_format_plate",
				fieldtype: "Check",
				label: __("Foreign / other format"),
			},
			{ fieldname: "vin", fieldtype: "Data", label: __("VIN") },
			{ fieldtype: "Column Break" },
			{ fieldname: "make", fieldtype: "Data", label: __("Make", null, "Customer Vehicle") },
			{ fieldname: "model", fieldtype: "Data", label: __("Model") },
			{ fieldname: "year", fieldtype: "Int", label: __("Year", null, "Customer Vehicle") },
			{
				fieldname: "last_mileage",
				fieldtype: "Int",
				label: __("Mileage (km)"),
				depends_on: "eval:doc.license_plate || doc.vin",
			},
			{ fieldtype: "Section Break" },
			{ fieldname: "phone_warning", fieldtype: "HTML" },
		],
		primary_action_label: __("Create"),
		primary_action(values) {
			const vehicle = {};
			for (const key of [
				"license_plate",
				"other_format_plate",
				"vin",
				"make",
				"model",
				"year",
				"last_mileage",
			]) {
				if (values[key]) vehicle[key] = values[key];
			}
			const has_vehicle = vehicle.license_plate || vehicle.vin;
			if (dialog.as_phone_owners?.length && !values.shared_phone) {
				// refused here, with links, instead of a server error and a console traceback
				frappe.msgprint({
					title: __("Duplicate phone"),
					message: phone_owners_html(dialog.as_phone_owners),
					indicator: "orange",
				});
				return;
			}
			frappe
				.xcall("auto_service.api.clients.create_client", {
					full_name: values.full_name,
					mobile_no: values.mobile_no,
					email_id: values.email_id,
					lead_source: values.lead_source,
					sms_consent: values.sms_consent,
					email_consent: values.email_consent,
					consent_method: values.consent_method,
					shared_phone: values.shared_phone,
					vehicle: has_vehicle ? vehicle : null,
				})
				.then((result) => {
					dialog.hide();
					frappe.show_alert({
						message: __("Client {0} created", [values.full_name]),
						indicator: "green",
					});
					if (opts.after) {
						opts.after(result);
					} else {
						frappe.set_route("Form", "Customer", result.customer);
					}
				})
				// the server's refusal (bad phone, plate taken...) is already shown by frappe.xcall;
				// the dialog stays open with what was typed
				.catch(() => {});
		},
	});
	dialog.show();
	if (opts.mobile_no) check_phone(dialog);
	return dialog;
};

function phone_owners_html(owners) {
	const links = owners
		.map(
			(c) =>
				`<a href="/app/customer/${encodeURIComponent(c.name)}">${frappe.utils.escape_html(
					c.customer_name || c.name
				)}</a>`
		)
		.join(", ");
	return (
		__("This phone number already belongs to: {0}.", [links]) +
		" " +
		__("Open that client, or tick «Shared phone (family)» if the number is shared on purpose.")
	);
}

/** Asks the server (without a refusal) whose phone this is, and says so in the dialog. */
function check_phone(dialog) {
	const phone = dialog.get_value("mobile_no");
	const $warning = dialog.fields_dict.phone_warning.$wrapper;
	dialog.as_phone_owners = [];
	$warning.empty();
	if (!phone) return;
	frappe
		.xcall("auto_service.api.search.phone_owners", { phone })
		.then((owners) => {
			if (dialog.get_value("mobile_no") !== phone) return;
			dialog.as_phone_owners = owners || [];
			if (dialog.as_phone_owners.length && !dialog.get_value("shared_phone")) {
				$warning.html(
					`<div class="alert alert-warning as-phone-warning">${phone_owners_html(
						dialog.as_phone_owners
					)}</div>`
				);
			}
		})
		.catch(() => {});
}
