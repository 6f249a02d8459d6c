"""Real transports on 127.0.0.1 for tests and benchmarks: an SMS gateway over HTTP and an SMTP server.

Not used by the app itself. The gateway answers 200 to every number except those in ``failing`` (500)
and records what arrived; the SMTP server (aiosmtpd) records every e-mail it receives.
"""

import json
import threading
import urllib.parse
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import frappe


class SmsGatewayDouble:
	def __init__(self, failing: set[str] | None = None) -> None:
		self.failing = set(failing or ())
		self.received: list[dict] = []
		self.lock = threading.Lock()
		double = self

		class Handler(BaseHTTPRequestHandler):
			protocol_version = "HTTP/1.1"
			disable_nagle_algorithm = True  # else each answer waits for the client's delayed ACK (40 ms)

			def _answer(self, params: dict) -> None:
				phone = params.get("to", "")
				with double.lock:
					double.received.append(params)
				status = 500 if phone in double.failing else 200
				body = b"ERROR" if status == 500 else b"OK"
				self.send_response(status)
				self.send_header("Content-Length", str(len(body)))
				self.end_headers()
				self.wfile.write(body)

			def do_GET(self):
				query = urllib.parse.urlparse(self.path).query
				self._answer({k: v[0] for k, v in urllib.parse.parse_qs(query).items()})

			def do_POST(self):
				length = int(self.headers.get("Content-Length") or 0)
				raw = self.rfile.read(length).decode()
				if self.headers.get("Content-Type", "").startswith("application/json"):
					self._answer(json.loads(raw))
				else:
					self._answer({k: v[0] for k, v in urllib.parse.parse_qs(raw).items()})

			def log_message(self, *args):
				pass

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.server.daemon_threads = True
		self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
		self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

	def __enter__(self) -> "SmsGatewayDouble":
		self.thread.start()
		return self

	def __exit__(self, *exc) -> None:
		self.server.shutdown()
		self.server.server_close()

	def texts_to(self, phone: str) -> list[str]:
		return [r.get("text") for r in self.received if r.get("to") == phone]


def configure_sms_settings(url: str, use_post: bool = True) -> None:
	"""Point Frappe's SMS Settings at ``url`` (receiver ``to``, message ``text``, a static api_id)."""
	settings = frappe.get_single("SMS Settings")
	settings.sms_gateway_url = url
	settings.message_parameter = "text"
	settings.receiver_parameter = "to"
	settings.use_post = 1 if use_post else 0
	settings.set("parameters", [{"parameter": "api_id", "value": "test-key", "header": 0}])
	settings.save(ignore_permissions=True)
	frappe.clear_document_cache("SMS Settings", "SMS Settings")


class SmtpDouble:
	"""aiosmtpd on 127.0.0.1:<free port>; ``messages`` holds (envelope recipients, email.message)."""

	def __init__(self) -> None:
		import socket

		from aiosmtpd.controller import Controller

		with socket.socket() as s:
			s.bind(("127.0.0.1", 0))
			self.port = s.getsockname()[1]
		self.messages: list = []
		double = self

		class Handler:
			async def handle_DATA(self, server, session, envelope):
				import email

				double.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
				return "250 OK"

		self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

	def __enter__(self) -> "SmtpDouble":
		self.controller.start()
		return self

	def __exit__(self, *exc) -> None:
		self.controller.stop()

	def to(self, address: str) -> list:
		return [m for rcpt, m in self.messages if address in rcpt]


def make_email_account(port: int, email_id: str = "shop-mailings@example.com") -> str:
	"""An outgoing Email Account on the local SMTP server (no login, no TLS)."""
	name = "AS Loopback Outgoing"
	if frappe.db.exists("Email Account", name):
		frappe.delete_doc("Email Account", name, force=True, ignore_permissions=True)
	account = frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": name,
			"email_id": email_id,
			"service": "",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"smtp_port": port,
			"use_tls": 0,
			"use_ssl_for_outgoing": 0,
			"no_smtp_authentication": 1,
			"awaiting_password": 0,
			"enable_incoming": 0,
		}
	)
	account.flags.ignore_validate = False
	account.insert(ignore_permissions=True)
	return account.name


def root_customer_group() -> str:
	"""The top Customer Group (its name depends on the language the site was set up in)."""
	return frappe.get_all(
		"Customer Group", filters={"is_group": 1}, pluck="name", order_by="lft asc", limit=1
	)[0]


@contextmanager
def no_commit():
	"""Keep a job's commits inside the test's transaction, so the test rolls everything back."""
	commit = frappe.db.commit
	frappe.db.commit = lambda *args, **kwargs: None
	try:
		yield
	finally:
		frappe.db.commit = commit


# ---------------------------------------------------------------- browser-test data (committed, then removed)


def browser_setup(group: str, gateway_url: str, names: list[str], consent: list[int]) -> None:
	"""Clients in customer group ``group`` (SMS consent as given) and SMS Settings pointed at the gateway."""
	from auto_service.api.clients import create_client
	from auto_service.tests.factories import unique_phone

	frappe.set_user("Administrator")
	if not frappe.db.exists("Customer Group", group):
		frappe.get_doc(
			{
				"doctype": "Customer Group",
				"customer_group_name": group,
				"parent_customer_group": root_customer_group(),
			}
		).insert(ignore_permissions=True)
	for name, sms in zip(names, consent, strict=True):
		result = create_client(
			full_name=name,
			mobile_no=unique_phone(),
			sms_consent=sms,
			consent_method="Written form" if sms else None,
		)
		frappe.db.set_value("Customer", result["customer"], "customer_group", group)
	configure_sms_settings(gateway_url)
	frappe.db.commit()


def browser_teardown(group: str) -> None:
	"""Remove what :func:`browser_setup` and the test made: mailings, their log, messages, clients."""
	frappe.set_user("Administrator")
	customers = frappe.get_all("Customer", filters={"customer_group": group}, pluck="name")
	mailings = frappe.get_all("Mailing", filters={"customer_group": group}, pluck="name")
	for name in mailings:
		frappe.db.delete("Mailing Recipient", {"mailing": name})
		communications = frappe.get_all(
			"Communication", filters={"reference_doctype": "Mailing", "reference_name": name}, pluck="name"
		)
		if communications:
			frappe.db.delete("Communication Link", {"parent": ["in", communications]})
			frappe.db.delete("Communication", {"name": ["in", communications]})
		frappe.db.delete("Mailing", {"name": name})
	for customer in customers:
		contacts = frappe.get_all(
			"Dynamic Link",
			filters={"link_doctype": "Customer", "link_name": customer, "parenttype": "Contact"},
			pluck="parent",
		)
		frappe.db.delete("Advertising Consent Log", {"customer": customer})
		frappe.delete_doc("Customer", customer, force=True, ignore_permissions=True)
		for contact in contacts:
			frappe.delete_doc("Contact", contact, force=True, ignore_permissions=True)
	if frappe.db.exists("Customer Group", group):
		frappe.delete_doc("Customer Group", group, force=True, ignore_permissions=True)
	frappe.db.commit()
