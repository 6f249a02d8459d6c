"""A service advisor's day, as a user with only the Service Advisor role: lands on the «Автосервис»
workspace, finds a client by a phone typed as staff type it and by a plate typed in Latin letters, opens
the client card, opens the car's history from the car and sees its rows without pressing anything.
Any console error or uncaught page error fails the test."""

import random

import pytest
from conftest import bench_execute
from playwright.sync_api import expect

PASSWORD = "Advisor-day-2026!"
USER = "as-advisor-day@example.com"
PHONE_TYPED = "8 905 555-12-34"
PHONE_STORED = "+79055551234"


@pytest.fixture
def advisor_day():
	"""Committed through the site (the browser sees it), removed again when the test ends."""
	number = random.randint(100, 999)
	region = random.choice((77, 97, 99, 177, 197, 199, 777, 799, 977))
	full_name = f"Дневной Клиент {number}"
	bench_execute(
		"auto_service.tests.advisor_day.make",
		{
			"user": USER,
			"password": PASSWORD,
			"full_name": full_name,
			"phone": PHONE_STORED,
			"plate": f"А{number}ВС{region}",
		},
	)
	yield {"full_name": full_name, "latin_plate": f"a{number}bc", "plate_shown": f"А {number} ВС {region}"}
	bench_execute("auto_service.tests.advisor_day.remove", {"user": USER, "full_name": full_name})


@pytest.fixture
def advisor_page(browser, base_url):
	context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="ru-RU")
	page = context.new_page()
	page.set_default_timeout(20_000)
	errors = []

	def on_console(msg):
		# the test's gunicorn serves no realtime (socket.io) server: its polling errors are the setup's
		where = (msg.location or {}).get("url", "")
		if msg.type == "error" and "socket.io" not in msg.text and "/socket.io/" not in where:
			errors.append(f"console: {msg.text} ({where})")

	page.on("console", on_console)
	page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
	page.as_errors = errors
	yield page
	context.close()


def search_in_awesome_bar(page, text: str):
	bar = page.locator("#navbar-search")
	bar.click()
	bar.fill("")
	bar.type(text, delay=20)
	return page.locator("#navbar-search + ul li, .awesomplete ul li")


def test_advisor_day(advisor_page, advisor_day, base_url, shot):
	page = advisor_page
	page.goto(f"{base_url}/login")
	page.fill("#login_email", USER)
	page.fill("#login_password", PASSWORD)
	page.click(".btn-login")

	# lands on the shop's workspace, not ERPNext's home
	page.wait_for_url("**/app/auto-service**")
	box = page.locator(".as-search-input")  # the workspace's search box (inside the block's shadow root)
	expect(box).to_be_visible()
	expect(page.locator(".shortcut-widget-box").filter(has_text="Заказ-наряд").first).to_be_visible()
	shot(page, "workspace")

	# the workspace's own search box finds the client by the phone too
	box.type(PHONE_TYPED, delay=20)
	expect(page.locator(".as-search-hit").filter(has_text=advisor_day["full_name"]).first).to_be_visible()
	shot(page, "workspace-search")
	box.fill("")

	# the awesome bar finds the client by a phone typed as people say it
	hits = search_in_awesome_bar(page, PHONE_TYPED)
	expect(hits.filter(has_text=advisor_day["full_name"]).first).to_be_visible()
	shot(page, "search-phone")

	# ... and the car by its plate typed in Latin look-alikes
	hits = search_in_awesome_bar(page, advisor_day["latin_plate"])
	expect(hits.filter(has_text=advisor_day["plate_shown"]).first).to_be_visible()
	shot(page, "search-plate")

	# the client card opens first on the client's form
	hits = search_in_awesome_bar(page, PHONE_TYPED)
	hits.filter(has_text=advisor_day["full_name"]).first.click()
	page.wait_for_url("**/app/customer/**")
	card = page.locator(".as-client-card")
	expect(card).to_contain_text("+7 905 555-12-34")
	expect(card).to_contain_text(advisor_day["plate_shown"])
	shot(page, "client-card")

	# from the car to its history: rows without pressing anything
	card.get_by_role("link", name=advisor_day["plate_shown"]).click()
	page.wait_for_url("**/app/customer-vehicle/**")
	page.get_by_role("button", name="История автомобиля").click()
	page.wait_for_url("**/app/query-report/Vehicle%20History**")
	rows = page.locator(".dt-scrollable .dt-row")
	try:
		expect(rows.first).to_be_visible()
	finally:
		shot(page, "vehicle-history-opened")
	expect(page.locator(".dt-scrollable")).to_contain_text("Заказ-наряд")
	expect(page.locator(".dt-scrollable")).to_contain_text("Акт")
	shot(page, "vehicle-history")

	assert not page.as_errors, "\n".join(page.as_errors)
