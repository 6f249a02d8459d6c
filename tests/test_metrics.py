from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from auto_service.metrics import (
	Money,
	add_months,
	comebacks,
	conversion_rate,
	cost_per_client,
	first_visits,
	hours_in,
	invoice_money,
	is_idle,
	load_percent,
	loses_money,
	months_in,
	no_show_rate,
	retained_clients,
	roi_percent,
	split_new_returning,
)

JAN1, JAN31 = date(2026, 1, 1), date(2026, 1, 31)


def test_first_visit_is_the_earlier_of_first_order_and_first_arrived_visit():
	orders = [("A", date(2026, 1, 10)), ("A", date(2025, 12, 1)), ("B", date(2026, 1, 5))]
	visits = [("A", datetime(2026, 1, 3, 10, 0)), ("B", datetime(2026, 1, 2, 9, 30)), ("C", date(2026, 1, 7))]
	assert first_visits(orders, visits) == {
		"A": date(2025, 12, 1),
		"B": date(2026, 1, 2),
		"C": date(2026, 1, 7),
	}


def test_client_new_on_the_first_day_of_the_period_and_returning_from_the_day_before():
	first = {"new": JAN1, "old": date(2025, 12, 31), "last": JAN31}
	new, returning = split_new_returning(["new", "old", "last"], first, JAN1, JAN31)
	assert new == {"new", "last"}
	assert returning == {"old"}


def test_invoice_money_subtracts_credit_notes_and_ignores_cancelled_and_drafts():
	rows = [
		{"name": "SI-1", "docstatus": 1, "net_total": 10000, "stock_value_difference": -3000},
		{
			"name": "SI-1R",
			"docstatus": 1,
			"is_return": 1,
			"return_against": "SI-1",
			"net_total": -2000,
			"stock_value_difference": 1000,
		},
		{"name": "SI-2", "docstatus": 2, "net_total": 5000, "stock_value_difference": 0},
		{"name": "SI-3", "docstatus": 0, "net_total": 7000},
		{"name": "SI-4R", "docstatus": 2, "is_return": 1, "return_against": "SI-1", "net_total": -500},
	]
	money = invoice_money(rows)
	assert list(money) == ["SI-1"]
	assert money["SI-1"].revenue == 8000
	assert money["SI-1"].parts_cost == 2000
	assert money["SI-1"].gross_profit == 6000


def test_roi_and_cost_per_client():
	assert roi_percent(15000, 10000) == 50.0
	assert roi_percent(5000, 10000) == -50.0
	assert roi_percent(5000, 0) is None
	assert cost_per_client(10000, 4) == 2500
	assert cost_per_client(10000, 0) is None
	assert loses_money(5000, 10000) and not loses_money(10000, 10000) and not loses_money(-1, 0)


def test_money_adds():
	total = Money(100, 40).add(Money(50, 10))
	assert (total.revenue, total.parts_cost, total.gross_profit) == (150, 50, 100)


def test_load_and_idle():
	assert hours_in([(datetime(2026, 1, 5, 9), datetime(2026, 1, 5, 13))]) == 4
	assert load_percent(20, 80) == 25.0
	assert load_percent(5, 0) is None
	assert is_idle(49.9) and not is_idle(50.0) and not is_idle(None)
	assert is_idle(60, threshold=70)


def test_client_who_changed_master_is_retained_by_neither():
	orders = [
		("M1", "changer", date(2026, 1, 5)),
		("M2", "changer", date(2026, 1, 20)),
		("M1", "loyal", date(2026, 1, 6)),
		("M1", "loyal", date(2026, 3, 1)),  # after the period, within 6 months
		("M1", "late", date(2026, 1, 7)),
		("M1", "late", date(2026, 9, 1)),  # beyond 6 months
	]
	result = retained_clients(orders, JAN1, JAN31, months=6)
	assert result["M1"] == ({"changer", "loyal", "late"}, {"loyal"})
	assert result["M2"] == ({"changer"}, set())


def test_retention_counts_a_second_order_inside_the_period_with_zero_months():
	orders = [("M1", "c", date(2026, 1, 2)), ("M1", "c", date(2026, 1, 30)), ("M1", "d", date(2025, 12, 1))]
	assert retained_clients(orders, JAN1, JAN31, months=0) == {"M1": ({"c"}, {"c"})}


def test_comeback_within_warranty_days_counts_against_the_first_orders_master():
	lines = [
		("RO-1", "car", "brakes", "M1", date(2026, 1, 10)),
		("RO-2", "car", "brakes", "M2", date(2026, 2, 5)),  # 26 days later: comeback for M1
		("RO-3", "car", "oil", "M1", date(2026, 1, 10)),
		("RO-4", "car", "oil", "M1", date(2026, 3, 1)),  # 50 days later: no
		("RO-5", "other", "brakes", "M1", date(2026, 1, 11)),
	]
	assert comebacks(lines, JAN1, JAN31, days=30) == {"M1": 1}


def test_visit_rates():
	assert no_show_rate({"Done": 6, "Arrived": 1, "No-show": 3, "Cancelled": 10}) == 30.0
	assert no_show_rate({}) == 0.0
	assert conversion_rate(8, 6) == 75.0


def test_months_in_period():
	assert months_in(date(2025, 11, 15), date(2026, 2, 1)) == [
		date(2025, 11, 1),
		date(2025, 12, 1),
		date(2026, 1, 1),
		date(2026, 2, 1),
	]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(-48, 48))
def test_add_months_lands_in_the_right_month(day, months):
	moved = add_months(day, months)
	assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
	assert moved.day <= day.day
