"""What clients send back: an SMS reply (STOP withdraws SMS consent) and Frappe's unsubscribe link."""

import re

import frappe
from frappe import _

from auto_service.clients import customers_with_phone
from auto_service.consent import CONSENT_FIELDS, EMAIL, SMS
from auto_service.messaging import transport
from auto_service.phones import try_normalize_phone

STOP_WORDS = {"STOP", "СТОП", "ОТПИСАТЬСЯ", "ОТПИСКА", "UNSUBSCRIBE"}
MAX_INBOUND_LENGTH = 2000


def is_stop(text: str | None) -> bool:
	"""A reply that asks to stop: the first word is STOP / СТОП / ОТПИСАТЬСЯ (any case, punctuation)."""
	words = re.findall(r"[A-Za-zА-Яа-яЁё]+", (text or "").upper())
	return bool(words) and words[0] in STOP_WORDS


def withdraw_consent(customers: list[str], channel: str, method: str) -> list[str]:
	"""Withdraw advertising consent on ``channel`` for ``customers``; the Customer hook writes the log.

	Returns the customers whose consent was withdrawn now (those without consent are left as they are).
	"""
	flag, _date, method_field, _by = CONSENT_FIELDS[channel]
	withdrawn = []
	for name in customers:
		customer = frappe.get_doc("Customer", name)
		if not customer.get(flag):
			continue
		customer.set(flag, 0)
		customer.set(method_field, method)
		customer.flags.ignore_permissions = True
		customer.save()
		withdrawn.append(name)
	return withdrawn


def customers_by_phone(phone: str) -> list[str]:
	customer = frappe.qb.DocType("Customer")
	names = set(
		frappe.qb.from_(customer).select(customer.name).where(customer.mobile_no == phone).run(pluck=True)
	)
	names.update(row["customer"] for row in customers_with_phone([phone], []))
	return sorted(names)


def receive_sms(phone: str, text: str) -> dict:
	"""Record an inbound SMS on the timeline of the client(s) with that phone; STOP withdraws SMS consent."""
	number = try_normalize_phone(phone) or (phone or "").strip()[:40]
	text = (text or "")[:MAX_INBOUND_LENGTH]
	customers = customers_by_phone(number)
	stop = is_stop(text)
	withdrawn = withdraw_consent(customers, SMS, "SMS reply") if stop else []
	rows = [
		transport.communication_row(
			name,
			SMS,
			number,
			_("Incoming SMS from {0}").format(number),
			frappe.utils.escape_html(text),
			"Received",
		)
		for name in customers
	]
	transport.insert_communications(rows)
	return {"customers": customers, "stop": stop, "withdrawn": withdrawn}


def on_email_unsubscribe(doc, method: str | None = None) -> None:
	"""Email Unsubscribe hook: following the link of one of our advertising e-mails (or a global opt-out)
	withdraws that address's e-mail consent, with the method «Unsubscribe link» in the consent log."""
	if not (doc.global_unsubscribe or doc.reference_doctype == "Mailing"):
		return
	email = (doc.email or "").strip()
	if not email:
		return
	customer = frappe.qb.DocType("Customer")
	names = (
		frappe.qb.from_(customer)
		.select(customer.name)
		.where(customer.email_id == email)
		.where(customer.as_email_consent == 1)
		.run(pluck=True)
	)
	withdrawn = withdraw_consent(names, EMAIL, "Unsubscribe link")
	rows = [
		transport.communication_row(
			name,
			EMAIL,
			email,
			_("Unsubscribed from advertising e-mails"),
			_("{0} followed the unsubscribe link: e-mail advertising consent withdrawn.").format(
				frappe.utils.escape_html(email)
			),
			"Received",
		)
		for name in withdrawn
	]
	transport.insert_communications(rows)
