"""Install/migrate steps for the shop's money: the modes of payment the desk takes, with the company's
accounts, and the КПП the prints carry next to the ИНН (ERPNext has Company.tax_id for the ИНН and no
Russian regional fields)."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from auto_service.billing import MODE_TYPES
from auto_service.setup.custom_fields import MODULE

BANK_ACCOUNT_NAME = "Расчётный счёт"


def setup_shop_money() -> None:
	"""Idempotent: run after install and migrate, and by the setup wizard step."""
	make_kpp_field()
	company = frappe.db.get_single_value(
		"Auto Service Settings", "company"
	) or frappe.defaults.get_global_default("company")
	if company and frappe.db.exists("Company", company):
		ensure_payment_modes(company)


def make_kpp_field() -> None:
	create_custom_fields(
		{
			"Company": [
				{
					"fieldname": "as_kpp",
					"fieldtype": "Data",
					"label": "KPP",
					"description": "Tax registration reason code (КПП), 9 digits; printed next to the ИНН.",
					"insert_after": "tax_id",
					"length": 9,
					"module": MODULE,
				}
			]
		},
		ignore_validate=True,
		update=True,
	)


def ensure_payment_modes(company: str) -> None:
	"""«Наличные», «Банковская карта», «Безналичный перевод», each with an account of ``company``: cash into
	the company's cash account, card and transfer into its bank account (made under the bank group if the
	chart has none)."""
	cash = _cash_account(company)
	bank = _bank_account(company)
	for name, (mode_type, account_kind) in MODE_TYPES.items():
		account = cash if account_kind == "Cash" else bank
		if not frappe.db.exists("Mode of Payment", name):
			frappe.get_doc(
				{"doctype": "Mode of Payment", "mode_of_payment": name, "type": mode_type, "enabled": 1}
			).insert(ignore_permissions=True)
		mode = frappe.get_doc("Mode of Payment", name)
		changed = mode.type != mode_type  # earlier versions made «Наличные» a Cash-type mode
		mode.type = mode_type
		if account and not any(row.company == company for row in mode.accounts):
			mode.append("accounts", {"company": company, "default_account": account})
			changed = True
		if changed:
			mode.save(ignore_permissions=True)


def _cash_account(company: str) -> str | None:
	return frappe.get_cached_value("Company", company, "default_cash_account") or frappe.db.get_value(
		"Account", {"company": company, "account_type": "Cash", "is_group": 0, "disabled": 0}, "name"
	)


def _bank_account(company: str) -> str | None:
	found = frappe.get_cached_value("Company", company, "default_bank_account") or frappe.db.get_value(
		"Account", {"company": company, "account_type": "Bank", "is_group": 0, "disabled": 0}, "name"
	)
	if found:
		return found
	parent = frappe.db.get_value(
		"Account", {"company": company, "account_type": "Bank", "is_group": 1}, "name"
	)
	if not parent:
		return None
	return (
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": BANK_ACCOUNT_NAME,
				"company": company,
				"parent_account": parent,
				"account_type": "Bank",
				"account_currency": frappe.get_cached_value("Company", company, "default_currency"),
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
