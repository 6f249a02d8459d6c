"""Helpers for the benchmarks: timing and bulk rows. Benchmarks run inside one transaction and roll it back,
so a site keeps nothing they generate:

    bench --site test.localhost execute auto_service.benchmarks.schedule.run
"""

import statistics
import time
from collections.abc import Callable

from auto_service.bulk import insert_dicts


def timed(fn: Callable, rounds: int) -> dict:
	"""Median, p95 and max wall time of ``fn()`` in milliseconds."""
	return alternated({"": fn}, rounds)[""]


def alternated(fns: dict[str, Callable], rounds: int) -> dict:
	"""``timed`` for several functions measured in turn, round after round: on a shared machine whose load
	changes, each gets the same share of quiet and busy moments."""
	samples: dict[str, list[float]] = {name: [] for name in fns}
	for _ in range(rounds):
		for name, fn in fns.items():
			start = time.perf_counter()
			fn()
			samples[name].append((time.perf_counter() - start) * 1000)
	return {name: _summary(values) for name, values in samples.items()}


def compared(label: str, ways: dict[str, Callable[[int], object]], rounds: int) -> dict:
	"""Two ways of doing the same thing, timed ``alternated``; each way gets the round's number and returns
	its answer, and the result says in how many rounds the two answered alike."""
	answers: dict[str, list] = {name: [] for name in ways}

	def answering(name: str, way: Callable[[int], object]) -> Callable:
		return lambda: answers[name].append(way(len(answers[name])))

	times = alternated({name: answering(name, way) for name, way in ways.items()}, rounds)
	first, second = answers.values()
	return {
		**{f"{label}, {name}": value for name, value in times.items()},
		f"{label}, same answers": sum(a == b for a, b in zip(first, second, strict=True)),
	}


def _summary(samples: list[float]) -> dict:
	samples = sorted(samples)
	return {
		"median_ms": round(statistics.median(samples), 2),
		"p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)], 2),
		"max_ms": round(samples[-1], 2),
		"rounds": len(samples),
	}


def bulk_rows(doctype: str, rows: list[dict]) -> None:
	"""Insert plain rows (no controllers) with the standard columns filled."""
	insert_dicts(doctype, rows)


def report(title: str, results: dict) -> dict:
	print(f"== {title}")
	for key, value in results.items():
		print(f"  {key}: {value}")
	return results
