"""One search box for the desk: a client or a car by phone (any spelling), licence plate (Cyrillic or
Latin look-alikes), VIN or its last characters, or name.

The awesome bar (auto_service/public/js/search.js) and the workspace's search box both call :func:`search`;
the client rules are :func:`auto_service.api.clients.find_clients`, this module adds the cars.
"""

import frappe
from frappe import _
from frappe.utils import cint

from auto_service.api.clients import find_clients
from auto_service.clients import customers_with_phone
from auto_service.phones import format_phone, try_normalize_phone
from auto_service.vehicle_ids import VIN_LENGTH, format_plate, normalize_plate, normalize_vin

MAX_RESULTS = 20
MIN_VIN_TAIL = 4
MAX_QUERY = 64


@frappe.whitelist()
def search(query: str, limit: int = 10) -> list[dict]:
	"""Clients and cars matching ``query``, best first: ``[{doctype, name, label, description}]``."""
	frappe.has_permission("Customer", "read", throw=True)
	text = " ".join((query or "").split())[:MAX_QUERY]
	limit = min(max(cint(limit), 1), MAX_RESULTS)
	if len(text) < 2:
		return []
	results = _vehicles_by_vin(text, limit)
	for client in find_clients(text, limit):
		results.append(_client_result(client))
		if not try_normalize_phone(text):
			results.extend(_vehicle_result(v, client) for v in client["vehicles"] if _plate_matches(v, text))
	return _unique(results)[:limit]


@frappe.whitelist()
def phone_owners(phone: str) -> list[dict]:
	"""Clients that already have ``phone`` (any spelling): the new-client dialog says so before saving
	instead of being refused. An invalid phone has no owners (the refusal says what is wrong with it)."""
	frappe.has_permission("Customer", "read", throw=True)
	normalized = try_normalize_phone((phone or "")[:MAX_QUERY])
	if not normalized:
		return []
	rows = customers_with_phone([normalized], [])
	return [
		{"name": row.customer, "customer_name": row.customer_name}
		for row in rows
		if frappe.has_permission("Customer", "read", doc=row.customer)
	]


def _vehicles_by_vin(text: str, limit: int) -> list[dict]:
	"""A whole VIN, or its last characters (at least four, with a digit: how staff read it off the
	windscreen)."""
	if not frappe.has_permission("Customer Vehicle", "read"):
		return []
	vin = normalize_vin(text)
	if not vin.isalnum() or not any(ch.isdigit() for ch in vin):
		return []
	if len(vin) == VIN_LENGTH:
		filters = {"vin": vin}
	elif MIN_VIN_TAIL <= len(vin) < VIN_LENGTH:
		filters = {"vin": ("like", f"%{vin}")}
	else:
		return []
	vehicles = frappe.get_list(
		"Customer Vehicle",
		filters=filters,
		fields=["name", "title", "license_plate", "vin", "customer", "customer_name"],
		order_by="is_active desc, modified desc",
		limit=limit,
	)
	return [_vehicle_result(v, {"name": v.customer, "customer_name": v.customer_name}) for v in vehicles]


def _plate_matches(vehicle: dict, text: str) -> bool:
	return bool(vehicle.get("license_plate")) and vehicle["license_plate"].startswith(normalize_plate(text))


def _client_result(client: dict) -> dict:
	phone = client.get("mobile_no")
	details = [format_phone(phone) if phone and phone.startswith("+") else phone]
	details += [
		format_plate(v["license_plate"]) for v in client.get("vehicles", []) if v.get("license_plate")
	]
	return {
		"doctype": "Customer",
		"name": client["name"],
		"label": client.get("customer_name") or client["name"],
		"description": " · ".join(d for d in details if d),
	}


def _vehicle_result(vehicle: dict, client: dict) -> dict:
	plate = vehicle.get("license_plate")
	details = [vehicle.get("title"), _("VIN") + " " + vehicle["vin"] if vehicle.get("vin") else None]
	details.append(client.get("customer_name"))
	return {
		"doctype": "Customer Vehicle",
		"name": vehicle["name"],
		"label": format_plate(plate) if plate else (vehicle.get("title") or vehicle["name"]),
		"description": " · ".join(d for d in details if d),
	}


def _unique(results: list[dict]) -> list[dict]:
	seen: set[tuple[str, str]] = set()
	out = []
	for row in results:
		key = (row["doctype"], row["name"])
		if key not in seen:
			seen.add(key)
			out.append(row)
	return out
