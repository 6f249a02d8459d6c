"""The first-visit dialog in a real browser: client, contact and vehicle from one form."""

import random

from playwright.sync_api import expect


def test_new_client_dialog_creates_client_with_vehicle(page, base_url, shot, made):
	page.goto(f"{base_url}/app/customer")
	button = page.get_by_role("button", name="Новый клиент (первый визит)")
	expect(button).to_be_visible()
	shot(page, "customer-list")
	button.click()

	dialog = page.locator(".modal.show")
	expect(dialog.locator(".modal-title")).to_have_text("Новый клиент (первый визит)")
	# committed to the site (and removed when the test ends): a name, phone and plate of its own
	suffix = random.randint(100, 999)
	made["customer_names"].append(f"Браузеров Тест {suffix}")
	dialog.locator('input[data-fieldname="full_name"]').fill(f"Браузеров Тест {suffix}")
	dialog.locator('input[data-fieldname="mobile_no"]').fill(f"8 915 {suffix} {random.randint(1000, 9999)}")
	region = random.choice((77, 97, 99, 177, 197, 199, 777, 799, 977))
	dialog.locator('input[data-fieldname="license_plate"]').fill(f"a{suffix}bc {region}")
	dialog.locator('input[data-fieldname="make"]').fill("Kia")
	shot(page, "dialog-filled")
	dialog.get_by_role("button", name="Создать").click()

	page.wait_for_url("**/app/customer/**")
	expect(page.locator(".title-text:visible").first).to_contain_text(f"Браузеров Тест {suffix}")
	shot(page, "customer-form")

	customer = page.url.rstrip("/").split("/")[-1]
	page.goto(f"{base_url}/app/customer-vehicle?customer={customer}")
	# the list's rows fill in after its count query: a cold cache takes longer than expect's 5 s
	expect(page.locator(".list-row-container").first).to_contain_text(
		f"А {suffix} ВС {region}", timeout=20_000
	)
	shot(page, "vehicle-list")


def test_bad_plate_in_dialog_shows_russian_error_and_saves_nothing(page, base_url, shot, made):
	page.goto(f"{base_url}/app/customer")
	page.get_by_role("button", name="Новый клиент (первый визит)").click()
	dialog = page.locator(".modal.show")
	suffix = random.randint(100, 999)
	made["customer_names"].append(f"Ошибкин Номер {suffix}")  # removed should the refusal fail
	dialog.locator('input[data-fieldname="full_name"]').fill(f"Ошибкин Номер {suffix}")
	dialog.locator('input[data-fieldname="mobile_no"]').fill(f"8 926 {suffix} {random.randint(1000, 9999)}")
	dialog.locator('input[data-fieldname="license_plate"]').fill("Б123ББ77")
	dialog.get_by_role("button", name="Создать").click()

	message = page.locator(".msgprint")
	expect(message).to_contain_text("не соответствует российскому формату")
	shot(page, "plate-refused")
	count = page.evaluate(
		"""name => frappe.xcall('frappe.client.get_count', {doctype: 'Customer', filters: {customer_name: name}})""",
		f"Ошибкин Номер {suffix}",
	)
	assert count == 0
