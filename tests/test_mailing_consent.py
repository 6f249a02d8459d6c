"""Whom a message may reach: service to any valid contact, advertising only with consent at queue time."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auto_service.consent import (
	ADVERTISING,
	DUPLICATE,
	EMAIL,
	NO_CONSENT,
	NO_EMAIL,
	NO_PHONE,
	SERVICE,
	SMS,
	UNSUBSCRIBED,
	clean_address,
	decide_at_queue,
	may_receive,
	message_decision,
	plan_recipients,
)
from auto_service.i18n import RuleError


def client(name="C1", phone="+79161234567", email="ivan@example.com", sms=0, mail=0):
	return {"customer": name, "phone": phone, "email": email, "as_sms_consent": sms, "as_email_consent": mail}


def test_service_message_needs_only_a_valid_contact():
	assert message_decision(SERVICE, SMS, client(), "+79161234567") is None
	assert message_decision(SERVICE, EMAIL, client(), "ivan@example.com", unsubscribed=True) is None


def test_advertising_needs_consent_for_that_channel():
	state = client(sms=1, mail=0)
	assert message_decision(ADVERTISING, SMS, state, "+79161234567") is None
	assert message_decision(ADVERTISING, EMAIL, state, "ivan@example.com") == NO_CONSENT


def test_no_valid_address_is_said_per_channel():
	assert message_decision(SERVICE, SMS, client(), None) == NO_PHONE
	assert message_decision(ADVERTISING, EMAIL, client(mail=1), None) == NO_EMAIL


def test_unsubscribed_address_gets_no_advertising_even_with_consent():
	assert message_decision(ADVERTISING, EMAIL, client(mail=1), "ivan@example.com", True) == UNSUBSCRIBED


def test_unknown_kind_and_channel_are_refused():
	with pytest.raises(RuleError):
		message_decision("Spam", SMS, client(), "+79161234567")
	with pytest.raises(RuleError):
		plan_recipients(SERVICE, ["Fax"], [client()])


@pytest.mark.parametrize(
	("channel", "raw", "clean"),
	[
		(SMS, "8 (916) 123-45-67", "+79161234567"),
		(SMS, "12345", None),
		(SMS, "not a phone", None),
		(SMS, None, None),
		(EMAIL, " Ivan@Example.COM ", "ivan@example.com"),
		(EMAIL, "ivan@", None),
		(EMAIL, "ivan example.com", None),
		(EMAIL, "a@b.c", None),
	],
)
def test_addresses_are_cleaned(channel, raw, clean):
	assert clean_address(channel, raw) == clean


def test_a_shared_phone_gets_one_message():
	decisions = plan_recipients(
		SERVICE,
		[SMS],
		[client("C1"), client("C2", phone="8 916 123 45 67"), client("C3", phone="+79161111111")],
	)
	assert [(d.customer, d.reason) for d in decisions] == [("C1", None), ("C2", DUPLICATE), ("C3", None)]


def test_an_excluded_client_does_not_take_the_address():
	# C1 has no consent: C2 with the same phone and consent still gets the advertising
	decisions = plan_recipients(ADVERTISING, [SMS], [client("C1", sms=0), client("C2", sms=1)])
	assert [(d.customer, d.reason) for d in decisions] == [("C1", NO_CONSENT), ("C2", None)]


def test_both_channels_give_two_decisions_per_client():
	decisions = plan_recipients(ADVERTISING, [SMS, EMAIL], [client(sms=1, mail=0)], unsubscribed=[])
	assert [(d.channel, d.reason) for d in decisions] == [(SMS, None), (EMAIL, NO_CONSENT)]


def test_unsubscribed_addresses_are_matched_case_insensitively():
	decisions = plan_recipients(ADVERTISING, [EMAIL], [client(mail=1)], unsubscribed=["IVAN@example.com"])
	assert decisions[0].reason == UNSUBSCRIBED


# ---------------------------------------------------------------- property: consent is never broken

phones = st.sampled_from(["+79161234567", "+79161234568", "8 916 000-00-01", "12", "", None])
emails = st.sampled_from(["a@example.com", "B@example.com", "b@example.com", "bad@", "", None])
clients = st.lists(
	st.builds(
		lambda i, p, e, s, m: client(f"C{i}", p, e, s, m),
		st.integers(0, 10_000),
		phones,
		emails,
		st.integers(0, 1),
		st.integers(0, 1),
	),
	max_size=30,
	unique_by=lambda c: c["customer"],
)
channel_sets = st.sampled_from([[SMS], [EMAIL], [SMS, EMAIL]])


@settings(max_examples=200)
@given(clients, channel_sets, st.sampled_from([SERVICE, ADVERTISING]), st.data())
def test_no_advertising_is_ever_queued_without_consent(audience, channels, kind, data):
	planned = plan_recipients(kind, channels, audience)
	# between planning and sending some clients withdraw (or give) consent
	current = {c["customer"]: dict(c) for c in audience}
	for name in data.draw(st.lists(st.sampled_from(sorted(current) or ["-"]), max_size=10)):
		if name in current:
			flag = data.draw(st.sampled_from(["as_sms_consent", "as_email_consent"]))
			current[name][flag] = data.draw(st.integers(0, 1))
	# the job decides again for every planned message at the moment it queues it
	queued = [d for d in planned if decide_at_queue(kind, d, current[d.customer]) is None]
	for decision in queued:
		assert decision.address
		if kind == ADVERTISING:
			assert may_receive(current[decision.customer], decision.channel)
	# a withdrawal is honoured: nobody who withdrew on a channel is queued on it
	for decision in planned:
		if kind == ADVERTISING and not may_receive(current[decision.customer], decision.channel):
			assert decision not in queued
	# and nobody gets the same message twice on one address
	addresses = [(d.channel, d.address) for d in queued]
	assert len(addresses) == len(set(addresses))
	# service messages reach every client with a valid, not yet used address
	if kind == SERVICE:
		assert all(d.reason in (None, NO_PHONE, NO_EMAIL, DUPLICATE) for d in planned)


def test_withdrawal_after_planning_stops_the_message():
	planned = plan_recipients(ADVERTISING, [SMS], [client(sms=1)])
	assert planned[0].sends
	assert decide_at_queue(ADVERTISING, planned[0], client(sms=0)) == NO_CONSENT
	assert decide_at_queue(ADVERTISING, planned[0], client(sms=1)) is None


def test_unsubscribing_after_planning_stops_the_e_mail():
	planned = plan_recipients(ADVERTISING, [EMAIL], [client(mail=1)])
	assert decide_at_queue(ADVERTISING, planned[0], client(mail=1), ["ivan@example.com"]) == UNSUBSCRIBED


@given(st.from_regex(r"\+7[0-9]{10}", fullmatch=True))
def test_fast_path_for_stored_mobiles_agrees_with_libphonenumber(phone):
	from auto_service.phones import try_normalize_phone

	assert clean_address(SMS, phone) == try_normalize_phone(phone)
