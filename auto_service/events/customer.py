"""Customer hooks: consent filled and kept as history, quick-entry phone tidied, Connections."""

import frappe
from frappe import _
from frappe.utils import now_datetime, nowdate

from auto_service.clients import stored_phone
from auto_service.consent import complete_consent, consent_changes
from auto_service.exceptions import ConsentError, throw_rule
from auto_service.i18n import RuleError


def validate(doc, method: str | None = None) -> None:
	fill_consent(doc)
	tidy_mobile_no(doc)


def tidy_mobile_no(doc) -> None:
	"""ERPNext makes the primary Contact from the quick-entry phone: store it in canonical form when it is a
	valid number, else as typed (the Contact hook warns about it; the strict rule is for the shop's own
	new-client dialog)."""
	if doc.get("mobile_no") and doc.has_value_changed("mobile_no"):
		doc.mobile_no = stored_phone(doc.mobile_no)


def fill_consent(doc) -> None:
	before = doc.get_doc_before_save()
	try:
		doc.update(
			complete_consent(
				doc.as_dict(), nowdate(), frappe.session.user, before.as_dict() if before else None
			)
		)
	except RuleError as err:
		throw_rule(err, ConsentError, _("Advertising consent"))


def on_update(doc, method: str | None = None) -> None:
	log_consent_changes(doc)


def log_consent_changes(doc) -> None:
	before = doc.get_doc_before_save()
	changes = consent_changes(before.as_dict() if before else None, doc.as_dict())
	for change in changes:
		frappe.get_doc(
			{
				"doctype": "Advertising Consent Log",
				"customer": doc.name,
				"customer_name": doc.customer_name,
				"channel": change.channel,
				"old_value": int(change.old),
				"new_value": int(change.new),
				"method": change.method,
				"changed_by": frappe.session.user,
				"changed_on": now_datetime(),
			}
		).insert(ignore_permissions=True)


def get_dashboard_data(data: dict) -> dict:
	"""Connections on Customer: the client's vehicles and consent history."""
	data["transactions"].insert(
		0,
		{
			"label": _("Auto Service"),
			"items": [
				"Customer Vehicle",
				"Master Schedule Slot",
				"Acceptance Act",
				"Repair Order",
				"Advertising Consent Log",
			],
		},
	)
	return data
