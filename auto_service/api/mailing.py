"""Whitelisted endpoints of mailings: counts, spell-check, preview, recipients, retry, one-client sends,
and the inbound SMS callback of the gateway."""

import hmac

import frappe
from frappe import _

from auto_service.consent import EMAIL, SMS
from auto_service.messaging import audience, inbound, sending, spellcheck, templates
from auto_service.sms_text import MAX_SMS_LENGTH, sms_length

MAX_PREVIEW_ROWS = 200


class InboundSecretError(frappe.PermissionError):
	pass


def _check(doctype: str, ptype: str, name: str | None = None) -> None:
	frappe.has_permission(doctype, ptype, doc=name, throw=True)


@frappe.whitelist()
def count_sms(text: str | None = None) -> dict:
	"""Encoding, characters, parts of an SMS text (the form counts as staff type; this is the reference)."""
	_check("Mailing", "read")
	text = (text or "")[: MAX_SMS_LENGTH * 10]
	length = sms_length(text)
	return {
		"encoding": length.encoding,
		"characters": length.characters,
		"units": length.units,
		"parts": length.parts,
		"per_part": length.per_part,
		"remaining": length.remaining,
		"max_length": MAX_SMS_LENGTH,
	}


@frappe.whitelist()
def spell_check(text: str | None = None) -> list[dict]:
	"""Misspelled words of a text with suggestions (placeholders, plates, URLs, shop words skipped)."""
	if not (frappe.has_permission("Mailing", "create") or frappe.has_permission("SMS Template", "create")):
		frappe.throw(_("You may not write mailings."), frappe.PermissionError)
	return spellcheck.check(text)


@frappe.whitelist()
def preview(mailing: str, customer: str | None = None) -> dict:
	"""The texts as the chosen recipient (or the first one of the audience) will get them."""
	doc = frappe.get_doc("Mailing", mailing)
	doc.check_permission("read")
	if customer:
		_check("Customer", "read", customer)
		row = frappe.db.get_value("Customer", customer, ["name as customer", "customer_name"], as_dict=True)
		if not row:
			frappe.throw(_("Client {0} not found.").format(customer))
	else:
		row = audience.load_audience(doc)[0]
	context = templates.contexts([row], [doc.sms_text, doc.subject, doc.message])[row["customer"]]
	result = {"customer": row["customer"], "customer_name": row.get("customer_name")}
	if doc.sms_text:
		text = templates.render(templates.compile_text(doc.sms_text, _("SMS Text")), context)
		length = sms_length(text)
		result.update(sms=text, sms_parts=length.parts, sms_encoding=length.encoding)
	if doc.subject:
		result["subject"] = templates.render(templates.compile_text(doc.subject, _("Subject")), context)
		result["message"] = templates.render(
			templates.compile_text(doc.message, _("Message")), templates.escaped(context)
		)
	return result


@frappe.whitelist()
def recipients(mailing: str, limit: int = 50) -> dict:
	"""Who gets the mailing and who is excluded, with the reason and counts by reason.

	A draft is planned now (consent as it is now); a submitted mailing shows its recipient log.
	"""
	doc = frappe.get_doc("Mailing", mailing)
	doc.check_permission("read")
	limit = max(1, min(int(limit or 50), MAX_PREVIEW_ROWS))
	if doc.docstatus == 0:
		decisions, clients = sending.plan(doc)
		names = {c["customer"]: c.get("customer_name") for c in clients}
		rows = [
			{
				"customer": d.customer,
				"customer_name": names.get(d.customer),
				"channel": d.channel,
				"address": d.address,
				"status": "Queued" if d.sends else "Excluded",
				"reason": _(d.reason) if d.reason else None,
			}
			for d in decisions
		]
	else:
		rows = frappe.get_all(
			"Mailing Recipient",
			filters={"mailing": doc.name},
			fields=["customer", "customer_name", "channel", "address", "status", "reason"],
			order_by="creation asc, name asc",
			limit=MAX_PREVIEW_ROWS * 100,
		)
		for row in rows:
			row["reason"] = _(row["reason"]) if row["reason"] else None
	counts: dict[str, int] = {}
	reasons: dict[str, int] = {}
	for row in rows:
		counts[row["status"]] = counts.get(row["status"], 0) + 1
		if row["status"] == "Excluded":
			reasons[row["reason"]] = reasons.get(row["reason"], 0) + 1
	sends = [r for r in rows if r["status"] != "Excluded"]
	excluded = [r for r in rows if r["status"] == "Excluded"]
	return {
		"counts": counts,
		"by_channel": {
			SMS: sum(1 for r in sends if r["channel"] == SMS),
			EMAIL: sum(1 for r in sends if r["channel"] == EMAIL),
		},
		"excluded_by_reason": reasons,
		"recipients": sends[:limit],
		"excluded": excluded[:limit],
	}


@frappe.whitelist(methods=["POST"])
def retry_failed(mailing: str) -> int:
	"""Send the failed messages of a mailing again (in the background); returns how many."""
	doc = frappe.get_doc("Mailing", mailing)
	doc.check_permission("submit")
	if doc.docstatus != 1:
		frappe.throw(_("Only a sent mailing can be re-sent to its failed recipients."))
	return sending.retry_failed(doc)


@frappe.whitelist(methods=["POST"])
def send_to_client(
	customer: str,
	channel: str,
	sms_template: str | None = None,
	sms_text: str | None = None,
	email_template: str | None = None,
	subject: str | None = None,
	message: str | None = None,
	kind: str = "Service",
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	override_spelling: int | bool = 0,
) -> str:
	"""«Отправить SMS / e-mail» from the client or the repair order: a one-client mailing, sent now."""
	_check("Mailing", "create")
	_check("Mailing", "submit")
	_check("Customer", "read", customer)
	if reference_doctype:
		_check(reference_doctype, "read", reference_name)
	doc = frappe.get_doc(
		{
			"doctype": "Mailing",
			"title": _("To {0}").format(
				frappe.db.get_value("Customer", customer, "customer_name") or customer
			),
			"channel": channel,
			"kind": kind,
			"audience": "One Client",
			"customer": customer,
			"sms_template": sms_template,
			"sms_text": sms_text,
			"email_template": email_template,
			"subject": subject,
			"message": message,
			"send_time": "Immediately",
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"override_spelling": 1 if override_spelling else 0,
		}
	)
	doc.insert()
	doc.submit()
	return doc.name


@frappe.whitelist(allow_guest=True, methods=["POST"])
def inbound_sms(secret: str | None = None, phone: str | None = None, text: str | None = None) -> dict:
	"""Callback of the SMS gateway for a client's reply. Guarded by the shared secret in the settings."""
	expected = frappe.get_single("Auto Service Settings").get_password(
		"inbound_sms_secret", raise_exception=False
	)
	if not expected or not hmac.compare_digest(str(secret or "").encode(), expected.encode()):
		frappe.throw(_("Wrong or missing secret."), InboundSecretError)
	if not phone:
		frappe.throw(_("The sender's phone is missing."))
	result = inbound.receive_sms(phone, text or "")
	return {"ok": True, "clients": len(result["customers"]), "stop": result["stop"]}
