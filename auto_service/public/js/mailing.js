// Mailings in the desk: a live SMS part counter (GSM-7 / UCS-2, as auto_service/sms_text.py counts),
// spell-check with one-click fixes, recipients and preview, progress, and «Отправить SMS / e-mail» on the
// Customer and the Repair Order. Loaded by hooks.doctype_js for Mailing, SMS Template, Customer, Repair Order.
frappe.provide("auto_service.mailing");

if (!auto_service.mailing.loaded) {
	auto_service.mailing.loaded = true;

	const GSM7_BASIC = new Set(
		"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
			"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	);
	const GSM7_EXTENSION = new Set("^{}\\[~]|€\f");
	const MAX_SMS_LENGTH = 1000;

	auto_service.mailing.sms_length = function (text) {
		text = text || "";
		const chars = Array.from(text);
		const gsm = chars.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c));
		const unit = (c) => (gsm ? (GSM7_EXTENSION.has(c) ? 2 : 1) : c.length); // UTF-16 units
		const units = chars.reduce((sum, c) => sum + unit(c), 0);
		const single = gsm ? 160 : 70;
		const multi = gsm ? 153 : 67;
		let parts = 0;
		let per_part = single;
		if (units > 0 && units <= single) {
			parts = 1;
		} else if (units > single) {
			per_part = multi;
			parts = 1;
			let used = 0;
			for (const c of chars) {
				if (used + unit(c) > multi) {
					parts += 1;
					used = 0;
				}
				used += unit(c);
			}
		}
		return {
			encoding: gsm ? "GSM-7" : "UCS-2",
			characters: chars.length,
			units,
			parts,
			per_part,
			remaining: Math.max(0, parts * per_part - units),
		};
	};

	auto_service.mailing.counter_html = function (text) {
		const l = auto_service.mailing.sms_length(text);
		const too_long = l.characters > MAX_SMS_LENGTH;
		return `<div class="as-sms-counter ${too_long ? "text-danger" : "text-muted"}" data-parts="${l.parts}">
			${l.encoding === "GSM-7" ? __("Latin (GSM-7)") : __("Cyrillic (UCS-2)")} ·
			${__("{0} characters", [l.characters])} ·
			<b class="as-sms-parts">${__("{0} SMS", [l.parts])}</b> ·
			${__("{0} left in this part", [l.remaining])}
			${too_long ? " · " + __("at most {0} characters", [MAX_SMS_LENGTH]) : ""}
		</div>`;
	};

	// Spell-check one field; misspelled words come with buttons that replace them in the text.
	auto_service.mailing.spell_check = async function (get_text, set_text, $target) {
		const text = get_text() || "";
		$target.html(`<div class="text-muted">${__("Checking spelling...")}</div>`);
		const found = await frappe.xcall("auto_service.api.mailing.spell_check", { text });
		if (!found.length) {
			$target.html(
				`<div class="as-spell-ok text-success">${__("No spelling errors found.")}</div>`
			);
			return found;
		}
		const $list = $(`<div class="as-spell-errors"></div>`);
		$list.append(`<div class="text-danger">${__("Spelling errors: {0}", [found.length])}</div>`);
		found.forEach((error) => {
			const $row = $(`<div class="as-spell-error" style="margin: 4px 0"></div>`);
			$row.append(
				`<b class="as-spell-word text-danger">${frappe.utils.escape_html(error.word)}</b> → `
			);
			if (!error.suggestions.length) {
				$row.append(`<span class="text-muted">${__("no suggestions")}</span>`);
			}
			error.suggestions.forEach((suggestion) => {
				const $button = $(
					`<button class="btn btn-xs btn-default as-spell-fix" style="margin-right: 4px"></button>`
				).text(suggestion);
				$button.on("click", async () => {
					const current = get_text() || "";
					if (current.slice(error.start, error.end) !== error.word) {
						frappe.show_alert({
							message: __("The text has changed since it was checked: check it again."),
							indicator: "orange",
						});
					} else {
						await set_text(
							current.slice(0, error.start) + suggestion + current.slice(error.end)
						);
					}
					auto_service.mailing.spell_check(get_text, set_text, $target);
				});
				$row.append($button);
			});
			$list.append($row);
		});
		$target.empty().append($list);
		return found;
	};

	auto_service.mailing.show_recipients = async function (frm) {
		const data = await frappe.xcall("auto_service.api.mailing.recipients", { mailing: frm.doc.name });
		const esc = frappe.utils.escape_html;
		const rows = (list) =>
			list
				.map(
					(r) => `<tr><td>${esc(r.customer_name || r.customer)}</td><td>${esc(
						__(r.channel)
					)}</td><td>${esc(r.address || "")}</td><td>${esc(
						r.reason || __(r.status)
					)}</td></tr>`
				)
				.join("");
		const reasons = Object.entries(data.excluded_by_reason)
			.map(([reason, count]) => `<li>${esc(reason)}: <b>${count}</b></li>`)
			.join("");
		const html = `
			<p class="as-recipient-counts">${__("SMS")}: <b class="as-count-sms">${
			data.by_channel.SMS
		}</b> · ${__("E-mail")}: <b class="as-count-email">${data.by_channel.Email}</b> · ${__(
			"Excluded"
		)}: <b class="as-count-excluded">${data.counts.Excluded || 0}</b></p>
			${reasons ? `<ul>${reasons}</ul>` : ""}
			<h5>${__("Recipients")}</h5>
			<table class="table table-condensed">${rows(data.recipients)}</table>
			<h5>${__("Excluded")}</h5>
			<table class="table table-condensed">${rows(data.excluded)}</table>`;
		const dialog = new frappe.ui.Dialog({
			title: __("Recipients of {0}", [frappe.utils.escape_html(frm.doc.name)]),
			size: "large",
			fields: [{ fieldtype: "HTML", fieldname: "list", options: html }],
		});
		dialog.show();
	};

	auto_service.mailing.preview = function (frm) {
		const dialog = new frappe.ui.Dialog({
			title: __("Preview"),
			fields: [
				{ fieldtype: "Link", options: "Customer", fieldname: "customer", label: __("Customer") },
				{ fieldtype: "HTML", fieldname: "out" },
			],
			primary_action_label: __("Show"),
			primary_action: async (values) => {
				const r = await frappe.xcall("auto_service.api.mailing.preview", {
					mailing: frm.doc.name,
					customer: values.customer || null,
				});
				const esc = frappe.utils.escape_html;
				let html = `<p><b>${esc(r.customer_name || r.customer)}</b></p>`;
				if (r.sms !== undefined) {
					html += `<pre class="as-preview-sms" style="white-space: pre-wrap">${esc(r.sms)}</pre>
						<p class="text-muted">${__("{0} SMS", [r.sms_parts])}, ${esc(r.sms_encoding)}</p>`;
				}
				if (r.subject !== undefined) {
					// the body is the shop's HTML with the client's values escaped by the server
					html += `<p><b>${esc(r.subject)}</b></p><div class="as-preview-email">${r.message}</div>`;
				}
				dialog.fields_dict.out.$wrapper.html(html);
			},
		});
		dialog.show();
	};

	// «Отправить SMS / e-mail» to one client, from a template or typed text.
	auto_service.mailing.send_dialog = function (customer, reference_doctype, reference_name) {
		if (!customer) {
			frappe.msgprint(__("Choose the client first."));
			return;
		}
		const dialog = new frappe.ui.Dialog({
			title: __("Send SMS / e-mail"),
			fields: [
				{
					fieldtype: "Select",
					fieldname: "channel",
					label: __("Channel"),
					options: [
						{ value: "SMS", label: __("SMS") },
						{ value: "Email", label: __("E-mail") },
						{ value: "SMS and Email", label: __("SMS and Email") },
					],
					default: "SMS",
				},
				{
					fieldtype: "Select",
					fieldname: "kind",
					label: __("Kind of Message"),
					options: [
						{ value: "Service", label: __("Service", null, "Mailing") },
						{ value: "Advertising", label: __("Advertising") },
					],
					default: "Service",
				},
				{
					fieldtype: "Link",
					fieldname: "sms_template",
					label: __("SMS Template"),
					options: "SMS Template",
					depends_on: "eval:doc.channel!='Email'",
					onchange: async () => {
						const name = dialog.get_value("sms_template");
						if (name) {
							const text = await frappe.db.get_value("SMS Template", name, "text");
							dialog.set_value("sms_text", text.message.text);
						}
					},
				},
				{
					fieldtype: "Small Text",
					fieldname: "sms_text",
					label: __("SMS Text"),
					depends_on: "eval:doc.channel!='Email'",
				},
				{ fieldtype: "HTML", fieldname: "counter" },
				{
					fieldtype: "Link",
					fieldname: "email_template",
					label: __("Email Template"),
					options: "Email Template",
					depends_on: "eval:doc.channel!='SMS'",
				},
				{
					fieldtype: "Data",
					fieldname: "subject",
					label: __("Subject"),
					depends_on: "eval:doc.channel!='SMS' && !doc.email_template",
				},
				{
					fieldtype: "Text Editor",
					fieldname: "message",
					label: __("Message"),
					depends_on: "eval:doc.channel!='SMS' && !doc.email_template",
				},
				{ fieldtype: "HTML", fieldname: "spelling" },
				{
					fieldtype: "Check",
					fieldname: "override_spelling",
					label: __("Send Despite Spelling Errors"),
				},
			],
			primary_action_label: __("Send"),
			primary_action: async (values) => {
				const name = await frappe.xcall("auto_service.api.mailing.send_to_client", {
					customer,
					reference_doctype: reference_doctype || null,
					reference_name: reference_name || null,
					...values,
				});
				dialog.hide();
				frappe.show_alert({
					message: __("Mailing {0} is being sent", [name]),
					indicator: "green",
				});
			},
		});
		const update_counter = () =>
			dialog.fields_dict.counter.$wrapper.html(
				auto_service.mailing.counter_html(dialog.get_value("sms_text"))
			);
		dialog.fields_dict.sms_text.$input.on("input", update_counter);
		dialog.fields_dict.sms_text.$input.on("change", () =>
			auto_service.mailing.spell_check(
				() => dialog.get_value("sms_text"),
				(text) => dialog.set_value("sms_text", text).then(update_counter),
				dialog.fields_dict.spelling.$wrapper
			)
		);
		update_counter();
		dialog.show();
	};

	const render_counter = (frm) => {
		if (!frm.fields_dict.sms_counter) return;
		frm.fields_dict.sms_counter.$wrapper.html(auto_service.mailing.counter_html(frm.doc.sms_text));
	};

	// the SMS text is checked under its counter; the e-mail subject and body in «Before Sending»
	const spell_check_field = (frm, fieldname) => {
		const $wrapper =
			fieldname === "sms_text"
				? frm.fields_dict.sms_counter.$wrapper
				: frm.fields_dict.recipients_html.$wrapper;
		$wrapper.find(`.as-spell-box[data-field="${fieldname}"]`).remove();
		const $box = $(`<div class="as-spell-box" data-field="${fieldname}"></div>`).appendTo($wrapper);
		if (fieldname !== "sms_text") {
			$box.append(`<div class="text-muted small">${__(frm.fields_dict[fieldname].df.label, null, "Mailing")}</div>`);
		}
		const $result = $("<div></div>").appendTo($box);
		return auto_service.mailing.spell_check(
			() => frm.doc[fieldname],
			(text) => frm.set_value(fieldname, text),
			$result
		);
	};

	frappe.ui.form.on("Mailing", {
		refresh(frm) {
			render_counter(frm);
			if (frm.fields_dict.sms_text && frm.fields_dict.sms_text.$input) {
				frm.fields_dict.sms_text.$input.off("input.as").on("input.as", (e) => {
					frm.fields_dict.sms_counter.$wrapper
						.find(".as-sms-counter")
						.replaceWith(auto_service.mailing.counter_html(e.target.value));
				});
			}
			if (frm.doc.docstatus === 0) {
				if (frm.doc.sms_text && frm.doc.channel !== "Email") spell_check_field(frm, "sms_text");
				if (frm.doc.channel !== "SMS") {
					if (frm.doc.subject) spell_check_field(frm, "subject");
					if (frm.doc.message) spell_check_field(frm, "message");
				}
			}
			if (!frm.is_new()) {
				frm.add_custom_button(__("Recipients"), () => auto_service.mailing.show_recipients(frm));
				frm.add_custom_button(__("Preview"), () => auto_service.mailing.preview(frm));
			}
			if (frm.doc.docstatus === 1 && frm.doc.total_failed) {
				frm.add_custom_button(__("Re-send to Failed"), async () => {
					const count = await frappe.xcall("auto_service.api.mailing.retry_failed", {
						mailing: frm.doc.name,
					});
					frappe.show_alert({ message: __("{0} messages sent again", [count]) });
					frm.reload_doc();
				});
			}
			if (frm.doc.docstatus === 1 && !frm.__as_listening) {
				frm.__as_listening = true;
				frappe.realtime.on("auto_service_mailing_done", (data) => {
					if (data.mailing === frm.doc.name) {
						frappe.hide_progress();
						frm.reload_doc();
					}
				});
			}
			if (frm.doc.exclusion_summary) {
				frm.set_df_property(
					"exclusion_summary",
					"description",
					__("Clients who get nothing, by reason")
				);
			}
		},
		sms_text(frm) {
			render_counter(frm);
			if (frm.doc.sms_text) spell_check_field(frm, "sms_text");
		},
		async sms_template(frm) {
			if (frm.doc.sms_template) {
				const r = await frappe.db.get_value("SMS Template", frm.doc.sms_template, "text");
				frm.set_value("sms_text", r.message.text);
			}
		},
	});

	frappe.ui.form.on("SMS Template", {
		refresh(frm) {
			frm.fields_dict.text.$wrapper.find(".as-sms-counter").remove();
			frm.fields_dict.text.$wrapper.append(auto_service.mailing.counter_html(frm.doc.text));
		},
		text(frm) {
			frm.trigger("refresh");
		},
	});

	frappe.ui.form.on("Customer", {
		refresh(frm) {
			if (frm.is_new() || !frappe.model.can_create("Mailing")) return;
			frm.add_custom_button(__("Send SMS / e-mail"), () =>
				auto_service.mailing.send_dialog(frm.doc.name)
			);
		},
	});

	frappe.ui.form.on("Repair Order", {
		refresh(frm) {
			if (frm.is_new() || !frm.doc.customer || !frappe.model.can_create("Mailing")) return;
			frm.add_custom_button(__("Send SMS / e-mail"), () =>
				auto_service.mailing.send_dialog(frm.doc.customer, "Repair Order", frm.doc.name)
			);
		},
	});
}
