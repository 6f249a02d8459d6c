"""Whitelisted endpoints for the client base: the first-visit dialog and the client search."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, nowdate

from auto_service.api.arguments import as_json
from auto_service.clients import MAX_MILEAGE, clean_phone, ensure_phones_free, record_mileage
from auto_service.exceptions import throw_rule
from auto_service.i18n import N_, RuleError
from auto_service.people import split_full_name
from auto_service.phones import try_normalize_phone
from auto_service.vehicle_ids import normalize_plate

VEHICLE_FIELDS = (
	"license_plate",
	"other_format_plate",
	"vin",
	"no_vin",
	"body_number",
	"make",
	"model",
	"year",
	"colour",
	"registration_certificate",
	"last_mileage",
)


@frappe.whitelist(methods=["POST"])
def create_client(
	full_name: str,
	mobile_no: str | None = None,
	email_id: str | None = None,
	lead_source: str | None = None,
	sms_consent: int | bool = 0,
	email_consent: int | bool = 0,
	consent_method: str | None = None,
	shared_phone: int | bool = 0,
	vehicle: dict | str | None = None,
) -> dict:
	"""New client at the first visit: Customer + primary Contact (+ Customer Vehicle) in one step.

	All or nothing: when any part is refused (bad phone, duplicate phone, bad plate...) nothing is saved.
	"""
	frappe.has_permission("Customer", "create", throw=True)
	frappe.has_permission("Contact", "create", throw=True)
	vehicle = as_json(vehicle, N_("Client's vehicle"), dict) if vehicle not in (None, "") else None
	if vehicle:
		frappe.has_permission("Customer Vehicle", "create", throw=True)

	try:
		name = split_full_name(full_name)
	except RuleError as err:
		throw_rule(err)
	phone = clean_phone(mobile_no) if mobile_no else None
	if not (phone or email_id):
		frappe.throw(_("Enter the client's phone or e-mail."), title=_("No contacts"))
	if phone and not cint(shared_phone):
		ensure_phones_free([phone], [])

	savepoint = "as_create_client"
	frappe.db.savepoint(savepoint)
	try:
		customer = _insert_customer(
			name.display, lead_source, cint(sms_consent), cint(email_consent), consent_method
		)
		contact = _insert_contact(customer.name, name, phone, email_id, cint(shared_phone))
		customer.db_set(
			{
				"customer_primary_contact": contact.name,
				"mobile_no": contact.mobile_no,
				"email_id": contact.email_id,
			}
		)
		vehicle_name = _insert_vehicle(customer.name, vehicle) if vehicle else None
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		raise
	return {"customer": customer.name, "contact": contact.name, "vehicle": vehicle_name}


def _insert_customer(display_name, lead_source, sms_consent, email_consent, consent_method):
	method = consent_method if (sms_consent or email_consent) else None
	customer = frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": display_name,
			"customer_type": "Individual",
			"customer_group": _individual_customer_group(),
			"territory": frappe.db.get_single_value("Selling Settings", "territory")
			or _first("Territory", {"is_group": 0}),
			"as_lead_source": lead_source,
			"as_first_visit_date": nowdate(),
			"as_sms_consent": sms_consent,
			"as_sms_consent_method": method if sms_consent else None,
			"as_email_consent": email_consent,
			"as_email_consent_method": method if email_consent else None,
		}
	)
	return customer.insert()


def _individual_customer_group() -> str | None:
	"""People at the desk are private persons: ERPNext's "Individual" group, under its local name."""
	site_language = frappe.get_system_settings("language") or "en"
	for name in (_("Individual", lang=site_language), "Individual"):
		if frappe.db.exists("Customer Group", {"name": name, "is_group": 0}):
			return name
	return frappe.db.get_single_value("Selling Settings", "customer_group") or _first(
		"Customer Group", {"is_group": 0}
	)


def _first(doctype: str, filters: dict) -> str | None:
	names = frappe.get_all(doctype, filters=filters, pluck="name", limit=1, order_by="lft asc")
	return names[0] if names else None


