"""Service notices without code: booking confirmation, reminder the day before, «автомобиль готов»,
invoice with its PDF. Each is switched on per channel in Auto Service Settings, with its own template
(or the default text here), and sent as a one-client service Mailing by the same background job.

Never twice for one event: each notice carries a key (event + document + channel) stored in the Mailing's
unique ``notice_key``; a second attempt for the same event hits the unique index and is dropped.
"""

import frappe
from frappe import _, _lt
from frappe.utils import add_days, get_datetime, getdate, nowdate

# event: (settings prefix, default SMS text, default e-mail subject, default e-mail body)
NOTICES = {
	"booking": (
		"booking",
		_lt("{{ first_name }}, you are booked for {{ visit.date }} at {{ visit.time }}. {{ shop.name }}"),
		_lt("Your visit on {{ visit.date }} at {{ visit.time }}"),
		_lt(
			"<p>{{ first_name }}, you are booked for {{ visit.date }} at {{ visit.time }}.</p><p>{{ shop.name }}</p>"
		),
	),
	"reminder": (
		"reminder",
		_lt("{{ first_name }}, we remind you: tomorrow at {{ visit.time }} we wait for you. {{ shop.name }}"),
		_lt("Reminder: your visit tomorrow at {{ visit.time }}"),
		_lt(
			"<p>{{ first_name }}, we wait for you tomorrow, {{ visit.date }} at {{ visit.time }}.</p><p>{{ shop.name }}</p>"
		),
	),
	"ready": (
		"ready",
		_lt(
			"{{ first_name }}, your car {{ vehicle.plate }} is ready. Order {{ order.name }}: {{ order.total }}. {{ shop.name }}"
		),
		_lt("Your car is ready"),
		_lt(
			"<p>{{ first_name }}, your car {{ vehicle.plate }} is ready.</p><p>Order {{ order.name }}: {{ order.total }}.</p>"
		),
	),
	"invoice": (
		"invoice",
		None,
		_lt("Invoice {{ order.name }}"),
		_lt(
			"<p>{{ first_name }}, the invoice for order {{ order.name }} is attached.</p><p>{{ shop.name }}</p>"
		),
	),
}
EVENT_TITLES = {
	"booking": _lt("Booking confirmation"),
	"reminder": _lt("Visit reminder"),
	"ready": _lt("Car is ready"),
	"invoice": _lt("Invoice"),
}
ACTIVE_SLOT_STATUSES = ("Booked", "Confirmed")
SAVEPOINT = "auto_service_notice"


def _settings():
	return frappe.get_cached_doc("Auto Service Settings")


def _channels(event: str) -> list[str]:
	settings = _settings()
	prefix = NOTICES[event][0]
	channels = []
	if settings.get(f"{prefix}_notice_sms") and NOTICES[event][1]:
		channels.append("SMS")
	if settings.get(f"{prefix}_notice_email"):
		channels.append("Email")
	return channels


def send_notice(
	event: str, customer: str, reference_doctype: str, reference_name: str, key: str
) -> list[str]:
	"""Make and submit one service mailing per switched-on channel; skip those already sent for ``key``."""
	made = []
	if not customer:
		return made
	settings = _settings()
	prefix, sms_default, subject_default, body_default = NOTICES[event]
	for channel in _channels(event):
		notice_key = f"{key}:{channel}"
		if frappe.db.exists("Mailing", {"notice_key": notice_key}):
			continue
		values = {
			"doctype": "Mailing",
			"title": _("Notice «{0}»: {1}").format(EVENT_TITLES[event], reference_name),
			"channel": channel,
			"kind": "Service",
			"audience": "One Client",
			"customer": customer,
			"send_time": "Immediately",
			"notice_key": notice_key,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"override_spelling": 1,  # the administrator's template, checked when it was written
		}
		if channel == "SMS":
			template = settings.get(f"{prefix}_sms_template")
			values["sms_text"] = (
				frappe.db.get_value("SMS Template", template, "text") if template else str(sms_default)
			)
		else:
			template = settings.get(f"{prefix}_email_template")
			if template:
				values["email_template"] = template
			else:
				values["subject"], values["message"] = str(subject_default), str(body_default)
		doc = frappe.get_doc(values)
		doc.flags.ignore_permissions = True
		doc.flags.service_notice = True
		frappe.db.savepoint(SAVEPOINT)
		try:
			doc.insert()
			doc.submit()
		except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
			frappe.db.rollback(save_point=SAVEPOINT)
			continue  # the same event, sent by a concurrent request
		except Exception:
			# a notice must never stop the booking or the order: the reason stays in the error log
			frappe.db.rollback(save_point=SAVEPOINT)
			frappe.clear_last_message()
			frappe.log_error(
				title=_("Service notice not sent"),
				reference_doctype=reference_doctype,
				reference_name=reference_name,
			)
			continue
		frappe.db.release_savepoint(SAVEPOINT)
		made.append(doc.name)
	return made


def slot_after_insert(doc, method: str | None = None) -> None:
	"""Booking confirmation when a visit is booked (not for visits in the past)."""
	if doc.status in ACTIVE_SLOT_STATUSES and get_datetime(doc.starts_on) > get_datetime():
		send_notice("booking", doc.customer, doc.doctype, doc.name, f"booking:{doc.name}")


def repair_order_on_update_after_submit(doc, method: str | None = None) -> None:
	"""«Автомобиль готов» when the order becomes Ready (once per order: the notice key)."""
	before = doc.get_doc_before_save()
	if doc.status == "Ready" and (not before or before.status != "Ready"):
		send_notice("ready", doc.customer, doc.doctype, doc.name, f"ready:{doc.name}")


def sales_invoice_on_submit(doc, method: str | None = None) -> None:
	"""The invoice of a repair order goes to the client by e-mail with its PDF."""
	order = frappe.db.get_value("Repair Order", {"sales_invoice": doc.name, "docstatus": 1}, "name")
	if order and not doc.is_return:
		send_notice("invoice", doc.customer, "Sales Invoice", doc.name, f"invoice:{doc.name}")


def send_reminders() -> None:
	"""Scheduler, daily: remind every client booked for tomorrow."""
	tomorrow = getdate(add_days(nowdate(), 1))
	slot = frappe.qb.DocType("Master Schedule Slot")
	rows = (
		frappe.qb.from_(slot)
		.select(slot.name, slot.customer)
		.where(
			(slot.starts_on >= f"{tomorrow} 00:00:00")
			& (slot.starts_on <= f"{tomorrow} 23:59:59")
			& slot.status.isin(ACTIVE_SLOT_STATUSES)
			& slot.customer.isnotnull()
		)
		.run(as_dict=True)
	)
	for row in rows:
		send_notice("reminder", row.customer, "Master Schedule Slot", row.name, f"reminder:{row.name}")
	frappe.db.commit()


def invoice_attachment(mailing) -> list[dict] | None:
	"""The invoice's PDF for an invoice notice, rendered by Frappe's Email Queue when the e-mail leaves."""
	if mailing.reference_doctype != "Sales Invoice":
		return None
	return [
		{
			"print_format_attachment": 1,
			"doctype": "Sales Invoice",
			"name": mailing.reference_name,
			"file_name": mailing.reference_name,
		}
	]
