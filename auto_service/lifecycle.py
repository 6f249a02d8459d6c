"""Status lifecycles of the shop's documents. Pure Python.

Repair Order: Draft -> In Progress -> Ready -> Completed (handed over) -> Closed; or Cancelled.
Ready may go back to In Progress (more work found); Completed needs the mileage out.
"""

from auto_service.i18n import N_, RuleError

DRAFT = "Draft"
IN_PROGRESS = "In Progress"
READY = "Ready"
COMPLETED = "Completed"
CLOSED = "Closed"
CANCELLED = "Cancelled"

REPAIR_ORDER_TRANSITIONS: dict[str, tuple[str, ...]] = {
	DRAFT: (IN_PROGRESS,),
	IN_PROGRESS: (READY,),
	READY: (IN_PROGRESS, COMPLETED),
	COMPLETED: (CLOSED,),
	CLOSED: (),
	CANCELLED: (),
}

# Statuses a user may set with a button (the rest follow submit/cancel).
MANUAL_STATUSES = (IN_PROGRESS, READY, COMPLETED, CLOSED)


def check_transition(current: str, new: str) -> None:
	"""Raise :class:`RuleError` unless a repair order may go from ``current`` to ``new``."""
	if new not in REPAIR_ORDER_TRANSITIONS:
		raise RuleError(N_("Unknown status {0}."), new)
	if new not in REPAIR_ORDER_TRANSITIONS.get(current, ()):
		raise RuleError(N_("A repair order cannot go from {0} to {1}."), current, new)


def check_handover(mileage_in: int | None, mileage_out: int | None) -> None:
	"""The car is handed over with its mileage, which cannot be below the mileage it came in with."""
	if not mileage_out:
		raise RuleError(N_("Enter the mileage at hand-over."))
	if mileage_in and mileage_out < mileage_in:
		raise RuleError(
			N_("Mileage at hand-over ({0} km) cannot be below the mileage at intake ({1} km)."),
			mileage_out,
			mileage_in,
		)


def check_mileage_in(mileage_in: int, last_known: int | None, correction_reason: str | None) -> None:
	"""Mileage never goes backwards unless the staff say why (odometer replaced, earlier typo)."""
	if mileage_in < 0:
		raise RuleError(N_("Mileage cannot be negative."))
	if last_known and mileage_in < last_known and not (correction_reason or "").strip():
		raise RuleError(
			N_(
				"Mileage {0} km is below the last known {1} km for this car. Check the odometer, or give a "
				"correction reason."
			),
			mileage_in,
			last_known,
		)


def registration_mismatches(record: dict, seen: dict) -> list[tuple[str, str, str]]:
	"""(what, on record, as seen) for each registration detail that differs from the vehicle record.

	Both sides must already be normalized by the caller; an empty "seen" value is not a mismatch.
	"""
	out = []
	for key, label in (
		("plate", N_("Licence Plate")),
		("vin", N_("VIN")),
		("sts", N_("Registration Certificate (СТС)")),
	):
		if seen.get(key) and seen.get(key) != (record.get(key) or ""):
			out.append((label, record.get(key) or "", seen[key]))
	return out
