"""The sending job of a mailing (RQ queue ``long``): decide, queue, send, log, count.

1. Plan: the audience is read (one query, consent as it is now), every client and channel is decided
   (:func:`auto_service.consent.plan_recipients`) and one Mailing Recipient row per decision is written in
   bulk: Queued, or Excluded with the reason.
2. Send, in chunks: right before a chunk leaves, the consent of its clients is read again and every
   message decided again (:func:`auto_service.consent.decide_at_queue`): a withdrawal or an unsubscribe
   after planning stops it. SMS go to the gateway one number at a time (a failed number fails only its
   row), e-mails go into Frappe's Email Queue; each message sent becomes a Communication on the client's
   timeline. The chunk's rows are updated and committed, progress is published.
3. Totals and the final status are written. A re-run sends the Queued rows only (failed rows are put back
   to Queued by :func:`retry_failed`); an interrupted job resumes where it stopped.
"""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from auto_service.consent import ADVERTISING, EMAIL, SMS, RecipientDecision, decide_at_queue, plan_recipients
from auto_service.i18n import RuleError
from auto_service.messaging import audience, templates, transport
from auto_service.sms_text import check_sms_text

CHUNK = 250
QUEUED, SENT, FAILED, EXCLUDED = "Queued", "Sent", "Failed", "Excluded"


def channels_of(mailing) -> tuple[str, ...]:
	return {"SMS": (SMS,), "Email": (EMAIL,), "SMS and Email": (SMS, EMAIL)}[mailing.channel]


def enqueue_mailing(name: str, now: bool = False) -> None:
	"""Start the sending job after the current transaction commits (never sends in the web request)."""
	frappe.enqueue(
		"auto_service.messaging.sending.run_mailing",
		queue="long",
		timeout=3600,
		mailing=name,
		job_id=f"auto_service_mailing::{name}",
		deduplicate=not now,
		enqueue_after_commit=not now,
		now=now,
	)


def plan(mailing) -> tuple[list[RecipientDecision], list[dict]]:
	"""Decisions for the mailing's audience now (the counts shown before sending use the same)."""
	clients = audience.load_audience(mailing)
	emails = [c["email"] for c in clients if c.get("email")]
	opted_out = audience.unsubscribed_emails(emails) if EMAIL in channels_of(mailing) else set()
	try:
		return plan_recipients(mailing.kind, channels_of(mailing), clients, opted_out), clients
	except RuleError as error:
		frappe.throw(_(error.message).format(*error.args_for_message))


def run_mailing(mailing: str) -> None:
	doc = frappe.get_doc("Mailing", mailing)
	if doc.docstatus != 1:
		return
	doc.db_set({"status": "Sending", "started_on": doc.started_on or now_datetime()}, commit=True)
	try:
		if not frappe.db.exists("Mailing Recipient", {"mailing": doc.name}):
			write_plan(doc)
		send_queued(doc)
	finally:
		write_totals(doc)
		frappe.db.commit()


def write_plan(doc) -> None:
	decisions, clients = plan(doc)
	names = {c["customer"]: c.get("customer_name") for c in clients}
	now = now_datetime()
	user = frappe.session.user
	rows = [
		(
			frappe.generate_hash(length=12),
			now,
			now,
			user,
			user,
			doc.name,
			d.customer,
			names.get(d.customer),
			d.channel,
			d.address,
			QUEUED if d.sends else EXCLUDED,
			d.reason,
		)
		for d in decisions
	]
	frappe.db.bulk_insert(
		"Mailing Recipient",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"mailing",
			"customer",
			"customer_name",
			"channel",
			"address",
			"status",
			"reason",
		],
		rows,
		chunk_size=2000,
	)
	frappe.db.commit()
	frappe.publish_progress(
		0, title=_("Sending mailing {0}").format(doc.name), doctype="Mailing", docname=doc.name
	)


def _queued_rows(doc) -> list[dict]:
	recipient = frappe.qb.DocType("Mailing Recipient")
	return (
		frappe.qb.from_(recipient)
		.select(
			recipient.name, recipient.customer, recipient.customer_name, recipient.channel, recipient.address
		)
		.where((recipient.mailing == doc.name) & (recipient.status == QUEUED))
		.orderby(recipient.creation)
		.orderby(recipient.name)
		.run(as_dict=True)
	)


def _current_consent(customers: list[str]) -> dict[str, dict]:
	customer = frappe.qb.DocType("Customer")
	rows = (
		frappe.qb.from_(customer)
		.select(customer.name, customer.as_sms_consent, customer.as_email_consent)
		.where(customer.name.isin(customers))
		.run(as_dict=True)
	)
	return {row.name: row for row in rows}


