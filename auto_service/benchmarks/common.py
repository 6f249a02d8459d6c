"""Helpers for the benchmarks: timing and bulk rows. Benchmarks run inside one transaction and roll it back,
so a site keeps nothing they generate:

    bench --site test.localhost execute auto_service.benchmarks.schedule.run
"""

import statistics
import time
from collections.abc import Callable

import frappe

from auto_service.bulk import insert_dicts


def timed(fn: Callable, rounds: int) -> dict:
	"""Median, p95 and max wall time of ``fn()`` in milliseconds."""
	return alternated({"": fn}, rounds)[""]


def alternated(fns: dict[str, Callable], rounds: int, after: Callable | None = None) -> dict:
	"""``timed`` for several functions measured in turn, round after round: on a shared machine whose load
	changes, each gets the same share of quiet and busy moments. ``after`` runs after each call, untimed."""
	return {name: summary(values) for name, values in samples(fns, rounds, after).items()}


def samples(fns: dict[str, Callable], rounds: int, after: Callable | None = None) -> dict[str, list[float]]:
	"""The wall times (ms) of ``alternated``, round by round."""
	times: dict[str, list[float]] = {name: [] for name in fns}
	for _ in range(rounds):
		for name, fn in fns.items():
			start = time.perf_counter()
			fn()
			times[name].append((time.perf_counter() - start) * 1000)
			if after:
				after()
	return times


def paired_ratio(first: list[float], second: list[float]) -> float:
	"""The median of the rounds' own ratios: each round's two calls met the same moment of the machine, so a
	slow stretch moves both and cancels out, where the ratio of the two medians keeps it."""
	return round(statistics.median(a / b for a, b in zip(first, second, strict=True)), 3)


def new_request() -> None:
	"""Start the next step as a new HTTP request starts it (``frappe.init``): Frappe's per-request caches
	empty (the values ``get_value(cache=True)`` keeps, the local copies of metas and cached documents taken
	from Redis, role permissions, table columns, new-document templates). Within one ``bench execute`` they
	would otherwise stay warm from round to round."""
	frappe.db.value_cache.clear()
	for cache in ("cache", "role_permissions", "valid_columns", "new_doc_templates"):
		getattr(frappe.local, cache).clear()


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


def summary(samples: list[float]) -> dict:
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