def _insert_contact(customer, name, phone, email_id, shared_phone):
	contact = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": name.first_name,
			"middle_name": name.middle_name,
			"last_name": name.last_name,
			"is_primary_contact": 1,
			"as_shared_phone": shared_phone,
			"links": [{"link_doctype": "Customer", "link_name": customer}],
		}
	)
	# the shop's own new client: the strict phone rule (valid, E.164, nobody else's) in the Contact hook
	contact.flags.auto_service_strict_phone = True  # clients.STRICT_PHONE_FLAG
	if phone:
		contact.add_phone(phone, is_primary_mobile_no=1)
	if email_id:
		contact.add_email(email_id.strip(), is_primary=1)
	return contact.insert()


def _insert_vehicle(customer: str, vehicle: dict) -> str:
	if not isinstance(vehicle, dict):
		frappe.throw(_("The vehicle must be given as an object of its fields."), title=_("Invalid value"))
	values = {key: vehicle.get(key) for key in VEHICLE_FIELDS if vehicle.get(key) not in (None, "")}
	mileage = values.pop("last_mileage", None)
	doc = frappe.get_doc({"doctype": "Customer Vehicle", "customer": customer, **values})
	doc.insert()
	if mileage is not None:
		# the first reading, said at the desk: kept through the one writer of a car's mileage
		reading = cint(mileage)
		if reading < 0 or reading > MAX_MILEAGE:
			frappe.throw(_("Mileage must be between 0 and {0} km.").format(MAX_MILEAGE), title=_("Mileage"))
		record_mileage(doc.name, reading, nowdate())
	return doc.name


@frappe.whitelist()
def find_clients(query: str, limit: int = 20) -> list[dict]:
	"""Clients matching a phone (any spelling), a licence plate or a name, with their vehicles.

	The query is read the way staff type it: a phone number searches phones only; text with digits
	searches plates by their beginning; anything else searches names by their beginning (surname first),
	then anywhere in the name when nothing starts with it. Prefix searches use the indexes.
	"""
	frappe.has_permission("Customer", "read", throw=True)
	text = " ".join((query or "").split())
	limit = min(max(cint(limit), 1), 50)
	if len(text) < 2:
		return []

	if phone := try_normalize_phone(text):
		names = _customers_by_contact_phone(phone)
	elif any(ch.isdigit() for ch in text):
		names = (
			frappe.get_list(
				"Customer Vehicle",
				filters={"license_plate": ("like", f"{normalize_plate(text)}%")},
				pluck="customer",
				limit=limit,
			)
			if frappe.has_permission("Customer Vehicle", "read")
			else []
		)
	else:
		names = frappe.get_list(
			"Customer", filters={"customer_name": ("like", f"{text}%")}, pluck="name", limit=limit
		) or frappe.get_list(
			"Customer", filters={"customer_name": ("like", f"%{text}%")}, pluck="name", limit=limit
		)
	names = list(dict.fromkeys(names))[:limit]
	if not names:
		return []

	customers = frappe.get_list(
		"Customer",
		filters={"name": ("in", names)},
		fields=["name", "customer_name", "mobile_no", "email_id", "as_lead_source"],
	)
	vehicles = (
		frappe.get_list(
			"Customer Vehicle",
			filters={"customer": ("in", names), "is_active": 1},
			fields=["name", "customer", "title", "license_plate", "vin"],
		)
		if frappe.has_permission("Customer Vehicle", "read")
		else []
	)
	by_customer: dict[str, list] = {}
	for row in vehicles:
		by_customer.setdefault(row.customer, []).append(row)
	order = {name: i for i, name in enumerate(names)}
	customers.sort(key=lambda row: order[row.name])
	for row in customers:
		row["vehicles"] = by_customer.get(row.name, [])
	return customers


def _customers_by_contact_phone(phone: str) -> list[str]:
	"""Customers linked to contacts having ``phone`` (index on the phone; the caller lists the customers
	through get_list, which applies the user's permissions)."""
	contact_phone = DocType("Contact Phone")
	link = DocType("Dynamic Link")
	return (
		frappe.qb.from_(contact_phone)
		.join(link)
		.on((link.parent == contact_phone.parent) & (link.parenttype == "Contact"))
		.select(link.link_name)
		.where(contact_phone.parenttype == "Contact")
		.where(contact_phone.phone == phone)
		.where(link.link_doctype == "Customer")
		.distinct()
		.run(pluck=True)
	)