def send_queued(doc) -> None:
	rows = _queued_rows(doc)
	total = len(rows)
	if not total:
		return
	sms_template = templates.compile_text(doc.sms_text, _("SMS Text")) if doc.sms_text else None
	subject_template = templates.compile_text(doc.subject, _("Subject")) if doc.subject else None
	body_template = templates.compile_text(doc.message, _("Message")) if doc.message else None
	gateway = transport.sms_gateway() if any(r.channel == SMS for r in rows) else None
	texts = [doc.sms_text, doc.subject, doc.message]
	about = templates.reference_context(doc.reference_doctype, doc.reference_name)
	done = 0
	for start in range(0, total, CHUNK):
		if frappe.db.get_value("Mailing", doc.name, "docstatus") != 1:
			return  # cancelled while sending: the rest stays Queued
		chunk = rows[start : start + CHUNK]
		customers = sorted({r.customer for r in chunk})
		consent = _current_consent(customers)
		opted_out = audience.unsubscribed_emails([r.address for r in chunk if r.channel == EMAIL])
		contexts = templates.contexts(
			[{"customer": r.customer, "customer_name": r.customer_name} for r in chunk], texts
		)
		updates, outgoing = {}, []
		for row in chunk:
			planned = RecipientDecision(row.customer, row.channel, row.address, None)
			reason = decide_at_queue(doc.kind, planned, consent.get(row.customer) or {}, opted_out)
			if reason:
				updates[row.name] = {"status": EXCLUDED, "reason": reason}
				continue
			context = {**contexts[row.customer], **about}
			if row.channel == SMS:
				text, error = _sms_text(sms_template, context)
				outgoing.append([row, _("SMS: {0}").format(doc.title), text, error])
			else:
				subject = templates.render(subject_template, context)
				text = templates.render(body_template, templates.escaped(context))
				outgoing.append([row, subject, text, _send_email(doc, row.address, subject, text)])
		sms = [item for item in outgoing if item[0].channel == SMS and not item[3]]
		for item, error in zip(
			sms, gateway.send_many([(i[0].address, i[2]) for i in sms]) if sms else [], strict=True
		):
			item[3] = error
		communications, communication_rows = [], []
		for row, subject, text, error in outgoing:
			if error:
				updates[row.name] = {"status": FAILED, "reason": error[:140]}
				continue
			updates[row.name] = {"status": SENT, "reason": None, "sent_on": now_datetime()}
			communications.append(row.name)
			communication_rows.append(
				transport.communication_row(
					row.customer, row.channel, row.address, subject, text, reference=("Mailing", doc.name)
				)
			)
		for row_name, communication in zip(
			communications, transport.insert_communications(communication_rows), strict=True
		):
			updates[row_name]["communication"] = communication
		frappe.db.bulk_update("Mailing Recipient", updates, chunk_size=CHUNK, update_modified=True)
		frappe.db.commit()
		done += len(chunk)
		frappe.publish_progress(
			done * 100 / total,
			title=_("Sending mailing {0}").format(doc.name),
			doctype="Mailing",
			docname=doc.name,
			description=_("{0} of {1}").format(done, total),
		)


def _sms_text(template, context: dict) -> tuple[str, str | None]:
	text = templates.render(template, context)
	try:
		check_sms_text(text)
	except RuleError as error:
		return text, _(error.message).format(*error.args_for_message)
	return text, None


def _send_email(doc, address: str, subject: str, html: str) -> str | None:
	from auto_service.notices import invoice_attachment

	try:
		transport.send_email(
			address,
			subject,
			html,
			"Mailing",
			doc.name,
			advertising=doc.kind == ADVERTISING,
			attachments=invoice_attachment(doc),
		)
	except Exception as error:  # one bad address must not stop the others: kept on its row
		frappe.clear_last_message()
		return _("E-mail not queued: {0}").format(str(error)[:100])
	return None


def write_totals(doc) -> None:
	recipient = frappe.qb.DocType("Mailing Recipient")
	counts = dict(
		frappe.qb.from_(recipient)
		.select(recipient.status, frappe.query_builder.functions.Count("*"))
		.where(recipient.mailing == doc.name)
		.groupby(recipient.status)
		.run()
	)
	sent, failed, queued = cint(counts.get(SENT)), cint(counts.get(FAILED)), cint(counts.get(QUEUED))
	if frappe.db.get_value("Mailing", doc.name, "docstatus") == 2:
		status = "Cancelled"
	elif queued:
		status = "Sending" if sent or failed else "Queued"
	elif failed and sent:
		status = "Partly Failed"
	elif failed:
		status = "Failed"
	else:
		status = "Sent"
	doc.db_set(
		{
			"total_sent": sent,
			"total_failed": failed,
			"total_excluded": cint(counts.get(EXCLUDED)),
			"status": status,
			"finished_on": None if queued else now_datetime(),
		},
		notify=True,
	)
	frappe.publish_realtime(
		"auto_service_mailing_done",
		{"mailing": doc.name, "status": status, "sent": sent, "failed": failed},
		doctype="Mailing",
		docname=doc.name,
		after_commit=True,
	)


def retry_failed(doc) -> int:
	"""Put the failed rows back to Queued and start the job again (it also picks up rows an interrupted
	job left Queued); returns how many failed rows go again."""
	recipient = frappe.qb.DocType("Mailing Recipient")
	failed = (
		frappe.qb.from_(recipient)
		.select(recipient.name)
		.where((recipient.mailing == doc.name) & (recipient.status == FAILED))
		.run(pluck=True)
	)
	if failed:
		frappe.qb.update(recipient).set(recipient.status, QUEUED).set(recipient.reason, None).where(
			recipient.name.isin(failed)
		).run()
	if failed or frappe.db.exists("Mailing Recipient", {"mailing": doc.name, "status": QUEUED}):
		doc.db_set("status", "Queued")
		enqueue_mailing(doc.name)
	return len(failed)


def run_due_mailings() -> None:
	"""Scheduler (every few minutes): start the scheduled mailings whose time has come."""
	mailing = frappe.qb.DocType("Mailing")
	due = (
		frappe.qb.from_(mailing)
		.select(mailing.name)
		.where(
			(mailing.docstatus == 1)
			& (mailing.status == "Scheduled")
			& (mailing.scheduled_at <= now_datetime())
		)
		.limit(100)
		.run(pluck=True)
	)
	for name in due:
		frappe.db.set_value("Mailing", name, "status", "Queued")
		enqueue_mailing(name)
	frappe.db.commit()
