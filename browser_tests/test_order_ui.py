"""A repair order typed by a service advisor: prices, VAT and totals show before saving; the invoice they make
is a draft the order says is waiting to be posted. Fails on any console error."""

import random
import re

import pytest
from conftest import ADMIN_PASSWORD, bench_execute  # noqa: F401  (the fixture module of this folder)
from playwright.sync_api import expect

WORK = "AS-UI Замена масла в двигателе"
PART = "AS-UI Фильтр масляный"
ADVISOR_PASSWORD = "Advisor-UI-2026!"


@pytest.fixture
def advisor(browser, base_url, page, made):
	"""A client with a car and a Service Advisor-only user, made by the Administrator's session; the
	catalogue lines are made idempotently through the bench. Everything is removed when the test ends."""
	bench_execute("auto_service.catalogue.make_work_item", {"code": WORK, "rate": 2000})
	bench_execute("auto_service.catalogue.make_part_item", {"code": PART, "rate": 850})
	made.setdefault("items", []).extend([WORK, PART])
	rng = random.Random()
	suffix = rng.randint(10000, 99999)
	email = f"as-ui-advisor-{suffix}@example.com"
	made.setdefault("users", []).append(email)
	page.evaluate(
		"""({email, password}) => frappe.xcall("frappe.client.insert", {doc: {
			doctype: "User", email, first_name: "Приёмщик", last_name: "Браузерный",
			send_welcome_email: 0, new_password: password, language: "ru",
			roles: [{role: "Service Advisor"}],
		}})""",
		{"email": email, "password": ADVISOR_PASSWORD},
	)
	full_name = f"Заказов Тест {suffix}"
	made["customer_names"].append(full_name)
	letters = "АВЕКМНОРСТУХ"
	plate = f"{rng.choice(letters)}{rng.randint(100, 999)}{rng.choice(letters)}{rng.choice(letters)}{rng.choice((77, 97, 99, 177, 197, 199, 777))}"
	client = page.evaluate(
		"""({full_name, phone, plate}) => frappe.xcall("auto_service.api.clients.create_client", {
			full_name, mobile_no: phone, vehicle: {license_plate: plate, make: "Kia", model: "Rio"},
		})""",
		{
			"full_name": full_name,
			"phone": f"8 9{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
			"plate": plate,
		},
	)
	made["customers"].append(client["customer"])

	context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ru-RU")
	advisor_page = context.new_page()
	advisor_page.set_default_timeout(20_000)
	errors: list[str] = []

	def on_console(msg):
		# the test's gunicorn serves no realtime (socket.io) server: its polling errors are the setup's
		where = (msg.location or {}).get("url", "")
		if msg.type == "error" and "socket.io" not in msg.text and "/socket.io/" not in where:
			errors.append(f"console: {msg.text} ({where})")

	advisor_page.on("console", on_console)
	advisor_page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
	advisor_page.goto(f"{base_url}/login")
	advisor_page.fill("#login_email", email)
	advisor_page.fill("#login_password", ADVISOR_PASSWORD)
	advisor_page.click(".btn-login")
	advisor_page.wait_for_url("**/app**")
	yield {"page": advisor_page, "errors": errors, **client}
	context.close()


def _field(page, fieldname: str):
	return page.locator(f'.frappe-control[data-fieldname="{fieldname}"]:visible').first


def test_totals_before_saving_and_the_draft_invoice_on_the_order(advisor, base_url, shot):
	page = advisor["page"]
	page.goto(f"{base_url}/app/repair-order/new")
	expect(_field(page, "customer")).to_be_visible()
	# the form as staff fill it; the lines through the grid's own model, which fires the same triggers
	page.evaluate(
		"""async ({customer, vehicle, work, part}) => {
			const frm = cur_frm;
			await frm.set_value("customer", customer);
			await frm.set_value("vehicle", vehicle);
			const w = frm.add_child("works");
			await frappe.model.set_value(w.doctype, w.name, "item_code", work);
			await frappe.model.set_value(w.doctype, w.name, "hours", 1.5);
			const p = frm.add_child("parts");
			await frappe.model.set_value(p.doctype, p.name, "item_code", part);
			await frappe.model.set_value(p.doctype, p.name, "qty", 2);
			frm.refresh_field("works");
			frm.refresh_field("parts");
		}""",
		{"customer": advisor["customer"], "vehicle": advisor["vehicle"], "work": WORK, "part": PART},
	)
	grand_total = _field(page, "grand_total")
	# 1.5 h x 2 000 + 2 x 850, before saving (in the site's number format: «4 700,00» or «4.700,00»)
	expect(grand_total).to_contain_text(re.compile(r"4[\s.\u00a0\u202f]?700,00"), timeout=15_000)
	assert page.evaluate("cur_frm.is_new()"), "the totals must show before the order is saved"
	taxes = _field(page, "total_taxes")
	if page.evaluate("cur_frm.doc.taxes_and_charges"):
		expect(taxes).to_contain_text("в т.ч. НДС 20")
	rows = page.evaluate(
		"""() => ({work: cur_frm.doc.works[0].rate, part: cur_frm.doc.parts[0].rate,
			warehouse: cur_frm.doc.parts[0].warehouse})"""
	)
	assert (rows["work"], rows["part"]) == (2000, 850)
	assert rows["warehouse"], "the part's warehouse is filled while typing"
	shot(page, "totals-before-save")

	page.keyboard.press("Control+s")
	page.wait_for_url("**/app/repair-order/RO-*")
	page.evaluate("cur_frm.save('Submit')")
	expect(page.locator(".indicator-pill:visible").first).not_to_contain_text("Черновик", timeout=15_000)

	page.get_by_role("button", name="Создать").click()
	page.locator(".dropdown-menu.show").get_by_text("Счёт на оплату", exact=True).click()
	headline = page.locator(".form-message:visible").first
	expect(headline).to_contain_text("черновик", timeout=15_000)
	expect(headline).to_contain_text("Провести его должен")
	expect(page.get_by_role("button", name="Открыть счёт")).to_be_visible()
	expect(page.locator(".form-dashboard")).to_contain_text("Счёт — черновик, не проведён")
	expect(page.locator('.frappe-control[data-fieldname="payment_status"]:visible')).to_have_count(0)
	shown = page.locator(
		".page-container:visible"
	).first.inner_text()  # rendered text, hidden fields left out
	assert "Счёт не выставлен" not in shown
	assert "Счёт-фактура" not in shown
	shot(page, "draft-invoice-on-order")

	assert not advisor["errors"], "console errors:\n" + "\n".join(advisor["errors"])
