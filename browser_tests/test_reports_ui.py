"""The period reports in a real browser: each opens in Russian with a period, draws its chart and shows its
summary cards above the table, on a small real period the module makes and removes (ui_data.py)."""

import random
from datetime import date, timedelta

import pytest
from conftest import bench_execute
from playwright.sync_api import expect

REPORTS = (
	("Client Summary", "Свод по клиентам", "Клиенты"),
	("Marketing Effectiveness", "Эффективность рекламы", "Расходы"),
	("Master Performance", "Анализ мастеров", "Загрузка, %"),
	("Visits and Bookings", "Обращения и визиты", "Записи"),
)


@pytest.fixture(scope="module")
def period_sample():
	"""An invoiced order, a visit and a source's spend in the period, removed after the module's tests."""
	suffix = str(random.randint(10000, 99999))
	bench_execute("auto_service.tests.ui_data.make_period_sample", {"suffix": suffix})
	yield suffix
	bench_execute("auto_service.tests.ui_data.remove_period_sample", {"suffix": suffix})


@pytest.mark.parametrize(("report", "title", "card"), REPORTS, ids=[r[0] for r in REPORTS])
def test_report_opens_with_a_period_and_shows_chart_and_summary(
	period_sample, page, base_url, shot, report, title, card
):
	route = report.replace(" ", "%20")
	period = f"from_date={date.today() - timedelta(days=330)}&to_date={date.today() + timedelta(days=7)}"
	page.goto(f"{base_url}/app/query-report/{route}?{period}")
	wait = {"timeout": 90_000}  # the first report of a run waits for the desk's assets
	expect(page.locator(".page-title .title-text:visible")).to_contain_text(title, **wait)
	expect(page.locator(".report-summary")).to_be_visible(**wait)
	expect(page.locator(".report-summary .summary-label").first).to_be_visible()
	expect(page.locator(".report-summary")).to_contain_text(card)
	expect(page.locator(".chart-wrapper svg text").first).to_be_visible(**wait)  # axes drawn
	# and the sample's figures drawn: a bar with a height (frappe-charts grows them from 0)
	page.wait_for_function(
		"""() => [...document.querySelectorAll('.chart-wrapper svg rect')]
			.some((bar) => parseFloat(bar.getAttribute('height')) > 0)""",
		timeout=30_000,
	)
	expect(page.locator(".dt-header, .dt-row-header").first).to_be_visible()
	assert page.locator(".msgprint").count() == 0 or not page.locator(".msgprint").first.is_visible()
	shot(page, report.replace(" ", "-").lower())


def test_workspace_shows_number_cards_and_charts(period_sample, page, base_url, shot):
	page.goto(f"{base_url}/app/auto-service")
	expect(page.locator(".number-widget-box").first).to_be_visible(timeout=90_000)
	expect(page.get_by_text("Визиты сегодня")).to_be_visible()
	expect(page.get_by_text("Выручка по месяцам")).to_be_visible(timeout=60_000)
	expect(page.locator(".widget.dashboard-widget-box svg").first).to_be_visible(timeout=60_000)
	shot(page, "workspace")
