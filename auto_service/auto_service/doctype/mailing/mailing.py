# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt
"""Рассылка: an SMS and/or e-mail to one client, a group or everyone, sent by a background job."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from auto_service.consent import EMAIL, SMS
from auto_service.i18n import RuleError
from auto_service.messaging import sending, spellcheck, templates, transport
from auto_service.sms_text import check_sms_text, cost_estimate, sms_length

COMPUTED_FIELDS = (
	"status",
	"recipients_sms",
	"recipients_email",
	"excluded_count",
	"exclusion_summary",
	"sms_encoding",
	"sms_parts",
	"cost_estimate",
	"spell_check_status",
	"spelling_errors",
	"total_sent",
	"total_failed",
	"total_excluded",
	"started_on",
	"finished_on",
)


ESTIMATE_SAMPLE = 200
REFERENCE_DOCTYPES = ("Repair Order", "Master Schedule Slot", "Sales Invoice")


class MailingError(frappe.ValidationError):
	pass


class SmsTooLongError(frappe.ValidationError):
	pass


class Mailing(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		audience: DF.Literal["One Client", "Group", "All Clients"]
		booked_on: DF.Date | None
		channel: DF.Literal["SMS", "Email", "SMS and Email"]
		cost_estimate: DF.Currency
		customer: DF.Link | None
		customer_group: DF.Link | None
		email_template: DF.Link | None
		excluded_count: DF.Int
		exclusion_summary: DF.SmallText | None
		finished_on: DF.Datetime | None
		has_open_order: DF.Check
		kind: DF.Literal["Service", "Advertising"]
		last_visit_after: DF.Date | None
		last_visit_before: DF.Date | None
		lead_source: DF.Link | None
		master: DF.Link | None
		message: DF.TextEditor | None
		no_visit_months: DF.Int
		notice_key: DF.Data | None
		override_spelling: DF.Check
		recipients_email: DF.Int
		recipients_sms: DF.Int
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		scheduled_at: DF.Datetime | None
		send_time: DF.Literal["Immediately", "Scheduled"]
		sms_encoding: DF.Data | None
		sms_parts: DF.Int
		sms_template: DF.Link | None
		sms_text: DF.SmallText | None
		spell_check_status: DF.Literal["Not Checked", "No Errors", "Errors Found"]
		spelling_errors: DF.SmallText | None
		started_on: DF.Datetime | None
		status: DF.Literal[
			"Draft", "Scheduled", "Queued", "Sending", "Sent", "Partly Failed", "Failed", "Cancelled"
		]
		subject: DF.Data | None
		title: DF.Data
		total_excluded: DF.Int
		total_failed: DF.Int
		total_sent: DF.Int
		vehicle_make: DF.Data | None
		vehicle_model: DF.Data | None
		year_from: DF.Int
		year_to: DF.Int

	# end: auto-generated types
	def validate(self) -> None:
		self.reset_computed_fields()
		self.fill_from_templates()
		self.validate_texts()
		self.validate_audience_fields()
		self.validate_reference()
		self.validate_send_time()
		self.check_spelling()
		self.estimate()

	def before_submit(self) -> None:
		self.validate_transports()
		if self.spell_check_status == "Errors Found" and not self.override_spelling:
			frappe.throw(
				_("The text has spelling errors: fix them or tick «Send Despite Spelling Errors»."),
				exc=spellcheck.SpellingErrorsError,
				title=_("Spelling errors"),
			)
		if not (self.recipients_sms or self.recipients_email):
			frappe.throw(
				_("Nobody in this audience may receive this message: see who is excluded and why."),
				exc=MailingError,
				title=_("No recipients"),
			)
		self.status = "Scheduled" if self.send_time == "Scheduled" else "Queued"

	def on_submit(self) -> None:
		if self.status == "Queued":
			sending.enqueue_mailing(self.name)

	def on_cancel(self) -> None:
		self.db_set("status", "Cancelled")

	# ------------------------------------------------------------------ validate steps
	def reset_computed_fields(self) -> None:
		"""Computed fields come from the controller, whatever a REST client sent."""
		before = self.get_doc_before_save()
		for field in COMPUTED_FIELDS:
			self.set(field, before.get(field) if before else None)
		if self.docstatus == 0:
			self.status = "Draft"

	def channels(self) -> tuple[str, ...]:
		return sending.channels_of(self)

	def fill_from_templates(self) -> None:
		if SMS in self.channels() and self.sms_template and not self.sms_text:
			self.sms_text = frappe.db.get_value("SMS Template", self.sms_template, "text")
		if EMAIL in self.channels() and self.email_template and not (self.subject and self.message):
			template = frappe.get_cached_doc("Email Template", self.email_template)
			self.subject = self.subject or template.subject
			self.message = self.message or (
				template.response_html if template.use_html else template.response
			)

	def validate_texts(self) -> None:
		if SMS in self.channels():
			try:
				length = check_sms_text(self.sms_text)
			except RuleError as error:
				frappe.throw(
					_(error.message).format(*error.args_for_message), exc=SmsTooLongError, title=_("SMS text")
				)
			templates.compile_text(self.sms_text, _("SMS Text"))
			self.sms_encoding, self.sms_parts = length.encoding, length.parts
		else:
			self.sms_text = self.sms_template = None
		if EMAIL in self.channels():
			if not (self.subject or "").strip() or not (self.message or "").strip():
				frappe.throw(
					_("Fill in the e-mail subject and message."), exc=MailingError, title=_("E-mail")
				)
			templates.compile_text(self.subject, _("Subject"))
			templates.compile_text(self.message, _("Message"))
		else:
			self.subject = self.message = self.email_template = None

	def validate_audience_fields(self) -> None:
		if self.audience == "One Client" and not self.customer:
			frappe.throw(_("Choose the client."), exc=MailingError, title=_("Audience"))
		if self.audience != "One Client":
			self.customer = None
		if self.audience != "Group":
			for field in (
				"customer_group",
				"lead_source",
				"master",
				"has_open_order",
				"booked_on",
				"last_visit_after",
				"last_visit_before",
				"no_visit_months",
				"vehicle_make",
				"vehicle_model",
				"year_from",
				"year_to",
			):
				self.set(field, None)
		if (self.no_visit_months or 0) < 0 or (self.no_visit_months or 0) > 240:
			frappe.throw(_("«No visit for» must be between 0 and 240 months."), exc=MailingError)
		if self.year_from and self.year_to and self.year_from > self.year_to:
			frappe.throw(_("The vehicle year range is reversed: «from» is after «to»."), exc=MailingError)

	def validate_reference(self) -> None:
		"""A mailing made from a repair order or a visit is about that client's document."""
		before = self.get_doc_before_save()
		if before:  # set once, by the code that makes the mailing
			self.reference_doctype, self.reference_name = before.reference_doctype, before.reference_name
			self.notice_key = before.notice_key
		elif not self.flags.service_notice:
			self.notice_key = None  # only service notices carry one (it blocks a second notice)
		if not self.reference_doctype:
			self.reference_name = None
			return
		if self.reference_doctype not in REFERENCE_DOCTYPES or self.audience != "One Client":
			frappe.throw(_("A mailing can refer only to one client's repair order, visit or invoice."))
		if frappe.db.get_value(self.reference_doctype, self.reference_name, "customer") != self.customer:
			frappe.throw(
				_("{0} {1} is not of client {2}.").format(
					_(self.reference_doctype), self.reference_name, self.customer
				)
			)

	def validate_send_time(self) -> None:
		if self.send_time != "Scheduled":
			self.scheduled_at = None
		elif not self.scheduled_at:
			frappe.throw(_("Say when to send the mailing."), exc=MailingError)
		elif self.docstatus == 0 and get_datetime(self.scheduled_at) < now_datetime():
			frappe.throw(_("The sending time is in the past: choose a later one."), exc=MailingError)

	def check_spelling(self) -> None:
		errors = []
		for text in (self.sms_text, self.subject, self.message):
			errors += spellcheck.check(text)
		self.spell_check_status = "Errors Found" if errors else "No Errors"
		self.spelling_errors = ", ".join(sorted({e["word"] for e in errors}))[:1000] or None

	def estimate(self) -> None:
		if self.docstatus != 0:
			return
		decisions, clients = sending.plan(self)
		sends = [d for d in decisions if d.sends]
		self.sms_parts = self.rendered_sms_parts(sends, clients)
		self.recipients_sms = sum(1 for d in sends if d.channel == SMS)
		self.recipients_email = sum(1 for d in sends if d.channel == EMAIL)
		excluded: dict[str, int] = {}
		for decision in decisions:
			if not decision.sends:
				excluded[decision.reason] = excluded.get(decision.reason, 0) + 1
		self.excluded_count = sum(excluded.values())
		self.exclusion_summary = "\n".join(
			f"{_(reason)}: {count}" for reason, count in sorted(excluded.items())
		)
		price = frappe.db.get_single_value("Auto Service Settings", "sms_cost_per_part") or 0
		self.cost_estimate = cost_estimate(self.sms_parts or 0, self.recipients_sms or 0, price)

	def rendered_sms_parts(self, sends: list, clients: list[dict]) -> int:
		"""Parts per SMS as the first recipients will get it (a name or a plate may add a part): the
		largest of the template itself and its text rendered for up to ESTIMATE_SAMPLE recipients."""
		if SMS not in self.channels() or not self.sms_text:
			return self.sms_parts or 0
		names = {d.customer for d in sends if d.channel == SMS}
		sample = [c for c in clients if c["customer"] in names][:ESTIMATE_SAMPLE]
		template = templates.compile_text(self.sms_text, _("SMS Text"))
		about = templates.reference_context(self.reference_doctype, self.reference_name)
		contexts = templates.contexts(sample, [self.sms_text])
		rendered = [templates.render(template, {**contexts[c["customer"]], **about}) for c in sample]
		return max([self.sms_parts or 0, *(sms_length(text).parts for text in rendered)])

	def validate_transports(self) -> None:
		if SMS in self.channels() and self.recipients_sms and not transport.sms_gateway_configured():
			frappe.throw(
				_("The SMS gateway is not set up: fill in SMS Settings (gateway URL and parameters)."),
				exc=transport.SmsGatewayNotConfiguredError,
				title=_("SMS gateway"),
			)
		if (
			EMAIL in self.channels()
			and self.recipients_email
			and not frappe.db.exists("Email Account", {"enable_outgoing": 1})
		):
			frappe.throw(
				_("No outgoing e-mail account: set one up in Email Account."),
				exc=MailingError,
				title=_("E-mail"),
			)
