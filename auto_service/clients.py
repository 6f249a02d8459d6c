"""Clients (ERPNext Customer + Contact) as the shop sees them: one phone, one client, consent kept.

Frappe layer over the pure rules in ``phones``, ``people`` and ``consent``.

Phones follow two rules. Where the shop itself creates a private client (the new-client dialog, our API),
the phone must be a valid direct number, is stored in E.164 and must not belong to another client: that
code sets ``doc.flags.auto_service_strict_phone`` on the Contact. Everywhere else (the desk, ERPNext's own
flows such as Lead -> Customer, portal users, companies sharing a switchboard) a phone is stored as ERPNext
stores it, in canonical form when it is a valid number, and a client's phone that is not valid or that
another client has is saved with a warning.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType

from auto_service.exceptions import DuplicatePhoneError, InvalidPhoneError, throw_rule
from auto_service.i18n import RuleError
from auto_service.messages import bold, link
from auto_service.phones import normalize_phone, tidy_phone

STRICT_PHONE_FLAG = "auto_service_strict_phone"


def clean_phone(raw: str | None) -> str:
	"""E.164 form of ``raw`` or a translated :class:`InvalidPhoneError` (the strict rule)."""
	try:
		return normalize_phone(raw)
	except RuleError as err:
		throw_rule(err, InvalidPhoneError, _("Invalid phone number"))


def stored_phone(raw: str) -> str:
	"""What the lenient rule stores: the canonical form of a valid number, else ``raw`` as typed."""
	return tidy_phone(raw) or raw


def is_valid_phone(raw: str | None) -> bool:
	return tidy_phone(raw) is not None


def customers_with_phone(
	phones: list[str],
	exclude_customers: list[str],
	exclude_contact: str | None = None,
	for_update: bool = False,
) -> list[dict]:
	"""Customers (other than ``exclude_customers``) whose contacts already have one of ``phones``.

	``for_update``: a locking read, which sees rows other transactions committed after this one began."""
	if not phones:
		return []
	contact_phone = DocType("Contact Phone")
	link = DocType("Dynamic Link")
	customer = DocType("Customer")
	query = (
		frappe.qb.from_(contact_phone)
		.join(link)
		.on((link.parent == contact_phone.parent) & (link.parenttype == "Contact"))
		.join(customer)
		.on(customer.name == link.link_name)
		.select(contact_phone.phone, customer.name.as_("customer"), customer.customer_name)
		.where(contact_phone.parenttype == "Contact")
		.where(contact_phone.phone.isin(phones))
		.where(link.link_doctype == "Customer")
	)
	if exclude_customers:
		query = query.where(customer.name.notin(exclude_customers))
	if exclude_contact:
		query = query.where(contact_phone.parent != exclude_contact)
	if for_update:
		query = query.for_update()
	rows = query.run(as_dict=True)
	return list({(row.phone, row.customer): row for row in rows}.values())


PHONE_LOCK_SECONDS = 20


def lock_phones(phones: list[str]) -> None:
	"""MariaDB named locks, one per phone (sorted: no deadlock), released when the transaction ends."""
	for phone in sorted(set(phones)):
		key = f"auto_service:phone:{phone}"
		if not frappe.db.sql("select get_lock(%s, %s)", (key, PHONE_LOCK_SECONDS))[0][0]:
			frappe.throw(
				_("The phone is being saved by someone else: try again."), exc=frappe.ValidationError
			)
		release = lambda key=key: frappe.db.sql("select release_lock(%s)", (key,))  # noqa: E731
		frappe.db.after_commit.add(release)
		frappe.db.after_rollback.add(release)


def ensure_phones_free(phones: list[str], customers: list[str], contact: str | None = None) -> None:
	"""Refuse a phone that already belongs to another client, naming that client (the strict rule).

	Check-then-insert under a lock per phone, held to the end of the transaction: two clients saved with
	one phone at the same moment queue here, and the second sees the first (a locking read)."""
	lock_phones(phones)
	taken = customers_with_phone(phones, customers, contact, for_update=True)
	if taken:
		row = taken[0]
		frappe.throw(
			_(
				"Phone {0} already belongs to client {1}. Open that client instead, or tick "
				'"Shared phone (family)" to give the same phone to another client on purpose.'
			).format(*_phone_and_client(row)),
			exc=DuplicatePhoneError,
			title=_("Duplicate phone"),
		)


def warn_phones_taken(phones: list[str], customers: list[str], contact: str | None = None) -> None:
	"""Say, without refusing, which of ``phones`` other clients already have (the lenient rule)."""
	for row in customers_with_phone(phones, customers, contact):
		frappe.msgprint(
			_(
				"Phone {0} also belongs to client {1}. It was saved: check that it is a shared number "
				"(a family, a company's switchboard), or open that client instead."
			).format(*_phone_and_client(row)),
			title=_("Duplicate phone"),
			indicator="orange",
		)


def warn_invalid_phones(phones: list[str]) -> None:
	"""Say that a client's phone is kept as typed and what that costs (the lenient rule)."""
	for phone in phones:
		frappe.msgprint(
			_(
				"Phone {0} is not a valid number and was saved as typed: the client cannot be found by "
				"it. Check the number of digits and the country code."
			).format(bold(phone)),
			title=_("Invalid phone number"),
			indicator="orange",
		)


def _phone_and_client(row: dict) -> tuple[str, str]:
	"""The phone and a link to its client for a message, both escaped: staff typed them."""
	return (
		bold(row.phone),
		link("Customer", row.customer, row.customer_name),
	)


# the highest odometer reading the shop accepts, km (restored: defined here for api/clients.py)
MAX_MILEAGE = 2_000_000


def record_mileage(vehicle: str, mileage: int, on_date) -> None:
	"""The car's last known mileage, as read at intake or at hand-over."""
	frappe.db.set_value("Customer Vehicle", vehicle, {"last_mileage": mileage, "last_mileage_date": on_date})


def ensure_vehicle_of(customer: str, vehicle: str) -> None:
	"""An act, an order or a visit is for a car of its client (the current owner)."""
	owner = frappe.db.get_value("Customer Vehicle", vehicle, "customer")
	if owner != customer:
		frappe.throw(
			_("Vehicle {0} belongs to client {1}, not to {2}.").format(vehicle, owner, customer),
			title=_("Wrong vehicle"),
		)
