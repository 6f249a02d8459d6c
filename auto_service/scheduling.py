"""Slot search for the auto_service app: "the system composes the schedule itself".

This module is pure Python and must never import frappe: it runs under plain pytest and is reused by the
Frappe layer, which loads shop hours, per-master overrides, holidays and active bookings, turns them into
the plain interval structures used here and calls :func:`find_candidates`.

Conventions
-----------
* All datetimes are naive and expressed in the shop's local time.
* Every interval is half-open, ``[start, end)``. Intervals that merely touch do not overlap, so a visit
  may start exactly when the previous booking ends. Empty intervals (``start >= end``) are ignored.
* Working intervals of one master that overlap or touch are merged into one continuous interval before
  use (a break has to be expressed as a gap between intervals). "Within one working interval" always
  refers to these merged intervals.
* Busy intervals (bookings) may overlap each other; they are merged too.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, TypeAlias, TypeVar

__all__ = [
	"DEFAULT_HORIZON",
	"Candidate",
	"Interval",
	"ScheduleResult",
	"SlotRequest",
	"find_candidates",
	"find_conflicts",
	"free_intervals",
	"is_within_working_time",
	"merge_intervals",
	"overlaps",
	"rank_key",
	"working_intervals",
	"working_intervals_for_day",
]

Interval: TypeAlias = tuple[datetime, datetime]
RankKey: TypeAlias = tuple[int, int, datetime, int, str]

DEFAULT_HORIZON = timedelta(days=30)
_ZERO = timedelta(0)
_ONE_DAY = timedelta(days=1)
_MIDNIGHT = time(0, 0)

_Item = TypeVar("_Item", bound=tuple[Any, ...])


# --------------------------------------------------------------------------------------------------------
# Small interval helpers
# --------------------------------------------------------------------------------------------------------


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
	"""Whether the half-open intervals ``[a_start, a_end)`` and ``[b_start, b_end)`` share any instant.

	Touching intervals (``a_end == b_start``) do not overlap; an empty interval overlaps nothing.
	"""
	return a_start < a_end and b_start < b_end and a_start < b_end and b_start < a_end


def find_conflicts(start: datetime, end: datetime, busy: Iterable[_Item]) -> list[_Item]:
	"""Return the items of ``busy`` overlapping ``[start, end)``, in their input order.

	Each item is a tuple whose first two elements are its start and end; further elements (e.g. the
	booking name) are passed through untouched, so ``(start, end, "BK-0001")`` works as well.
	"""
	return [item for item in busy if overlaps(start, end, item[0], item[1])]


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
	"""Sort intervals and merge the overlapping or touching ones; empty intervals are dropped."""
	items = [(s, e) for s, e in intervals if s < e]
	items.sort()
	return _merge_sorted(items)


def _merge_sorted(items: Iterable[Interval]) -> list[Interval]:
	"""Merge non-empty intervals that are already sorted by start."""
	merged: list[Interval] = []
	for start, end in items:
		if merged and start <= merged[-1][1]:
			if end > merged[-1][1]:
				merged[-1] = (merged[-1][0], end)
		else:
			merged.append((start, end))
	return merged


def _subtract(working: Sequence[Interval], busy: Sequence[Interval]) -> list[Interval]:
	"""``working`` minus ``busy``; both must already be merged (sorted, disjoint, non-touching)."""
	free: list[Interval] = []
	j = 0
	n_busy = len(busy)
	for w_start, w_end in working:
		while j < n_busy and busy[j][1] <= w_start:
			j += 1
		cursor = w_start
		k = j
		while k < n_busy and busy[k][0] < w_end:
			b_start, b_end = busy[k]
			if b_start > cursor:
				free.append((cursor, b_start))
			if b_end > cursor:
				cursor = b_end
			k += 1
		if cursor < w_end:
			free.append((cursor, w_end))
	return free


def free_intervals(working: Iterable[Interval], busy: Iterable[Interval]) -> list[Interval]:
	"""Working time minus busy time: sorted, non-empty free intervals that neither overlap nor touch.

	Both inputs may be unsorted and overlapping; they are merged first.
	"""
	return _subtract(merge_intervals(working), merge_intervals(busy))


def is_within_working_time(start: datetime, end: datetime, working: Iterable[Interval]) -> bool:
	"""Whether the whole non-empty ``[start, end)`` lies inside one (merged) working interval."""
	if not start < end:
		return False
	return any(w_start <= start and end <= w_end for w_start, w_end in merge_intervals(working))


# --------------------------------------------------------------------------------------------------------
# Building working intervals from shop hours, overrides and holidays
# --------------------------------------------------------------------------------------------------------


def working_intervals_for_day(
	day: date,
	open_time: time,
	close_time: time,
	breaks: Iterable[tuple[time, time]] = (),
) -> list[Interval]:
	"""Working intervals of one day: ``[day open_time, day close_time)`` minus the breaks.

	If ``close_time <= open_time`` the shift runs overnight and ends on the next day (so
	``close_time=time(0)`` means "until midnight" and ``open_time == close_time`` means 24 hours). For an
	overnight shift a break whose start is earlier than ``open_time`` is placed on the next day; a break
	whose end is not after its start runs over midnight. Breaks are clipped to the shift.
	"""
	shift_start = datetime.combine(day, open_time)
	shift_end = datetime.combine(day, close_time)
	overnight = shift_end <= shift_start
	if overnight:
		shift_end += _ONE_DAY
	cuts: list[Interval] = []
	for break_from, break_to in breaks:
		break_start = datetime.combine(day, break_from)
		if overnight and break_start < shift_start:
			break_start += _ONE_DAY
		break_end = datetime.combine(break_start.date(), break_to)
		if break_end <= break_start:
			break_end += _ONE_DAY
		cuts.append((break_start, break_end))
	return _subtract([(shift_start, shift_end)], merge_intervals(cuts))


def working_intervals(
	days_from: date,
	days_to: date,
	weekly_hours: Mapping[int, Sequence[tuple[time, time]]],
	days_off: AbstractSet[date],
	date_overrides: Mapping[date, Sequence[tuple[time, time]]] | None = None,
) -> list[Interval]:
	"""Working intervals for every day from ``days_from`` to ``days_to`` (both inclusive), merged.

	``weekly_hours`` maps ``date.weekday()`` (0 = Monday ... 6 = Sunday) to that day's ``(open, close)``
	ranges; several ranges per day express breaks (``[(09:00, 13:00), (14:00, 18:00)]``), a missing or
	empty entry means closed. ``date_overrides`` replaces the weekly ranges for specific dates (e.g. a
	master's personal schedule or a shortened pre-holiday day; an empty list closes that date).
	``days_off`` (holidays, leave) wins over everything. Each range follows
	:func:`working_intervals_for_day` (``close <= open`` runs past midnight).
	"""
	intervals: list[Interval] = []
	day = days_from
	while day <= days_to:
		if day not in days_off:
			if date_overrides is not None and day in date_overrides:
				ranges = date_overrides[day]
			else:
				ranges = weekly_hours.get(day.weekday(), ())
			for open_time, close_time in ranges:
				intervals.extend(working_intervals_for_day(day, open_time, close_time))
		day += _ONE_DAY
	return merge_intervals(intervals)


# --------------------------------------------------------------------------------------------------------
# Candidate search
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SlotRequest:
	"""What the customer asks for.

	``duration``: length of the visit (> 0).
	``earliest_start``: no candidate starts before it; the caller passes ``max(now, wanted earliest)``.
	``deadline``: the visit must END by it (``end <= deadline``); ``None`` means no deadline.
	``wanted_window``: preferred time of day ``(time_from, time_to)``. A slot is "inside" when the time of
	day ``t`` of its start satisfies ``time_from <= t < time_to``; ``time_from > time_to`` wraps over
	midnight, e.g. ``(22:00, 02:00)``. Slots inside rank higher; slots outside are still offered.
	``preferred_master``: master id ranked first (if eligible).
	``required_skill``: only masters having this skill are eligible.
	``step``: candidate starts are multiples of ``step`` counted from 00:00 of the day on which the
	master's (merged) working interval starts.
	``useful_gap``: free remainders shorter than this count as fragmentation (see
	:func:`find_candidates`); ``None`` means the request's ``duration``.
	"""

	duration: timedelta
	earliest_start: datetime
	deadline: datetime | None = None
	wanted_window: tuple[time, time] | None = None
	preferred_master: str | None = None
	required_skill: str | None = None
	step: timedelta = timedelta(minutes=30)
	useful_gap: timedelta | None = None

	def __post_init__(self) -> None:
		if self.duration <= _ZERO:
			raise ValueError("duration must be positive")
		if self.step <= _ZERO:
			raise ValueError("step must be positive")
		if self.wanted_window is not None and self.wanted_window[0] == self.wanted_window[1]:
			raise ValueError("wanted_window must not be empty (time_from == time_to)")
		if self.useful_gap is not None and self.useful_gap < _ZERO:
			raise ValueError("useful_gap must not be negative")

	@property
	def fragment_threshold(self) -> timedelta:
		"""Free remainders shorter than this (and longer than zero) are counted as unusable fragments."""
		return self.duration if self.useful_gap is None else self.useful_gap


@dataclass(frozen=True, slots=True)
class Candidate:
	"""One possible placement of the visit, with the parts of its score.

	``preferred`` - the master is the requested preferred master. ``in_window`` - the start lies inside
	the wanted time-of-day window (always ``True`` when no window was requested). ``fragmentation`` - 0, 1
	or 2 small unusable free remainders left next to the placement (see :func:`find_candidates`).
	"""

	master: str
	start: datetime
	end: datetime
	preferred: bool
	in_window: bool
	fragmentation: int

	@property
	def rank_key(self) -> RankKey:
		"""Sort key: smaller is better (see :func:`find_candidates`)."""
		return (
			0 if self.preferred else 1,
			0 if self.in_window else 1,
			self.start,
			self.fragmentation,
			self.master,
		)


def rank_key(candidate: Candidate) -> RankKey:
	"""``candidate.rank_key`` as a function, handy for ``sorted(..., key=rank_key)``."""
	return candidate.rank_key


@dataclass(frozen=True, slots=True)
class ScheduleResult:
	"""Outcome of :func:`find_candidates`.

	``meets_deadline`` is ``True`` when ``candidates`` is non-empty and every candidate ends by the
	deadline (any found candidate when there is no deadline). When nothing fits before the deadline it is
	``False`` and ``candidates`` hold the nearest options ending after the deadline, or nothing if even
	those do not exist up to ``horizon_end``.
	"""

	candidates: list[Candidate] = field(default_factory=list)
	meets_deadline: bool = False
	horizon_end: datetime | None = None


class _Calendar:
	"""One master's merged working time plus bookings, the latter sorted and merged on first use only.

	Only bookings that can touch a working interval intersecting ``[lo, hi)`` are kept: those are the
	only ones shaping the free gaps (including the unclipped gap edges used for fragmentation).
	"""

	__slots__ = ("_busy", "_raw_busy", "hi", "lo", "working")

	def __init__(
		self, working: list[Interval], raw_busy: Iterable[Interval], lo: datetime, hi: datetime
	) -> None:
		self.working = working
		self._raw_busy = raw_busy
		self._busy: list[Interval] | None = None
		first = bisect_right(working, lo, key=_interval_end)
		if first < len(working) and working[first][0] < lo:
			lo = working[first][0]
		last = bisect_right(working, hi, key=_interval_end)
		if last < len(working) and working[last][0] < hi:
			hi = working[last][1]
		self.lo = lo
		self.hi = hi

	@property
	def busy(self) -> list[Interval]:
		if self._busy is None:
			lo = self.lo
			hi = self.hi
			items = [(s, e) for s, e in self._raw_busy if s < e and e > lo and s < hi]
			items.sort()
			self._busy = _merge_sorted(items)
		return self._busy


def _interval_end(interval: Interval) -> datetime:
	return interval[1]


def _iter_gaps(
	calendar: _Calendar, lo: datetime, hi: datetime, min_length: timedelta
) -> Iterator[tuple[datetime, datetime, datetime]]:
	"""Yield ``(gap_start, gap_end, alignment_anchor)`` for free gaps near ``[lo, hi)``, chronologically.

	Gaps are not clipped to ``[lo, hi)`` (fragmentation is measured on the real free gap); a few gaps
	ending before ``lo`` may be yielded, the consumer skips them. Working intervals shorter than
	``min_length`` are skipped (nothing of that length fits). The anchor is 00:00 of the day on which the
	gap's working interval starts.
	"""
	working = calendar.working
	busy = calendar.busy
	n_busy = len(busy)
	j = 0
	for i in range(bisect_right(working, lo, key=_interval_end), len(working)):
		w_start, w_end = working[i]
		if w_start >= hi:
			return
		if w_end - w_start < min_length:
			continue
		anchor = datetime.combine(w_start.date(), _MIDNIGHT)
		j = bisect_right(busy, w_start, lo=j, key=_interval_end)
		cursor = w_start
		k = j
		while k < n_busy:
			b_start, b_end = busy[k]
			if b_start >= w_end:
				break
			if b_start > cursor:
				yield cursor, b_start, anchor
			if b_end > cursor:
				cursor = b_end
			k += 1
		if cursor < w_end:
			yield cursor, w_end, anchor


def _in_window(moment: datetime, window: tuple[time, time]) -> bool:
	time_from, time_to = window
	t = moment.time()
	if time_from < time_to:
		return time_from <= t < time_to
	return t >= time_from or t < time_to


def _next_window_boundary(moment: datetime, window: tuple[time, time], inside: bool) -> datetime:
	"""The first instant after ``moment`` at which ``_in_window`` changes its value."""
	time_from, time_to = window
	day = moment.date()
	t = moment.time()
	if time_from < time_to:
		if inside:
			return datetime.combine(day, time_to)
		if t < time_from:
			return datetime.combine(day, time_from)
		return datetime.combine(day + _ONE_DAY, time_from)
	if not inside:
		return datetime.combine(day, time_from)
	if t < time_to:
		return datetime.combine(day, time_to)
	return datetime.combine(day + _ONE_DAY, time_to)


def _align_up(moment: datetime, anchor: datetime, step: timedelta) -> datetime:
	"""The first ``anchor + k * step`` (k >= 0) that is ``>= moment``; requires ``moment >= anchor``."""
	return anchor + (-((anchor - moment) // step)) * step


def _iter_slots(
	calendar: _Calendar,
	master: str,
	request: SlotRequest,
	lo: datetime,
	hi: datetime,
	after: datetime | None,
	want_in_window: bool | None,
) -> Iterator[tuple[datetime, int, str]]:
	"""Yield ``(start, fragmentation, master)`` of feasible slots in increasing ``start`` order.

	Feasible: aligned start ``>= lo``, ``end <= hi``, ``end > after`` (when given), inside one free gap,
	and - when ``want_in_window`` is not ``None`` - ``_in_window(start) == want_in_window``.
	"""
	duration = request.duration
	step = request.step
	window = request.wanted_window if want_in_window is not None else None
	threshold = request.fragment_threshold
	for gap_start, gap_end, anchor in _iter_gaps(calendar, lo, hi, duration):
		if gap_start + duration > hi:
			return
		first = max(gap_start, lo)
		if after is not None and after - duration > first:
			first = after - duration
		last = min(gap_end, hi) - duration
		if first > last:
			continue
		start = _align_up(first, anchor, step)
		if after is not None and start + duration <= after:
			start += step
		while start <= last:
			if window is not None:
				inside = _in_window(start, window)
				if inside != want_in_window:
					start = _align_up(_next_window_boundary(start, window, inside), anchor, step)
					continue
			left = start - gap_start
			right = gap_end - (start + duration)
			yield start, (_ZERO < left < threshold) + (_ZERO < right < threshold), master
			start += step


def _search(
	calendars: Mapping[str, _Calendar],
	masters: Sequence[str],
	preferred: str | None,
	request: SlotRequest,
	n: int,
	lo: datetime,
	hi: datetime,
	after: datetime | None,
) -> list[Candidate]:
	"""Best ``n`` candidates by rank: one lazy k-way merge per (preferred tier, window tier) group."""
	found: list[Candidate] = []
	tiers = ([preferred], [m for m in masters if m != preferred]) if preferred is not None else (masters,)
	window_flags: tuple[bool | None, ...] = (True, False) if request.wanted_window is not None else (None,)
	for tier in tiers:
		for flag in window_flags:
			streams = [_iter_slots(calendars[m], m, request, lo, hi, after, flag) for m in tier]
			for start, fragmentation, master in heapq.merge(*streams):
				found.append(
					Candidate(
						master=master,
						start=start,
						end=start + request.duration,
						preferred=master == preferred,
						in_window=flag is not False,
						fragmentation=fragmentation,
					)
				)
				if len(found) >= n:
					return found
	return found


def find_candidates(
	working: Mapping[str, Iterable[Interval]],
	busy: Mapping[str, Iterable[Interval]],
	skills: Mapping[str, Collection[str]],
	request: SlotRequest,
	n: int = 5,
	horizon: timedelta = DEFAULT_HORIZON,
) -> ScheduleResult:
	"""Compose the best ``n`` placements of ``request`` over the masters' free time.

	Inputs: ``working`` - master id -> working intervals (already built from shop hours, overrides and
	holidays; only masters listed here are considered); ``busy`` - master id -> intervals of active
	bookings; ``skills`` - master id -> skill names.

	Eligibility: a master is eligible when it has working time and, if ``request.required_skill`` is set,
	that skill. A candidate ``[start, end)`` with ``end = start + duration`` lies inside one merged working
	interval of its master, overlaps none of its bookings (touching is fine), starts at or after
	``earliest_start`` and at a multiple of ``step`` counted from 00:00 of the working interval's day.

	Search: first every candidate ending by ``deadline`` (no deadline: ending by the horizon end). If at
	least one exists, the best ``n`` are returned with ``meets_deadline=True``. Otherwise the best ``n``
	candidates that end after the deadline and by the horizon end are returned with
	``meets_deadline=False`` (empty if none). Horizon end = ``max(earliest_start, deadline) + horizon``.

	Ranking (ascending :attr:`Candidate.rank_key`, smaller is better), applied lexicographically:

	1. preferred master first (only when ``preferred_master`` is given and eligible);
	2. start inside the wanted time-of-day window before start outside it (no window: all "inside");
	3. earlier start first;
	4. less fragmentation first;
	5. master id (string order) for determinism.

	Fragmentation: let ``[gap_start, gap_end)`` be the master's free gap (maximal stretch of merged working
	time not covered by bookings, not clipped to the search range) containing the placement. Placing the
	visit leaves a left remainder ``start - gap_start`` and a right remainder ``gap_end - end``. The score is
	the number of these two remainders that are non-zero but shorter than ``request.fragment_threshold``
	(``useful_gap``, default: the request's duration) - i.e. gaps too small for another visit of this
	length - so it is 0, 1 or 2. Because the start outranks it, it decides between masters offering the same
	start: the master whose gap is filled snugly or left with usable room wins.

	Complexity: per master the bookings are sorted and merged once, then free gaps are produced by a lazy
	sweep and slots by stepping inside gaps; a lazy k-way merge stops after ``n`` candidates, so typically
	only the first days of each eligible master are ever visited.
	"""
	if n < 0:
		raise ValueError("n must not be negative")
	if horizon < _ZERO:
		raise ValueError("horizon must not be negative")
	earliest = request.earliest_start
	deadline = request.deadline
	horizon_end = max(earliest, deadline if deadline is not None else earliest) + horizon
	if n == 0:
		return ScheduleResult([], False, horizon_end)

	skill = request.required_skill
	masters = sorted(m for m in working if skill is None or skill in skills.get(m, ()))
	calendars: dict[str, _Calendar] = {}
	for master in masters:
		merged_working = merge_intervals(working[master])
		if merged_working:
			calendars[master] = _Calendar(merged_working, busy.get(master, ()), earliest, horizon_end)
	masters = [m for m in masters if m in calendars]
	preferred = request.preferred_master if request.preferred_master in calendars else None

	if deadline is None:
		found = _search(calendars, masters, preferred, request, n, earliest, horizon_end, None)
		return ScheduleResult(found, bool(found), horizon_end)
	found = _search(calendars, masters, preferred, request, n, earliest, deadline, None)
	if found:
		return ScheduleResult(found, True, horizon_end)
	found = _search(calendars, masters, preferred, request, n, earliest, horizon_end, deadline)
	return ScheduleResult(found, False, horizon_end)
