"""Repair-order arithmetic: line amounts, totals, taxes as ERPNext computes them, payment status.

Pure Python. The ledger lives in ERPNext (Sales Invoice, Payment Entry): these figures are what the order
shows before and after invoicing, never a second ledger.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

UNPAID = "Unpaid"
PARTLY_PAID = "Partly Paid"
PAID = "Paid"
NOT_INVOICED = "Not Invoiced"
REFUND_DUE = "Refund Due"  # paid more than billed (a credit note, an overpayment): money goes back

_CENT = Decimal("0.01")


def money(value: float | Decimal | int | None) -> Decimal:
	return Decimal(str(value or 0)).quantize(_CENT, rounding=ROUND_HALF_UP)


def line_amount(qty: float, rate: float, discount_percentage: float = 0) -> Decimal:
	"""Amount of one line as ERPNext prices it: the rate (stored in kopecks) is discounted first, then
	multiplied."""
	discounted_rate = money(money(rate) * (1 - Decimal(str(discount_percentage or 0)) / 100))
	return money(discounted_rate * Decimal(str(qty or 0)))


def line_discount(qty: float, rate: float, discount_percentage: float = 0) -> Decimal:
	return money(Decimal(str(qty or 0)) * money(rate)) - line_amount(qty, rate, discount_percentage)


@dataclass(frozen=True)
class Tax:
	rate: float
	included_in_price: bool


@dataclass(frozen=True)
class Totals:
	works: Decimal
	parts: Decimal
	discount: Decimal
	taxes: Decimal
	grand_total: Decimal

	@property
	def net(self) -> Decimal:
		return self.works + self.parts


def totals(works: list[dict], parts: list[dict], taxes: list[Tax] = ()) -> Totals:
	"""Totals of an order. ``works`` rows have hours/rate/discount_percentage, ``parts`` qty/rate/discount.

	Taxes are "On Net Total" rows: an included tax (НДС in the price) is carved out of the total, an
	added one is put on top, each rounded to kopecks as ERPNext does.
	"""
	works_total = sum(
		(line_amount(w.get("hours"), w.get("rate"), w.get("discount_percentage")) for w in works), Decimal(0)
	)
	parts_total = sum(
		(line_amount(p.get("qty"), p.get("rate"), p.get("discount_percentage")) for p in parts), Decimal(0)
	)
	discount = sum(
		(line_discount(w.get("hours"), w.get("rate"), w.get("discount_percentage")) for w in works),
		Decimal(0),
	) + sum(
		(line_discount(p.get("qty"), p.get("rate"), p.get("discount_percentage")) for p in parts), Decimal(0)
	)
	net = works_total + parts_total
	tax_total = Decimal(0)
	added = Decimal(0)
	for tax in taxes:
		rate = Decimal(str(tax.rate))
		if tax.included_in_price:
			tax_total += money(net * rate / (100 + rate))
		else:
			amount = money(net * rate / 100)
			tax_total += amount
			added += amount
	return Totals(works_total, parts_total, discount, tax_total, net + added)


def payment_status(grand_total: float, outstanding: float, invoiced: bool = True) -> str:
	"""Unpaid / Partly Paid / Paid / Refund Due from an invoice's grand total and outstanding amount."""
	if not invoiced:
		return NOT_INVOICED
	outstanding_amount = money(outstanding)
	if outstanding_amount < 0:
		return REFUND_DUE
	if outstanding_amount == 0:
		return PAID
	if outstanding_amount >= money(grand_total):
		return UNPAID
	return PARTLY_PAID
