"""Tests for auto_service.scheduling (pure Python, runs under plain pytest without frappe)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auto_service.scheduling import (
	Candidate,
	Interval,
	ScheduleResult,
	SlotRequest,
	find_candidates,
	find_conflicts,
	free_intervals,
	is_within_working_time,
	merge_intervals,
	overlaps,
	rank_key,
	working_intervals,
	working_intervals_for_day,
)

MONDAY = date(2024, 3, 4)
TUESDAY = MONDAY + timedelta(days=1)


def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
	return datetime.combine(day, time(hour, minute))


def minutes(value: int) -> timedelta:
	return timedelta(minutes=value)


def hours(value: float) -> timedelta:
	return timedelta(hours=value)


def shop_day(day: date = MONDAY) -> list[Interval]:
	return [(at(9, day=day), at(18, day=day))]


def slots(result: ScheduleResult) -> list[tuple[str, datetime]]:
	return [(c.master, c.start) for c in result.candidates]


# --------------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------------


def test_touching_intervals_do_not_overlap() -> None:
	assert not overlaps(at(9), at(10), at(10), at(11))
	assert not overlaps(at(10), at(11), at(9), at(10))


def test_overlaps_detects_partial_and_contained_intervals() -> None:
	assert overlaps(at(9), at(11), at(10), at(12))
	assert overlaps(at(9), at(12), at(10), at(11))
	assert overlaps(at(10), at(11), at(9), at(12))
	assert overlaps(at(9), at(10), at(9), at(10))


def test_empty_interval_overlaps_nothing() -> None:
	assert not overlaps(at(10), at(10), at(9), at(11))


def test_find_conflicts_returns_overlapping_items_in_input_order_with_extra_fields() -> None:
	busy = [
		(at(12), at(13), "BK-3"),
		(at(8), at(9), "BK-1"),
		(at(9, 30), at(10, 30), "BK-2"),
		(at(11), at(11, 30), "BK-4"),
	]
	assert find_conflicts(at(9), at(12, 30), busy) == [busy[0], busy[2], busy[3]]
	assert find_conflicts(at(10, 30), at(11), busy) == []


def test_merge_intervals_merges_overlapping_and_touching_and_drops_empty() -> None:
	raw = [(at(12), at(13)), (at(9), at(10)), (at(10), at(11)), (at(10, 30), at(10, 45)), (at(14), at(14))]
	assert merge_intervals(raw) == [(at(9), at(11)), (at(12), at(13))]


def test_free_intervals_subtracts_busy_from_working_sorted() -> None:
	working = [(at(14), at(18)), (at(9), at(13))]
	busy = [(at(10), at(11)), (at(10, 30), at(11, 30)), (at(12, 30), at(15)), (at(17), at(19))]
	assert free_intervals(working, busy) == [
		(at(9), at(10)),
		(at(11, 30), at(12, 30)),
		(at(15), at(17)),
	]


def test_is_within_working_time_requires_one_interval() -> None:
	working = [(at(9), at(13)), (at(14), at(18))]
	assert is_within_working_time(at(9), at(13), working)
	assert is_within_working_time(at(14, 30), at(15), working)
	assert not is_within_working_time(at(12), at(15), working)
	assert not is_within_working_time(at(8, 30), at(9, 30), working)
	assert not is_within_working_time(at(10), at(10), working)


def test_touching_working_intervals_are_one_continuous_interval() -> None:
	working = [(at(9), at(13)), (at(13), at(18))]
	assert is_within_working_time(at(12), at(14), working)
	request = SlotRequest(duration=hours(2), earliest_start=at(12), step=hours(1))
	result = find_candidates({"A": working}, {}, {}, request, n=1)
	assert slots(result) == [("A", at(12))]


def test_working_intervals_for_day_cuts_out_breaks() -> None:
	assert working_intervals_for_day(MONDAY, time(9), time(18), [(time(13), time(14))]) == [
		(at(9), at(13)),
		(at(14), at(18)),
	]


def test_working_intervals_for_day_overnight_shift_ends_next_day() -> None:
	assert working_intervals_for_day(MONDAY, time(22), time(6), [(time(2), time(3))]) == [
		(at(22), at(2, day=TUESDAY)),
		(at(3, day=TUESDAY), at(6, day=TUESDAY)),
	]
	assert working_intervals_for_day(MONDAY, time(20), time(0)) == [(at(20), at(0, day=TUESDAY))]


def test_working_intervals_use_weekday_hours_and_skip_days_off() -> None:
	weekly = {0: [(time(9), time(13)), (time(14), time(18))], 1: [(time(10), time(16))]}
	wednesday = MONDAY + timedelta(days=2)
	result = working_intervals(MONDAY, wednesday + timedelta(days=7), weekly, {MONDAY + timedelta(days=7)})
	assert result == [
		(at(9), at(13)),
		(at(14), at(18)),
		(at(10, day=TUESDAY), at(16, day=TUESDAY)),
		(at(10, day=TUESDAY + timedelta(days=7)), at(16, day=TUESDAY + timedelta(days=7))),
	]


def test_working_intervals_date_override_replaces_weekly_hours_but_not_days_off() -> None:
	weekly = {0: [(time(9), time(18))], 1: [(time(9), time(18))]}
	overrides = {MONDAY: [(time(12), time(15))], TUESDAY: [(time(8), time(9))]}
	assert working_intervals(MONDAY, TUESDAY, weekly, {TUESDAY}, overrides) == [(at(12), at(15))]
	assert working_intervals(MONDAY, MONDAY, weekly, set(), {MONDAY: []}) == []


# --------------------------------------------------------------------------------------------------------
# Candidate search: concrete examples
# --------------------------------------------------------------------------------------------------------


def test_preferred_master_ranked_first_even_when_later() -> None:
	working = {"A": shop_day(), "B": shop_day()}
	busy = {"B": [(at(9), at(12))]}
	request = SlotRequest(duration=hours(1), earliest_start=at(9), preferred_master="B", step=hours(1))
	result = find_candidates(working, busy, {}, request, n=3)
	assert slots(result) == [("B", at(12)), ("B", at(13)), ("B", at(14))]
	assert all(c.preferred for c in result.candidates)
	assert result.meets_deadline


def test_other_masters_follow_the_preferred_master() -> None:
	working = {"A": shop_day(), "B": [(at(9), at(11))]}
	request = SlotRequest(duration=hours(1), earliest_start=at(9), preferred_master="B", step=hours(1))
	result = find_candidates(working, {}, {}, request, n=4)
	assert slots(result) == [("B", at(9)), ("B", at(10)), ("A", at(9)), ("A", at(10))]
	assert [c.preferred for c in result.candidates] == [True, True, False, False]


def test_preferred_master_without_required_skill_is_not_offered() -> None:
	working = {"A": shop_day(), "B": shop_day()}
	skills = {"A": {"engine"}, "B": {"tires"}}
	request = SlotRequest(
		duration=hours(1), earliest_start=at(9), preferred_master="B", required_skill="engine", step=hours(1)
	)
	result = find_candidates(working, {}, skills, request, n=3)
	assert {c.master for c in result.candidates} == {"A"}
	assert not any(c.preferred for c in result.candidates)


def test_skill_filter_offers_any_master_with_the_skill() -> None:
	working = {"A": shop_day(), "B": shop_day(), "C": shop_day()}
	skills = {"A": {"tires"}, "B": {"engine", "tires"}, "C": {"engine"}}
	busy = {"B": [(at(9), at(10))]}
	request = SlotRequest(duration=hours(1), earliest_start=at(9), required_skill="engine", step=hours(1))
	result = find_candidates(working, busy, skills, request, n=3)
	assert slots(result) == [("C", at(9)), ("B", at(10)), ("C", at(10))]


def test_wanted_window_slots_ranked_before_earlier_slots_outside_it() -> None:
	request = SlotRequest(
		duration=hours(1), earliest_start=at(9), wanted_window=(time(14), time(16)), step=hours(1)
	)
	result = find_candidates({"A": shop_day()}, {}, {}, request, n=4)
	assert slots(result) == [("A", at(14)), ("A", at(15)), ("A", at(9)), ("A", at(10))]
	assert [c.in_window for c in result.candidates] == [True, True, False, False]


def test_slots_before_and_after_the_window_follow_the_window_slots() -> None:
	request = SlotRequest(
		duration=hours(1), earliest_start=at(9), wanted_window=(time(10), time(12)), step=hours(1)
	)
	result = find_candidates({"A": shop_day()}, {}, {}, request, n=6)
	assert [c.start.hour for c in result.candidates] == [10, 11, 9, 12, 13, 14]


def test_wanted_window_is_preferred_over_earlier_days() -> None:
	working = {"A": shop_day() + shop_day(TUESDAY)}
	busy = {"A": [(at(14), at(16))]}
	request = SlotRequest(
		duration=hours(1), earliest_start=at(9), wanted_window=(time(14), time(16)), step=hours(1)
	)
	result = find_candidates(working, busy, {}, request, n=2)
	assert slots(result) == [("A", at(14, day=TUESDAY)), ("A", at(15, day=TUESDAY))]


def test_wanted_window_found_next_day_inside_round_the_clock_working_time() -> None:
	wednesday = TUESDAY + timedelta(days=1)
	working = {"A": [(at(12), at(18, day=wednesday))]}
	request = SlotRequest(
		duration=hours(1), earliest_start=at(12), wanted_window=(time(9), time(10)), step=hours(1)
	)
	result = find_candidates(working, {}, {}, request, n=3)
	assert slots(result) == [("A", at(9, day=TUESDAY)), ("A", at(9, day=wednesday)), ("A", at(12))]


def test_wanted_window_can_wrap_midnight() -> None:
	working = {"A": [(at(20), at(4, day=TUESDAY))]}
	request = SlotRequest(
		duration=hours(1), earliest_start=at(20), wanted_window=(time(23), time(1)), step=hours(1)
	)
	result = find_candidates(working, {}, {}, request, n=6)
	assert slots(result) == [
		("A", at(23)),
		("A", at(0, day=TUESDAY)),
		("A", at(20)),
		("A", at(21)),
		("A", at(22)),
		("A", at(1, day=TUESDAY)),
	]


def test_slots_after_a_wrapping_window_follow_the_window_slots() -> None:
	working = {"A": [(at(0, day=TUESDAY), at(3, day=TUESDAY))]}
	request = SlotRequest(
		duration=minutes(30), earliest_start=at(20), wanted_window=(time(23), time(1)), step=minutes(30)
	)
	result = find_candidates(working, {}, {}, request, n=4)
	assert [c.start.time() for c in result.candidates] == [time(0), time(0, 30), time(1), time(1, 30)]
	assert [c.in_window for c in result.candidates] == [True, True, False, False]


def test_deadline_met_returns_only_slots_ending_by_deadline() -> None:
	request = SlotRequest(duration=hours(2), earliest_start=at(9), deadline=at(12), step=hours(1))
	result = find_candidates({"A": shop_day()}, {}, {}, request, n=5)
	assert result.meets_deadline
	assert slots(result) == [("A", at(9)), ("A", at(10))]
	assert result.candidates[-1].end == at(12)


def test_visit_ending_exactly_at_deadline_meets_it() -> None:
	busy = {"A": [(at(9), at(10))]}
	request = SlotRequest(duration=hours(2), earliest_start=at(9), deadline=at(12), step=hours(1))
	result = find_candidates({"A": shop_day()}, busy, {}, request, n=5)
	assert result.meets_deadline
	assert slots(result) == [("A", at(10))]


def test_working_interval_exactly_as_long_as_the_visit_is_usable() -> None:
	working = {"A": [(at(9), at(10, 30)), (at(14), at(15, 30))]}
	request = SlotRequest(duration=minutes(90), earliest_start=at(8), step=minutes(30))
	result = find_candidates(working, {}, {}, request, n=5)
	assert slots(result) == [("A", at(9)), ("A", at(14))]
	assert [c.fragmentation for c in result.candidates] == [0, 0]


def test_deadline_missed_offers_nearest_slots_after_deadline() -> None:
	working = {"A": shop_day() + shop_day(TUESDAY), "B": shop_day(TUESDAY)}
	busy = {"A": [(at(9), at(17)), (at(9, day=TUESDAY), at(10, day=TUESDAY))]}
	request = SlotRequest(duration=hours(2), earliest_start=at(9), deadline=at(12), step=hours(1))
	result = find_candidates(working, busy, {}, request, n=3)
	assert not result.meets_deadline
	assert slots(result) == [
		("B", at(9, day=TUESDAY)),
		("A", at(10, day=TUESDAY)),
		("B", at(10, day=TUESDAY)),
	]
	assert all(c.end > at(12) for c in result.candidates)


def test_slot_ending_after_deadline_counts_as_missing_it() -> None:
	request = SlotRequest(duration=hours(2), earliest_start=at(16), deadline=at(17), step=hours(1))
	result = find_candidates({"A": shop_day()}, {}, {}, request, n=2)
	assert not result.meets_deadline
	assert slots(result) == [("A", at(16))]


def test_no_deadline_searches_up_to_horizon() -> None:
	working = {"A": shop_day(), "B": shop_day(MONDAY + timedelta(days=5))}
	busy = {"A": [(at(9), at(18))]}
	request = SlotRequest(duration=hours(1), earliest_start=at(9), step=hours(1))
	assert slots(find_candidates(working, busy, {}, request, n=1, horizon=timedelta(days=3))) == []
	result = find_candidates(working, busy, {}, request, n=1, horizon=timedelta(days=6))
	assert result.meets_deadline
	assert slots(result) == [("B", at(9, day=MONDAY + timedelta(days=5)))]


def test_candidate_starts_aligned_to_step_from_midnight() -> None:
	working = {"A": [(at(9, 10), at(12))]}
	request = SlotRequest(duration=minutes(30), earliest_start=at(9), step=minutes(45))
	result = find_candidates(working, {}, {}, request, n=3)
	assert slots(result) == [("A", at(9, 45)), ("A", at(10, 30)), ("A", at(11, 15))]


def test_earliest_start_rounds_up_to_next_step() -> None:
	request = SlotRequest(duration=minutes(30), earliest_start=at(10, 7), step=minutes(15))
	result = find_candidates({"A": shop_day()}, {}, {}, request, n=2)
	assert slots(result) == [("A", at(10, 15)), ("A", at(10, 30))]


def test_touching_bookings_allowed() -> None:
	busy = {"A": [(at(9), at(10)), (at(11), at(12))]}
	request = SlotRequest(duration=hours(1), earliest_start=at(9), step=minutes(30))
	result = find_candidates({"A": shop_day()}, busy, {}, request, n=1)
	assert slots(result) == [("A", at(10))]
	assert result.candidates[0].fragmentation == 0


def test_empty_result_when_fully_booked_within_horizon() -> None:
	working = {"A": shop_day(), "B": shop_day(TUESDAY)}
	busy = {"A": [(at(9), at(12)), (at(11), at(18))], "B": [(at(8, day=TUESDAY), at(19, day=TUESDAY))]}
	request = SlotRequest(duration=hours(1), earliest_start=at(9), deadline=at(12))
	result = find_candidates(working, busy, {}, request, n=3, horizon=timedelta(days=2))
	assert result == ScheduleResult([], False, at(12, day=MONDAY + timedelta(days=2)))


def test_fragmentation_prefers_master_left_without_small_gaps() -> None:
	working = {"A": shop_day(), "B": shop_day()}
	# A: free 10:00-11:30 -> a 1 h visit at 10:00 leaves an unusable 30 min; B: free 10:00-11:00, exact fit.
	busy = {"A": [(at(9), at(10)), (at(11, 30), at(18))], "B": [(at(9), at(10)), (at(11), at(18))]}
	request = SlotRequest(duration=hours(1), earliest_start=at(10), step=minutes(30))
	result = find_candidates(working, busy, {}, request, n=3)
	assert [(c.master, c.start, c.fragmentation) for c in result.candidates] == [
		("B", at(10), 0),
		("A", at(10), 1),
		("A", at(10, 30), 1),
	]


def test_fragmentation_sees_bookings_beyond_the_search_horizon() -> None:
	# the horizon ends at 11:00, but the free gap 10:00-11:30 is closed by a booking after it
	busy = {"A": [(at(9), at(10)), (at(11, 30), at(18))]}
	request = SlotRequest(duration=hours(1), earliest_start=at(9), step=minutes(30))
	result = find_candidates({"A": shop_day()}, busy, {}, request, n=5, horizon=hours(2))
	assert [(c.start, c.fragmentation) for c in result.candidates] == [(at(10), 1)]


def test_useful_gap_sets_fragmentation_threshold() -> None:
	busy = {"A": [(at(9), at(10)), (at(11, 30), at(18))]}
	base = SlotRequest(duration=hours(1), earliest_start=at(10), step=minutes(30))
	relaxed = SlotRequest(duration=hours(1), earliest_start=at(10), step=minutes(30), useful_gap=minutes(30))
	assert find_candidates({"A": shop_day()}, busy, {}, base, n=1).candidates[0].fragmentation == 1
	assert find_candidates({"A": shop_day()}, busy, {}, relaxed, n=1).candidates[0].fragmentation == 0


def test_masters_without_working_time_are_ignored() -> None:
	request = SlotRequest(duration=hours(1), earliest_start=at(9), preferred_master="B", step=hours(1))
	result = find_candidates({"A": shop_day(), "B": []}, {"C": [(at(9), at(10))]}, {}, request, n=1)
	assert slots(result) == [("A", at(9))]


@pytest.mark.parametrize(
	"kwargs",
	[
		{"duration": timedelta(0)},
		{"step": timedelta(0)},
		{"wanted_window": (time(10), time(10))},
		{"useful_gap": minutes(-1)},
	],
)
def test_invalid_request_is_rejected(kwargs: dict[str, object]) -> None:
	params: dict[str, object] = {"duration": hours(1), "earliest_start": at(9)}
	params.update(kwargs)
	with pytest.raises(ValueError):
		SlotRequest(**params)  # type: ignore[arg-type]


def test_zero_candidates_requested_returns_empty_result() -> None:
	request = SlotRequest(duration=hours(1), earliest_start=at(9))
	assert find_candidates({"A": shop_day()}, {}, {}, request, n=0).candidates == []


# --------------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------------

GRID = minutes(5)  # every generated working/booking boundary lies on this grid
BASE = datetime.combine(MONDAY, time(0))
SKILL_NAMES = ("engine", "tires", "electrics")
STEPS = (15, 20, 30, 45, 60)  # all divide 24 h, so "from midnight" equals "from BASE"


@dataclass(frozen=True)
class Scenario:
	working: dict[str, list[Interval]]
	busy: dict[str, list[Interval]]
	skills: dict[str, set[str]]
	request: SlotRequest
	n: int
	horizon: timedelta
	days: int


# Strategies are built once here: constructing them inside the composite on every draw is slow.
MAX_DAYS = 3
# (day, 5-minute unit between 06:00 and 22:00); distinct points of a day, paired in order, give disjoint,
# non-touching working intervals (up to two per day)
WORKING_POINTS = {
	days: st.sets(st.tuples(st.integers(0, days - 1), st.integers(6 * 12, 22 * 12)), max_size=4 * days)
	for days in range(1, MAX_DAYS + 1)
}
# (start unit from BASE, length in units), up to 4 h; bookings may overlap each other and working edges
BOOKINGS = {
	days: st.lists(st.tuples(st.integers(0, days * 288 - 1), st.integers(1, 48)), max_size=6)
	for days in range(1, MAX_DAYS + 1)
}
SKILL_SETS = st.sets(st.sampled_from(SKILL_NAMES), max_size=2)
OFFSET_MINUTES = {days: st.integers(0, days * 1440) for days in range(1, MAX_DAYS + 1)}
OPTIONAL_OFFSET_MINUTES = {days: st.none() | OFFSET_MINUTES[days] for days in range(1, MAX_DAYS + 1)}
WINDOWS = st.none() | st.tuples(st.integers(0, 23), st.integers(0, 23)).filter(lambda w: w[0] != w[1])
PREFERRED = st.none() | st.integers(0, 4)  # index into masters; out of range -> a master that does not exist
OPTIONAL_SKILL = st.none() | st.sampled_from(SKILL_NAMES)
OPTIONAL_UNITS = st.none() | st.integers(0, 24)
SMALL = st.integers(1, 6)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
	days = draw(st.integers(1, MAX_DAYS))
	masters = [f"M{i}" for i in range(draw(st.integers(1, 4)))]
	working: dict[str, list[Interval]] = {}
	busy: dict[str, list[Interval]] = {}
	skills: dict[str, set[str]] = {}
	for master in masters:
		points = draw(WORKING_POINTS[days])
		intervals: list[Interval] = []
		for day in range(days):
			units = sorted(unit for d, unit in points if d == day)[:4]
			day_start = BASE + timedelta(days=day)
			intervals += [
				(day_start + units[i] * GRID, day_start + units[i + 1] * GRID)
				for i in range(0, len(units) - 1, 2)
			]
		working[master] = intervals[::-1] if draw(st.booleans()) else intervals
		busy[master] = [
			(BASE + start * GRID, BASE + (start + length) * GRID) for start, length in draw(BOOKINGS[days])
		]
		skills[master] = draw(SKILL_SETS)
	earliest = BASE + minutes(draw(OFFSET_MINUTES[days]))
	deadline_offset = draw(OPTIONAL_OFFSET_MINUTES[days])
	window = draw(WINDOWS)
	preferred = draw(PREFERRED)
	useful_units = draw(OPTIONAL_UNITS)
	request = SlotRequest(
		duration=draw(st.integers(2, 36)) * GRID,
		earliest_start=earliest,
		deadline=None if deadline_offset is None else earliest + minutes(deadline_offset),
		wanted_window=None if window is None else (time(window[0]), time(window[1])),
		preferred_master=None if preferred is None else f"M{preferred}",
		required_skill=draw(OPTIONAL_SKILL),
		step=minutes(draw(st.sampled_from(STEPS))),
		useful_gap=None if useful_units is None else useful_units * GRID,
	)
	return Scenario(
		working=working,
		busy=busy,
		skills=skills,
		request=request,
		n=draw(SMALL),
		horizon=hours(draw(st.integers(0, 48))),
		days=days,
	)


def run(scenario: Scenario) -> ScheduleResult:
	return find_candidates(
		scenario.working, scenario.busy, scenario.skills, scenario.request, scenario.n, scenario.horizon
	)


# Modest example counts keep the file at a few seconds; the brute-force comparison gets the most.
PROPERTY_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REFERENCE_SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def brute_force(scenario: Scenario) -> tuple[list[Candidate], bool]:
	"""Independent reference: 5-minute cells, every aligned start tried, all feasible slots ranked."""
	request = scenario.request
	first_cell = -288  # one day of margin before BASE (nothing is generated there; it must stay empty)
	last_cell = (scenario.days + 1) * 288

	def cell_start(cell: int) -> datetime:
		return BASE + cell * GRID

	def covered(intervals: list[Interval], cell: int) -> bool:
		start = cell_start(cell)
		return any(s <= start and start + GRID <= e for s, e in intervals)

	free: dict[str, set[int]] = {}
	for master, intervals in scenario.working.items():
		if request.required_skill is not None and request.required_skill not in scenario.skills[master]:
			continue
		if not intervals:
			continue
		free[master] = {
			cell
			for cell in range(first_cell, last_cell)
			if covered(intervals, cell)
			and not any(
				overlaps(cell_start(cell), cell_start(cell) + GRID, s, e) for s, e in scenario.busy[master]
			)
		}
	preferred = request.preferred_master if request.preferred_master in free else None
	deadline = request.deadline
	horizon_end = max(request.earliest_start, deadline or request.earliest_start) + scenario.horizon
	threshold = request.duration if request.useful_gap is None else request.useful_gap
	cells = request.duration // GRID
	step_cells = request.step // GRID

	feasible: list[Candidate] = []
	for master, free_cells in free.items():
		for first in range(0, last_cell, step_cells):
			start = cell_start(first)
			end = start + request.duration
			if start < request.earliest_start or end > horizon_end:
				continue
			if not all(cell in free_cells for cell in range(first, first + cells)):
				continue
			gap_first = first
			while gap_first - 1 in free_cells:
				gap_first -= 1
			gap_last = first + cells - 1
			while gap_last + 1 in free_cells:
				gap_last += 1
			left = start - cell_start(gap_first)
			right = cell_start(gap_last + 1) - end
			if request.wanted_window is None:
				inside = True
			else:
				time_from, time_to = request.wanted_window
				t = start.time()
				inside = time_from <= t < time_to if time_from < time_to else (t >= time_from or t < time_to)
			fragmentation = (timedelta(0) < left < threshold) + (timedelta(0) < right < threshold)
			feasible.append(Candidate(master, start, end, master == preferred, inside, fragmentation))
	feasible.sort(key=rank_key)
	if deadline is None:
		return feasible[: scenario.n], bool(feasible)
	before = [c for c in feasible if c.end <= deadline]
	if before:
		return before[: scenario.n], True
	return [c for c in feasible if c.end > deadline][: scenario.n], False


@PROPERTY_SETTINGS
@given(scenarios())
def test_candidate_never_overlaps_existing_booking(scenario: Scenario) -> None:
	for candidate in run(scenario).candidates:
		assert find_conflicts(candidate.start, candidate.end, scenario.busy[candidate.master]) == []


@PROPERTY_SETTINGS
@given(scenarios())
def test_candidate_lies_within_one_working_interval_of_its_master(scenario: Scenario) -> None:
	for candidate in run(scenario).candidates:
		assert any(s <= candidate.start and candidate.end <= e for s, e in scenario.working[candidate.master])


@PROPERTY_SETTINGS
@given(scenarios())
def test_deadline_flag_matches_candidate_ends(scenario: Scenario) -> None:
	result = run(scenario)
	deadline = scenario.request.deadline
	if result.meets_deadline:
		assert result.candidates
		assert deadline is None or all(c.end <= deadline for c in result.candidates)
	elif deadline is not None:
		assert all(c.end > deadline for c in result.candidates)
	else:
		assert result.candidates == []


@PROPERTY_SETTINGS
@given(scenarios())
def test_candidates_sorted_by_documented_rank(scenario: Scenario) -> None:
	result = run(scenario)
	keys = [(not c.preferred, not c.in_window, c.start, c.fragmentation, c.master) for c in result.candidates]
	assert keys == sorted(keys)
	assert [c.rank_key for c in result.candidates] == sorted(c.rank_key for c in result.candidates)


@PROPERTY_SETTINGS
@given(scenarios())
def test_candidates_start_after_earliest_start_on_step_grid_with_requested_duration(
	scenario: Scenario,
) -> None:
	request = scenario.request
	result = run(scenario)
	assert len(result.candidates) <= scenario.n
	for candidate in result.candidates:
		assert candidate.start >= request.earliest_start
		assert candidate.end - candidate.start == request.duration
		midnight = datetime.combine(candidate.start.date(), time(0))
		assert (candidate.start - midnight) % request.step == timedelta(0)


@PROPERTY_SETTINGS
@given(scenarios())
def test_candidates_respect_skill_and_preference_flags(scenario: Scenario) -> None:
	request = scenario.request
	for candidate in run(scenario).candidates:
		if request.required_skill is not None:
			assert request.required_skill in scenario.skills[candidate.master]
		assert candidate.preferred == (candidate.master == request.preferred_master)


@PROPERTY_SETTINGS
@given(scenarios())
def test_no_duplicate_candidates(scenario: Scenario) -> None:
	placements = [(c.master, c.start) for c in run(scenario).candidates]
	assert len(placements) == len(set(placements))


@REFERENCE_SETTINGS
@given(scenarios())
def test_result_equals_brute_force_reference(scenario: Scenario) -> None:
	result = run(scenario)
	expected, meets = brute_force(scenario)
	assert result.candidates == expected
	assert result.meets_deadline == meets


@settings(max_examples=80, deadline=None)
@given(
	st.lists(st.tuples(st.integers(0, 200), st.integers(0, 40)), max_size=6),
	st.lists(st.tuples(st.integers(0, 200), st.integers(0, 40)), max_size=8),
)
def test_free_intervals_are_exactly_working_minus_busy(
	raw_working: list[tuple[int, int]], raw_busy: list[tuple[int, int]]
) -> None:
	working = [(BASE + s * GRID, BASE + (s + n) * GRID) for s, n in raw_working]
	busy = [(BASE + s * GRID, BASE + (s + n) * GRID) for s, n in raw_busy]
	free = free_intervals(working, busy)
	assert free == sorted(free)
	assert all(s < e for s, e in free)
	assert all(a[1] < b[0] for a, b in pairwise(free))
	for cell in range(0, 250):
		start = BASE + cell * GRID
		in_working = any(s <= start < e for s, e in working)
		in_busy = any(s <= start < e for s, e in busy)
		assert any(s <= start < e for s, e in free) == (in_working and not in_busy)
