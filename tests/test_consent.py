from datetime import date

import pytest

from auto_service.consent import EMAIL, SMS, complete_consent, consent_changes, may_receive
from auto_service.i18n import RuleError


def test_new_customer_with_consent_records_a_change():
	changes = consent_changes(None, {"as_sms_consent": 1, "as_sms_consent_method": "Written form"})
	assert [(c.channel, c.old, c.new, c.method) for c in changes] == [(SMS, False, True, "Written form")]


def test_new_customer_without_consent_records_nothing():
	assert consent_changes(None, {"as_sms_consent": 0}) == []


def test_withdrawal_is_a_change():
	before = {"as_sms_consent": 1, "as_email_consent": 1}
	after = {"as_sms_consent": 1, "as_email_consent": 0}
	changes = consent_changes(before, after)
	assert [(c.channel, c.old, c.new) for c in changes] == [(EMAIL, True, False)]


def test_unchanged_consent_is_not_a_change():
	state = {"as_sms_consent": 1, "as_email_consent": 0}
	assert consent_changes(state, dict(state)) == []


def test_consent_without_method_is_refused():
	with pytest.raises(RuleError):
		complete_consent({"as_email_consent": 1}, date(2026, 1, 1), "a@b.c")


def test_consent_date_and_recorder_are_the_servers_whatever_was_sent():
	updates = complete_consent(
		{
			"as_sms_consent": 1,
			"as_sms_consent_method": "Written form",
			"as_email_consent": 1,
			"as_email_consent_method": "Website form",
			"as_email_consent_date": date(2025, 5, 5),
			"as_email_consent_recorded_by": "someone@else",
		},
		date(2026, 1, 1),
		"advisor@shop",
	)
	assert updates == {
		"as_sms_consent_date": date(2026, 1, 1),
		"as_sms_consent_recorded_by": "advisor@shop",
		"as_email_consent_date": date(2026, 1, 1),
		"as_email_consent_recorded_by": "advisor@shop",
	}


def test_consent_that_stays_keeps_its_stored_date_and_recorder():
	before = {
		"as_sms_consent": 1,
		"as_sms_consent_method": "Written form",
		"as_sms_consent_date": date(2025, 3, 3),
		"as_sms_consent_recorded_by": "first@shop",
	}
	sent = {**before, "as_sms_consent_date": date(2020, 1, 1), "as_sms_consent_recorded_by": "forged@x"}
	updates = complete_consent(sent, date(2026, 1, 1), "advisor@shop", before)
	assert updates["as_sms_consent_date"] == date(2025, 3, 3)
	assert updates["as_sms_consent_recorded_by"] == "first@shop"
	assert updates["as_email_consent_date"] is None
	assert updates["as_email_consent_recorded_by"] is None


def test_consent_given_again_after_withdrawal_gets_a_new_date():
	before = {"as_sms_consent": 0, "as_sms_consent_date": None}
	updates = complete_consent(
		{"as_sms_consent": 1, "as_sms_consent_method": "SMS reply"}, date(2026, 2, 2), "adv", before
	)
	assert updates["as_sms_consent_date"] == date(2026, 2, 2)


def test_may_receive_only_with_consent_on_that_channel():
	state = {"as_sms_consent": 1, "as_email_consent": 0}
	assert may_receive(state, SMS)
	assert not may_receive(state, EMAIL)
	with pytest.raises(RuleError):
		may_receive(state, "Pigeon")
