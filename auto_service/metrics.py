"""The shop's period metrics: one definition of who is a new client, what counts as revenue and profit, how
busy a master is. Every report, number card and dashboard chart uses these functions (the Frappe layer in
``auto_service.period_data`` loads the rows, this module decides what they mean).

Pure Python: never imports frappe. Definitions (also in the README, section "Attribution"):

* A client's **channel** is the Customer's ``as_lead_source`` (empty: "no source").
* A client's **first visit** is the earliest of their first repair order (draft or submitted, not cancelled)
  and their first visit that actually took place (a booking marked Arrived, In Work or Done).
* A client is **new in a period** when the first visit falls within it (both ends included), **returning**
  when they came in the period but the first visit was earlier.
* **Revenue** is net invoiced: the net total (without VAT) of submitted Sales Invoices of repair orders
  posted in the period, minus the submitted credit notes against them (whatever the date of the credit
  note: it corrects its invoice). Cancelled invoices and drafts never count.
* **Gross profit** = revenue - the parts' valuation cost written by the stock ledger of those invoices (and
  given back by their credit notes). Labour cost is not modelled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

ARRIVED_STATUSES = ("Arrived", "In Work", "Done")
NO_SHOW = "No-show"
CANCELLED = "Cancelled"
NO_SOURCE = ""
DEFAULT_IDLE_THRESHOLD = 50.0
DEFAULT_WARRANTY_DAYS = 30
DEFAULT_RETENTION_MONTHS = 6
MAX_PERIOD_DAYS = 731  # reports refuse longer periods (two years)


# ---------------------------------------------------------------------------------------- dates


def month_start(day: date) -> date:
	return date(day.year, day.month, 1)


def add_months(day: date, months: int) -> date:
	"""``day`` moved by whole months, clipped to the end of a shorter month (31 Jan + 1 -> 28/29 Feb)."""
	index = day.year * 12 + day.month - 1 + months
	year, month = divmod(index, 12)
	month += 1
	last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
	return date(year, month, min(day.day, last))


def months_in(start: date, end: date) -> list[date]:
	"""First days of the months the period touches, in order."""
	out, current = [], month_start(start)
	while current <= end:
		out.append(current)
		current = add_months(current, 1)
	return out


def in_period(day: date | None, start: date, end: date) -> bool:
	return day is not None and start <= day <= end


# ---------------------------------------------------------------------------------------- clients


def first_visits(*sources: Iterable[tuple[str, date]]) -> dict[str, date]:
	"""Earliest date per client over any number of ``(client, date)`` streams (orders, arrived visits)."""
	first: dict[str, date] = {}
	for rows in sources:
		for client, day in rows:
			if day is None:
				continue
			if isinstance(day, datetime):
				day = day.date()
			if client not in first or day < first[client]:
				first[client] = day
	return first


def is_new(first_visit: date | None, start: date, end: date) -> bool:
	return in_period(first_visit, start, end)


def split_new_returning(
	clients: Iterable[str], first_visit: Mapping[str, date], start: date, end: date
) -> tuple[set[str], set[str]]:
	"""Clients who came in the period, split into new (first visit in the period) and returning."""
	new, returning = set(), set()
	for client in clients:
		(new if is_new(first_visit.get(client), start, end) else returning).add(client)
	return new, returning


def share(part: float, whole: float) -> float:
	"""Percentage, 0 when the whole is 0, rounded to 0.1."""
	return round(100.0 * part / whole, 1) if whole else 0.0


# ---------------------------------------------------------------------------------------- money


@dataclass
class Money:
	revenue: float = 0.0
	parts_cost: float = 0.0

	@property
	def gross_profit(self) -> float:
		return round(self.revenue - self.parts_cost, 2)

	def add(self, other: Money) -> Money:
		self.revenue = round(self.revenue + other.revenue, 2)
		self.parts_cost = round(self.parts_cost + other.parts_cost, 2)
		return self


def invoice_money(invoices: Iterable[Mapping]) -> dict[str, Money]:
	"""Net money per original invoice from invoice rows ``{name, docstatus, is_return, return_against,
	net_total, stock_value_difference}`` (``stock_value_difference``: the sum of the invoice's stock
	ledger, negative when parts leave). Cancelled and draft documents are ignored; a credit note adds its
	(negative) net total and its (positive) stock difference to the invoice it returns."""
	out: dict[str, Money] = {}
	for row in invoices:
		if row.get("docstatus") != 1:
			continue
		key = row.get("return_against") if row.get("is_return") else row.get("name")
		if not key:
			continue
		out.setdefault(key, Money()).add(
			Money(float(row.get("net_total") or 0), -float(row.get("stock_value_difference") or 0))
		)
	return out


def roi_percent(gross_profit: float, spend: float) -> float | None:
	"""Return on advertising: (gross profit - spend) / spend, in %. None without spend."""
	if not spend:
		return None
	return round(100.0 * (gross_profit - spend) / spend, 1)


def cost_per_client(spend: float, clients: int) -> float | None:
	if not clients:
		return None
	return round(spend / clients, 2)


def loses_money(gross_profit: float, spend: float) -> bool:
	return spend > 0 and gross_profit - spend < 0


# ---------------------------------------------------------------------------------------- masters


def hours_in(intervals: Iterable[tuple[datetime, datetime]]) -> float:
	"""Total length of working intervals in hours."""
	return round(sum((end - start).total_seconds() for start, end in intervals) / 3600.0, 2)


def load_percent(billed_hours: float, available_hours: float) -> float | None:
	if not available_hours:
		return None
	return round(100.0 * billed_hours / available_hours, 1)


def is_idle(load: float | None, threshold: float = DEFAULT_IDLE_THRESHOLD) -> bool:
	"""Idle: under the load threshold. A master with no working time in the period is not judged."""
	return load is not None and load < threshold


def came_back(first: date, dates_in_period: int, next_after: date | None, end: date, months: int) -> bool:
	"""A client of a master came back: a later order with the same master within the period (a second
	order date in it) or after it, up to ``months`` months after their first order in the period."""
	if dates_in_period > 1:
		return True
	return next_after is not None and next_after <= max(end, add_months(first, months))


def retained_clients(
	orders: Iterable[tuple[str, str, date]], start: date, end: date, months: int
) -> dict[str, tuple[set[str], set[str]]]:
	"""Per master: (clients served in the period, of them clients who came back to the same master).

	``orders`` are ``(master, client, date)`` of every order line with a master, any date. A client of a
	master in the period came back when a later order with the same master falls within the period or
	within ``months`` months after their first order with that master in the period.
	"""
	by_pair: dict[tuple[str, str], list[date]] = {}
	for master, client, day in orders:
		by_pair.setdefault((master, client), []).append(day)
	out: dict[str, tuple[set[str], set[str]]] = {}
	for (master, client), days in by_pair.items():
		days = sorted(set(days))
		first = next((d for d in days if start <= d <= end), None)
		if first is None:
			continue
		served, back = out.setdefault(master, (set(), set()))
		served.add(client)
		in_period = sum(1 for d in days if start <= d <= end)
		after = next((d for d in days if d > end), None)
		if came_back(first, in_period, after, end, months):
			back.add(client)
	return out


def comebacks(
	lines: Iterable[tuple[str, str, str, str, date]], start: date, end: date, days: int
) -> dict[str, int]:
	"""Per master: repeat orders on the same car for the same work within ``days`` of a first order.

	``lines`` are ``(order, vehicle, work item, master, date)`` of work lines, any date. A later order
	(another order) on the same car with the same work within ``days`` days after an order in the period
	is one comeback, counted against the master of the earlier order's line.
	"""
	by_key: dict[tuple[str, str], list[tuple[date, str, str]]] = {}
	for order, vehicle, item, master, day in lines:
		by_key.setdefault((vehicle, item), []).append((day, order, master))
	out: dict[str, int] = {}
	for rows in by_key.values():
		rows.sort()
		for i, (day, order, master) in enumerate(rows):
			if not (start <= day <= end) or not master:
				continue
			for later_day, later_order, _ in rows[i + 1 :]:
				if later_order == order:
					continue
				if later_day - day > timedelta(days=days):
					break
				out[master] = out.get(master, 0) + 1
				break
	return out


# ---------------------------------------------------------------------------------------- visits


def rate(part: int, whole: int) -> float:
	return share(part, whole)


def no_show_rate(statuses: Mapping[str, int]) -> float:
	"""No-shows among visits that were due (arrived or not), cancellations excluded."""
	due = sum(statuses.get(s, 0) for s in (*ARRIVED_STATUSES, NO_SHOW))
	return share(statuses.get(NO_SHOW, 0), due)


def conversion_rate(bookings: int, with_order: int) -> float:
	"""Share of bookings (cancellations excluded by the caller) that led to a repair order."""
	return share(with_order, bookings)
