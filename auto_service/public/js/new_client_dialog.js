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
				label: __("Full Name"),
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
			},
			{ fieldname: "email_id", fieldtype: "Data", options: "Email", label: __("E-mail") },
			{ fieldtype: "Column Break" },
			{
				fieldname: "lead_source",
				fieldtype: "Link",
				options: "Lead Source",
				label: __("Lead Source"),
				description: __("Where the client heard of the shop"),
			},
			{
				fieldname: "shared_phone",
				fieldtype: "Check",
				label: __("Shared phone (family)"),
				description: __(
					"Tick to allow a phone number that another client already has, on purpose."
				),
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
			{ fieldtype: "Section Break", label: __("Vehicle") },
			{ fieldname: "license_plate", fieldtype: "Data", label: __("Licence Plate") },
			{
				fieldname: "other_format_plate",
				fieldtype: "Check",
				label: __("Foreign / other format"),
			},
			{ fieldname: "vin", fieldtype: "Data", label: __("VIN") },
			{ fieldtype: "Column Break" },
			{ fieldname: "make", fieldtype: "Data", label: __("Make") },
			{ fieldname: "model", fieldtype: "Data", label: __("Model") },
			{ fieldname: "year", fieldtype: "Int", label: __("Year") },
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
			]) {
				if (values[key]) vehicle[key] = values[key];
			}
			const has_vehicle = vehicle.license_plate || vehicle.vin;
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
				});
		},
	});
	dialog.show();
	return dialog;
};
