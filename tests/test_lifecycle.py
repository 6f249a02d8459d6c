import pytest

from auto_service.i18n import RuleError
from auto_service.lifecycle import (
	CLOSED,
	COMPLETED,
	DRAFT,
	IN_PROGRESS,
	READY,
	check_handover,
	check_mileage_in,
	check_transition,
	registration_mismatches,
)


@pytest.mark.parametrize(
	"current, new",
	[
		(DRAFT, IN_PROGRESS),
		(IN_PROGRESS, READY),
		(READY, IN_PROGRESS),
		(READY, COMPLETED),
		(COMPLETED, CLOSED),
	],
)
def test_allowed_transitions(current, new):
	check_transition(current, new)


@pytest.mark.parametrize(
	"current, new",
	[
		(DRAFT, COMPLETED),
		(IN_PROGRESS, COMPLETED),
		(CLOSED, IN_PROGRESS),
		(COMPLETED, READY),
		(READY, "Lost"),
	],
)
def test_refused_transitions(current, new):
	with pytest.raises(RuleError):
		check_transition(current, new)


def test_handover_needs_mileage_not_below_intake():
	check_handover(100_000, 100_020)
	with pytest.raises(RuleError):
		check_handover(100_000, None)
	with pytest.raises(RuleError):
		check_handover(100_000, 99_000)


def test_mileage_backwards_needs_a_reason():
	check_mileage_in(120_000, 110_000, None)
	check_mileage_in(5_000, 110_000, "Odometer replaced")
	with pytest.raises(RuleError) as err:
		check_mileage_in(100_000, 110_000, "  ")
	assert "110000" in str(err.value)


def test_registration_mismatch_lists_only_differences():
	record = {"plate": "А123ВС77", "vin": "XTA210990Y2765432", "sts": "7701123456"}
	assert registration_mismatches(record, {"plate": "А123ВС77", "vin": "", "sts": None}) == []
	assert registration_mismatches(record, {"plate": "А124ВС77", "sts": "7701123456"}) == [
		("Licence Plate", "А123ВС77", "А124ВС77")
	]
