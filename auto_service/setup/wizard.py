"""Complete ERPNext's setup wizard without a browser, for scripts/setup.sh (a Russian shop in RUB)."""

import frappe
from frappe.utils import getdate, nowdate


def complete_setup_wizard(
	company_name: str = "Автосервис",
	abbr: str = "АС",
	language: str = "ru",
	country: str = "Russian Federation",
	currency: str = "RUB",
	timezone: str = "Europe/Moscow",
) -> None:
	"""Run the setup wizard once; does nothing on a site where it is complete already."""
	if frappe.is_setup_complete():
		print(f"setup wizard already complete on {frappe.local.site}")
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	year = getdate(nowdate()).year
	# the wizard looks languages up by their own name ("русский"), not by code
	language = frappe.db.get_value("Language", language, "language_name") or language
	result = setup_complete(
		{
			"language": language,
			"country": country,
			"timezone": timezone,
			"currency": currency,
			"full_name": "Administrator",
			"company_name": company_name,
			"company_abbr": abbr,
			"chart_of_accounts": "Standard",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"setup_demo": 0,
		}
	)
	frappe.db.commit()  # a CLI step that owns its transaction
	print(f"setup wizard on {frappe.local.site}: {result}")
