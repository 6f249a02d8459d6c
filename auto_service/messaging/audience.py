"""Whom a mailing reaches: one query over Customer with the group filters as sub-queries.

Returns plain dicts (customer, name, phone, e-mail, consent) that :func:`auto_service.consent.plan_recipients`
decides on. The consent read here is the consent at this moment: the sending job reads it again when it
queues, so a withdrawal after planning stops the message.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Max
from frappe.utils import add_months, getdate, nowdate

MAX_AUDIENCE = 20_000
ACTIVE_SLOT_STATUSES = ("Booked", "Confirmed", "Arrived", "In Work")
OPEN_ORDER_STATUSES = ("Draft", "In Progress", "Ready")


class AudienceTooLargeError(frappe.ValidationError):
	pass


class EmptyAudienceError(frappe.ValidationError):
	pass


def audience_query(mailing):
	"""The frappe.qb query of the clients a mailing's audience selects (not yet run)."""
	customer = frappe.qb.DocType("Customer")
	query = (
		frappe.qb.from_(customer)
		.select(
			customer.name.as_("customer"),
			customer.customer_name,
			customer.mobile_no.as_("phone"),
			customer.email_id.as_("email"),
			customer.as_sms_consent,
			customer.as_email_consent,
		)
		.where(customer.disabled == 0)
		.orderby(customer.name)
	)
	if mailing.audience == "One Client":
		return query.where(customer.name == (mailing.customer or ""))
	if mailing.audience != "Group":
		return query
	if mailing.customer_group:
		query = query.where(customer.customer_group == mailing.customer_group)
	if mailing.lead_source:
		query = query.where(customer.as_lead_source == mailing.lead_source)
	query = _visit_filters(query, customer, mailing)
	query = _vehicle_filters(query, customer, mailing)
	if mailing.master:
		slot = frappe.qb.DocType("Master Schedule Slot")
		query = query.where(
			(customer.as_preferred_master == mailing.master)
			| customer.name.isin(
				frappe.qb.from_(slot).select(slot.customer).where(slot.master == mailing.master)
			)
		)
	if mailing.has_open_order:
		order = frappe.qb.DocType("Repair Order")
		query = query.where(
			customer.name.isin(
				frappe.qb.from_(order)
				.select(order.customer)
				.where((order.docstatus < 2) & order.status.isin(OPEN_ORDER_STATUSES))
			)
		)
	if mailing.booked_on:
		slot = frappe.qb.DocType("Master Schedule Slot")
		day = getdate(mailing.booked_on)
		query = query.where(
			customer.name.isin(
				frappe.qb.from_(slot)
				.select(slot.customer)
				.where(
					(slot.starts_on >= f"{day} 00:00:00")
					& (slot.starts_on <= f"{day} 23:59:59")
					& slot.status.isin(ACTIVE_SLOT_STATUSES)
				)
			)
		)
	return query


def _visit_filters(query, customer, mailing):
	"""Last visit = the latest repair order (not cancelled) of the client."""
	bounds = []
	if mailing.last_visit_after:
		bounds.append(("after", getdate(mailing.last_visit_after)))
	if mailing.last_visit_before:
		bounds.append(("before", getdate(mailing.last_visit_before)))
	if mailing.no_visit_months:
		bounds.append(("before", getdate(add_months(nowdate(), -int(mailing.no_visit_months)))))
	if not bounds:
		return query
	order = frappe.qb.DocType("Repair Order")
	last = (
		frappe.qb.from_(order)
		.select(order.customer)
		.where((order.docstatus < 2) & (order.status != "Cancelled"))
		.groupby(order.customer)
	)
	for side, day in bounds:
		last = last.having(
			Max(order.posting_date) > day if side == "after" else Max(order.posting_date) < day
		)
	return query.where(customer.name.isin(last))


def _vehicle_filters(query, customer, mailing):
	if not (mailing.vehicle_make or mailing.vehicle_model or mailing.year_from or mailing.year_to):
		return query
	vehicle = frappe.qb.DocType("Customer Vehicle")
	cars = frappe.qb.from_(vehicle).select(vehicle.customer).where(vehicle.is_active == 1)
	if mailing.vehicle_make:
		cars = cars.where(vehicle.make.like(_like(mailing.vehicle_make)))
	if mailing.vehicle_model:
		cars = cars.where(vehicle.model.like(_like(mailing.vehicle_model)))
	if mailing.year_from:
		cars = cars.where(vehicle.year >= int(mailing.year_from))
	if mailing.year_to:
		cars = cars.where(vehicle.year <= int(mailing.year_to))
	return query.where(customer.name.isin(cars))


def _like(text: str) -> str:
	escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
	return f"%{escaped}%"


def load_audience(mailing) -> list[dict]:
	"""The clients of the mailing's audience (one query), refused when empty or larger than the cap."""
	rows = audience_query(mailing).limit(MAX_AUDIENCE + 1).run(as_dict=True)
	if len(rows) > MAX_AUDIENCE:
		frappe.throw(
			_("The audience has more than {0} clients: narrow it with the group filters.").format(
				MAX_AUDIENCE
			),
			exc=AudienceTooLargeError,
			title=_("Too many recipients"),
		)
	if not rows:
		frappe.throw(
			_("No client matches this audience: change the filters or the client."),
			exc=EmptyAudienceError,
			title=_("Empty audience"),
		)
	return rows


def unsubscribed_emails(emails: list[str]) -> set[str]:
	"""E-mail addresses that opted out: globally, or from one of our mailings (Frappe's Email Unsubscribe)."""
	wanted = sorted({e.strip().lower() for e in emails if e})
	if not wanted:
		return set()
	unsubscribe = frappe.qb.DocType("Email Unsubscribe")
	found = set()
	for start in range(0, len(wanted), 1000):
		found.update(
			e.lower()
			for e in frappe.qb.from_(unsubscribe)
			.select(unsubscribe.email)
			.where(
				unsubscribe.email.isin(wanted[start : start + 1000])
				& ((unsubscribe.global_unsubscribe == 1) | (unsubscribe.reference_doctype == "Mailing"))
			)
			.run(pluck=True)
		)
	return found
