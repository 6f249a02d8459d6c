"""The period reports in a real browser: each opens in Russian with a period, draws its chart and shows its
summary cards above the table (reads only: the test site keeps nothing from this test)."""

import pytest
from playwright.sync_api import expect

REPORTS = (
	("Client Summary", "Свод по клиентам", "Клиенты"),
	("Marketing Effectiveness", "Эффективность рекламы", "Расходы"),
	("Master Performance", "Анализ мастеров", "Загрузка, %"),
	("Visits and Bookings", "Обращения и визиты", "Записи"),
)


@pytest.mark.parametrize(("report", "title", "card"), REPORTS, ids=[r[0] for r in REPORTS])
def test_report_opens_with_a_period_and_shows_chart_and_summary(page, base_url, shot, report, title, card):
	route = report.replace(" ", "%20")
	page.goto(f"{base_url}/app/query-report/{route}?from_date=2026-01-01&to_date=2026-11-30")
	wait = {"timeout": 90_000}  # the first report of a run waits for the desk's assets
	expect(page.locator(".page-title .title-text:visible")).to_contain_text(title, **wait)
	expect(page.locator(".report-summary")).to_be_visible(**wait)
	expect(page.locator(".report-summary .summary-label").first).to_be_visible()
	expect(page.locator(".report-summary")).to_contain_text(card)
	expect(page.locator(".chart-wrapper svg text").first).to_be_visible(**wait)  # axes drawn
	expect(page.locator(".dt-header, .dt-row-header").first).to_be_visible()
	assert page.locator(".msgprint").count() == 0 or not page.locator(".msgprint").first.is_visible()
	shot(page, report.replace(" ", "-").lower())


def test_workspace_shows_number_cards_and_charts(page, base_url, shot):
	page.goto(f"{base_url}/app/auto-service")
	expect(page.locator(".number-widget-box").first).to_be_visible(timeout=90_000)
	expect(page.get_by_text("Визиты сегодня")).to_be_visible()
	expect(page.get_by_text("Выручка по месяцам")).to_be_visible(timeout=60_000)
	expect(page.locator(".widget.dashboard-widget-box svg").first).to_be_visible(timeout=60_000)
	shot(page, "workspace")
