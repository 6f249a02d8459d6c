"""Benchmark for auto_service.scheduling.find_candidates (pure Python, no frappe).

Data (fixed seed): 30 masters x 30 days of shop hours (Mon-Sat 09:00-13:00 + 14:00-19:00, Sundays and two
holidays off), 10,000 random active bookings (15-90 min, may overlap), 5 skills. Times 100 searches with
random requests (duration, earliest start, deadline, time-of-day window, preferred master, skill, step)
plus 100 worst-case searches (a 5-hour visit needing a whole free afternoon, which (almost) never
exists, so the deadline range and then the whole horizon are swept), and prints the median and p95 in
milliseconds. Run: ``python scripts/bench_scheduler.py`` from the repository root.
"""

from __future__ import annotations

import random
import statistics
import sys
import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from auto_service.scheduling import (
	Interval,
	SlotRequest,
	find_candidates,
	working_intervals,
)

SEED = 20240601
MASTERS = 30
DAYS = 30
BOOKINGS = 10_000
SEARCHES = 100
SKILLS = ("engine", "tires", "electrics", "bodywork", "diagnostics")
FIRST_DAY = date(2025, 3, 3)  # a Monday


def build_data(
	rng: random.Random,
) -> tuple[dict[str, list[Interval]], dict[str, list[Interval]], dict[str, set[str]]]:
	weekly = {weekday: [(time(9), time(13)), (time(14), time(19))] for weekday in range(6)}
	holidays = {FIRST_DAY + timedelta(days=10), FIRST_DAY + timedelta(days=17)}
	last_day = FIRST_DAY + timedelta(days=DAYS - 1)
	masters = [f"M{i:02d}" for i in range(MASTERS)]
	working = {m: working_intervals(FIRST_DAY, last_day, weekly, holidays) for m in masters}
	busy: dict[str, list[Interval]] = {m: [] for m in masters}
	for _ in range(BOOKINGS):
		master = rng.choice(masters)
		day = datetime.combine(FIRST_DAY + timedelta(days=rng.randrange(DAYS)), time(0))
		start = day + timedelta(hours=9) + timedelta(minutes=15 * rng.randrange(40))
		busy[master].append((start, start + timedelta(minutes=15 * rng.randint(1, 6))))
	for bookings in busy.values():
		rng.shuffle(bookings)  # the search must not rely on sorted input
	skills = {m: set(rng.sample(SKILLS, rng.randint(1, 3))) for m in masters}
	return working, busy, skills


def random_request(rng: random.Random, masters: list[str]) -> SlotRequest:
	earliest = datetime.combine(FIRST_DAY, time(8)) + timedelta(minutes=rng.randrange(10 * 24 * 60))
	deadline = None if rng.random() < 0.3 else earliest + timedelta(hours=rng.randint(1, 5 * 24))
	window = rng.choice([None, None, (time(9), time(12)), (time(14), time(18))])
	return SlotRequest(
		duration=timedelta(minutes=30 * rng.randint(1, 8)),
		earliest_start=earliest,
		deadline=deadline,
		wanted_window=window,
		preferred_master=rng.choice([None, rng.choice(masters)]),
		required_skill=rng.choice([None, rng.choice(SKILLS)]),
		step=timedelta(minutes=rng.choice([15, 30, 60])),
	)


def run(
	label: str,
	requests: list[SlotRequest],
	working: dict[str, list[Interval]],
	busy: dict[str, list[Interval]],
	skills: dict[str, set[str]],
) -> None:
	timings: list[float] = []
	met = 0
	for request in requests:
		began = clock.perf_counter()
		result = find_candidates(working, busy, skills, request, n=5)
		timings.append((clock.perf_counter() - began) * 1000)
		met += result.meets_deadline
	timings.sort()
	p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
	print(
		f"{label}: {len(timings)} searches, median {statistics.median(timings):.2f} ms, "
		f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms, meets_deadline in {met}"
	)


def main() -> None:
	rng = random.Random(SEED)
	working, busy, skills = build_data(rng)
	masters = sorted(working)
	print(
		f"{MASTERS} masters x {DAYS} days, {sum(map(len, busy.values()))} bookings, "
		f"python {sys.version.split()[0]}"
	)
	typical = [random_request(rng, masters) for _ in range(SEARCHES)]
	run("typical requests", typical, working, busy, skills)
	worst = [
		SlotRequest(
			duration=timedelta(hours=5),  # a whole free afternoon: (almost) never available
			earliest_start=datetime.combine(FIRST_DAY, time(8)),
			deadline=datetime.combine(FIRST_DAY + timedelta(days=5), time(8)),
			wanted_window=(time(9), time(12)),
			step=timedelta(minutes=15),
		)
	] * SEARCHES
	run("worst case (5 h visit, sweeps the horizon)", worst, working, busy, skills)


if __name__ == "__main__":
	main()
