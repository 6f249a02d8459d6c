"""How messages leave: SMS through Frappe's SMS Settings gateway, e-mail through Frappe's Email Queue.

Frappe's ``send_sms`` sends one HTTP request per number in the web request, without a timeout, and stops
at the first number the gateway refuses. Here the gateway settings (URL, message and receiver parameters,
static parameters and headers, GET/POST/JSON) are Frappe's own, read with its ``get_headers``; each number
is one request with a timeout on a kept-alive session (a few in parallel), and each failure is captured
for that number only.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import frappe
import requests
from frappe import _
from frappe.core.doctype.sms_settings.sms_settings import get_headers
from frappe.utils import now_datetime

SMS_TIMEOUT_SECONDS = 10
# requests in flight at once: gateways (SMS.ru, SMSC, SMS Aero) take parallel calls; one per number still
SMS_CONCURRENCY = 8


class SmsGatewayNotConfiguredError(frappe.ValidationError):
	pass


@dataclass
class SmsGateway:
	url: str
	receiver_parameter: str
	message_parameter: str
	static: dict
	headers: dict
	use_post: bool
	use_json: bool
	_local: threading.local = field(default_factory=threading.local)

	def _post(self, phone: str, text: str) -> tuple[str, str] | None:
		"""One request (safe in a worker thread: no frappe calls). None when accepted, else (kind, detail)."""
		params = dict(self.static)
		params[self.message_parameter] = text
		params[self.receiver_parameter] = phone
		kwargs: dict = {"headers": self.headers, "timeout": SMS_TIMEOUT_SECONDS}
		if self.use_json:
			kwargs["json"] = params
		elif self.use_post:
			kwargs["data"] = params
		else:
			kwargs["params"] = params
		session = getattr(self._local, "session", None)
		if session is None:
			session = self._local.session = requests.Session()
		try:
			response = (session.post if self.use_post else session.get)(self.url, **kwargs)
		except requests.RequestException as error:
			return ("unreachable", type(error).__name__)
		if not 200 <= response.status_code < 300:
			return ("refused", f"{response.status_code} {response.text[:120]}")
		return None

	def send_many(self, messages: list[tuple[str, str]]) -> list[str | None]:
		"""Send ``(phone, text)`` pairs, SMS_CONCURRENCY at a time; per message None or why it failed."""
		with ThreadPoolExecutor(max_workers=SMS_CONCURRENCY) as pool:
			outcomes = list(pool.map(lambda message: self._post(*message), messages))
		return [_describe(outcome) for outcome in outcomes]

	def send(self, phone: str, text: str) -> str | None:
		return self.send_many([(phone, text)])[0]


def _describe(outcome: tuple[str, str] | None) -> str | None:
	if outcome is None:
		return None
	kind, detail = outcome
	if kind == "unreachable":
		return _("SMS gateway unreachable: {0}").format(detail)
	return _("SMS gateway refused: HTTP {0}").format(detail)


def sms_gateway() -> SmsGateway:
	settings = frappe.get_cached_doc("SMS Settings")
	if not settings.sms_gateway_url:
		frappe.throw(
			_("The SMS gateway is not set up: fill in SMS Settings (gateway URL and parameters)."),
			exc=SmsGatewayNotConfiguredError,
			title=_("SMS gateway"),
		)
	headers = get_headers(settings)
	return SmsGateway(
		url=settings.sms_gateway_url,
		receiver_parameter=settings.receiver_parameter,
		message_parameter=settings.message_parameter,
		static={row.parameter: row.value for row in settings.parameters if not row.header},
		headers=headers,
		use_post=bool(settings.use_post),
		use_json=headers.get("Content-Type") == "application/json",
	)


def sms_gateway_configured() -> bool:
	return bool(frappe.db.get_single_value("SMS Settings", "sms_gateway_url"))


def send_email(
	address: str,
	subject: str,
	html: str,
	reference_doctype: str,
	reference_name: str,
	advertising: bool,
	attachments: list | None = None,
) -> None:
	"""Put one e-mail into Frappe's Email Queue. Advertising carries Frappe's unsubscribe link."""
	frappe.sendmail(
		recipients=[address],
		subject=subject,
		message=html,
		reference_doctype=reference_doctype,
		reference_name=reference_name,
		add_unsubscribe_link=1 if advertising else 0,
		unsubscribe_message=_("Unsubscribe from advertising") if advertising else None,
		attachments=attachments,
		delayed=True,
	)


def communication_row(
	customer: str,
	channel: str,
	address: str,
	subject: str,
	content: str,
	sent_or_received: str = "Sent",
	reference: tuple[str, str] | None = None,
) -> dict:
	"""The fields of a Communication on the client's timeline, for :func:`insert_communications`."""
	return {
		"communication_type": "Communication",
		"communication_medium": "SMS" if channel == "SMS" else "Email",
		"sent_or_received": sent_or_received,
		"subject": subject[:140],
		"content": content,
		"phone_no": address if channel == "SMS" else None,
		"sender" if sent_or_received == "Received" else "recipients": address,
		"reference_doctype": (reference or ("Customer", customer))[0],
		"reference_name": (reference or ("Customer", customer))[1],
		"timeline_customer": customer,
		"status": "Linked",
		"delivery_status": "Sent" if sent_or_received == "Sent" else None,
	}


def insert_communications(rows: list[dict]) -> list[str]:
	"""Insert Communications in bulk (with their timeline link to the Customer); returns their names.

	Sending to 10,000 clients makes 10,000 Communications: one ``insert()`` each (hooks, naming, timeline
	link child save, notifications) costs more than the sending itself, so plain rows are written in bulk.
	"""
	if not rows:
		return []
	now = now_datetime()
	user = frappe.session.user
	names = [frappe.generate_hash(length=10) for _row in rows]
	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"communication_date",
		"communication_type",
		"communication_medium",
		"sent_or_received",
		"subject",
		"content",
		"phone_no",
		"recipients",
		"sender",
		"reference_doctype",
		"reference_name",
		"status",
		"delivery_status",
	]
	values = [
		(
			name,
			now,
			now,
			user,
			user,
			now,
			row["communication_type"],
			row["communication_medium"],
			row["sent_or_received"],
			row["subject"],
			row["content"],
			row.get("phone_no"),
			row.get("recipients"),
			row.get("sender"),
			row["reference_doctype"],
			row["reference_name"],
			row["status"],
			row.get("delivery_status"),
		)
		for name, row in zip(names, rows, strict=True)
	]
	frappe.db.bulk_insert("Communication", fields, values)
	links = [
		(
			frappe.generate_hash(length=10),
			now,
			now,
			user,
			user,
			name,
			"timeline_links",
			"Communication",
			1,
			"Customer",
			row["timeline_customer"],
		)
		for name, row in zip(names, rows, strict=True)
		if row.get("timeline_customer")
	]
	frappe.db.bulk_insert(
		"Communication Link",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"parent",
			"parentfield",
			"parenttype",
			"idx",
			"link_doctype",
			"link_name",
		],
		links,
	)
	return names
