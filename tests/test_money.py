from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auto_service.money import (
	NOT_INVOICED,
	PAID,
	PARTLY_PAID,
	REFUND_DUE,
	UNPAID,
	Tax,
	line_amount,
	payment_status,
	totals,
)


def test_line_amount_discounts_the_rate_then_multiplies():
	assert line_amount(1.5, 2000, 10) == Decimal("2700.00")
	assert line_amount(3, 333.33) == Decimal("999.99")


def test_totals_of_works_and_parts_with_included_vat():
	result = totals(
		works=[{"hours": 2, "rate": 2500}, {"hours": 0.5, "rate": 2500, "discount_percentage": 20}],
		parts=[{"qty": 4, "rate": 450.5}, {"qty": 1, "rate": 1200}],
		taxes=[Tax(20, included_in_price=True)],
	)
	assert result.works == Decimal("6000.00")
	assert result.parts == Decimal("3002.00")
	assert result.discount == Decimal("250.00")
	assert result.grand_total == Decimal("9002.00")
	assert result.taxes == Decimal("1500.33")  # 9002 * 20 / 120


def test_added_tax_goes_on_top():
	result = totals([{"hours": 1, "rate": 1000}], [], [Tax(20, included_in_price=False)])
	assert (result.taxes, result.grand_total) == (Decimal("200.00"), Decimal("1200.00"))


def test_no_tax_for_simplified_taxation():
	assert totals([{"hours": 1, "rate": 1000}], [{"qty": 2, "rate": 10}]).grand_total == Decimal("1020.00")


@pytest.mark.parametrize(
	"grand, outstanding, invoiced, status",
	[
		(1000, 1000, True, UNPAID),
		(1000, 400, True, PARTLY_PAID),
		(1000, 0, True, PAID),
		(1000, -50, True, REFUND_DUE),  # overpaid, or a credit note after payment: money goes back
		(1000, 1000, False, NOT_INVOICED),
	],
)
def test_payment_status(grand, outstanding, invoiced, status):
	assert payment_status(grand, outstanding, invoiced) == status


@given(
	st.lists(st.tuples(st.floats(0.1, 20), st.floats(0, 10000), st.floats(0, 100)), max_size=8),
	st.lists(st.tuples(st.integers(1, 50), st.floats(0, 50000), st.floats(0, 100)), max_size=8),
)
def test_totals_add_up(works, parts):
	result = totals(
		[{"hours": h, "rate": r, "discount_percentage": d} for h, r, d in works],
		[{"qty": q, "rate": r, "discount_percentage": d} for q, r, d in parts],
		[Tax(20, True)],
	)
	assert result.grand_total == result.works + result.parts
	assert result.discount >= 0
	assert 0 <= result.taxes <= result.grand_total
