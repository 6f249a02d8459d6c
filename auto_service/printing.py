"""What the shop's prints carry besides the document: the shop's requisites (name, address, ИНН/КПП, phone),
the client's phone, VAT as «в т.ч. НДС 20 %», money as «6 500,00 ₽» and in words.

``print_context`` is the one Jinja method the print formats call (hooks.py ``jinja``); every value it
returns is plain text the template escapes with ``|e``.
"""

import re

import frappe
from frappe import _
from frappe.utils import flt, format_datetime, formatdate

from auto_service.money import totals
from auto_service.money_words import amount_in_words, format_money, format_percent

# a signature pad's PNG (or a JPEG/WebP) as a data URL, nothing else: no javascript:, no remote URL
_IMAGE_DATA_URL = re.compile(r"^data:image/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$")


def print_context(doc) -> dict:
	company = doc.get("company") or frappe.db.get_single_value("Auto Service Settings", "company")
	context = {
		"shop": shop_details(company),
		"client_phone": client_phone(doc.get("customer")),
		"money": format_money,
		"image": image_src,
		"date": lambda value: formatdate(value, "dd.MM.yyyy") if value else "",
		"datetime": lambda value: format_datetime(value, "dd.MM.yyyy HH:mm") if value else "",
		"user_name": lambda user: (frappe.db.get_value("User", user, "full_name") or "") if user else "",
	}
	if doc.doctype == "Repair Order":
		context["vat"] = vat_lines(doc)
		context["in_words"] = amount_in_words(doc.grand_total)
	return context


def shop_details(company: str | None) -> dict:
	"""Name, address, ИНН, КПП, phone and e-mail of the shop: the Company and its (primary) address."""
	fields = ["name", "company_name", "tax_id", "phone_no", "email"]
	if frappe.get_meta("Company").has_field("as_kpp"):
		fields.append("as_kpp")
	shop = frappe.db.get_value("Company", company, fields, as_dict=True) if company else None
	if not shop:
		return {}
	address = _company_address(shop.name)
	return {
		"name": shop.company_name or shop.name,
		"address": _address_line(address) if address else "",
		"inn": shop.tax_id or "",
		"kpp": shop.get("as_kpp") or "",
		"phone": shop.phone_no or (address.phone if address else "") or "",
		"email": shop.email or (address.email_id if address else "") or "",
	}


def _company_address(company: str) -> dict | None:
	from erpnext.setup.doctype.company.company import get_default_company_address

	name = get_default_company_address(company, sort_key="is_primary_address")
	if not name:
		return None
	return frappe.db.get_value(
		"Address",
		name,
		["pincode", "city", "address_line1", "address_line2", "phone", "email_id"],
		as_dict=True,
	)


def _address_line(address: dict) -> str:
	parts = (address.pincode, address.city, address.address_line1, address.address_line2)
	return ", ".join(str(part).strip() for part in parts if part and str(part).strip())


def client_phone(customer: str | None) -> str:
	if not customer:
		return ""
	return frappe.db.get_value("Customer", customer, "mobile_no") or ""


def vat_lines(order) -> list[dict]:
	"""One line per tax of the order's template: «в т.ч. НДС 20 %» (in the price) or «НДС 20 %» (on top),
	its amount as the order's arithmetic computes it; «Без НДС» when the shop charges none (УСН)."""
	works = [row.as_dict() for row in order.works]
	parts = [row.as_dict() for row in order.parts]
	lines = []
	for tax in order._taxes():
		amount = totals(works, parts, [tax]).taxes
		label = _("incl. VAT {0}") if tax.included_in_price else _("VAT {0}")
		lines.append(
			{
				"label": label.format(format_percent(tax.rate)),
				"amount": flt(amount),
				"text": format_money(amount),
			}
		)
	if not lines:
		lines.append({"label": _("Without VAT"), "amount": 0, "text": ""})
	return lines


def image_src(value: str | None) -> str:
	"""A signature as an ``<img src>``: only an inline PNG/JPEG/WebP data URL, anything else is dropped."""
	if isinstance(value, str) and _IMAGE_DATA_URL.match(value.strip()):
		return value.strip()
	return ""
