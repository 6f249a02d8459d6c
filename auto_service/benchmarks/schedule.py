"""Schedule benchmark: 30 masters x 30 days x 10,000 bookings; candidate search in the pure scheduler and
through the API, and loading a week of 30 masters for the calendar page. Rolled back at the end.

Same run, alternating, same requests: the search loading the first days first against loading the whole
range (as it did before), and the week's visits read packed against frappe.get_list row by row; both pairs
must give the same answers ("same answers"/"same counts" equal the rounds)."""

import os
import random
from datetime import datetime, timedelta

import frappe
from frappe.utils import add_days, getdate, nowdate

from auto_service.benchmarks.common import bulk_rows, compared, report, timed
from auto_service.scheduling import SlotRequest, find_candidates
from auto_service.shop_hours import WEEKDAYS


def run(masters: int = 30, days: int = 30, bookings: int = 10_000, rounds: int = 50, seed: int = 11) -> dict:
	from auto_service.api.schedule import SLOT_FIELDS, _find, find_slots, get_schedule, search, visible_slots
	from auto_service.schedule import busy_map, intervals_only, load_masters, settings, working_map
	from auto_service.tests.factories import make_client, make_master

	frappe.set_user("Administrator")
	rng = random.Random(seed)
	try:
		tag = f"B{rng.randint(1000, 9999)}"
		master_ids = [make_master(f"{tag}-{i:02d}", "Бенч") for i in range(masters)]
		customer = make_client("Бенчмарков Клиент")["customer"]
		first_day = add_days(getdate(nowdate()), 1)
		# a busy shop: Monday to Saturday 8:00-20:00 (rolled back with the rest)
		shop = frappe.get_single("Auto Service Settings")
		shop.set(
			"shop_hours",
			[{"weekday": day, "open_time": "08:00:00", "close_time": "20:00:00"} for day in WEEKDAYS[:6]],
		)
		shop.save(ignore_permissions=True)
		frappe.clear_document_cache("Auto Service Settings", "Auto Service Settings")
		conf = settings()
		master_rows = load_masters(master_ids)
		working = working_map(master_rows, first_day, add_days(first_day, days - 1), conf)

		# pack non-overlapping bookings into the working intervals, round-robin until the count is reached
		rows, cursor = [], {m: list(working[m]) for m in master_ids}
		position = {m: (0, working[m][0][0] if working[m] else None) for m in master_ids}
		while len(rows) < bookings:
			progressed = False
			for master in master_ids:
				index, at = position[master]
				intervals = cursor[master]
				while index < len(intervals) and len(rows) < bookings:
					start, end = intervals[index]
					at = max(at, start) + timedelta(minutes=rng.choice((0, 0, 0, 30)))
					length = timedelta(minutes=rng.choice((30, 30, 30, 60)))
					if at + length <= end:
						rows.append(
							{
								"name": f"{tag}-{len(rows):06d}",
								"master": master,
								"starts_on": at,
								"ends_on": at + length,
								"duration_minutes": int(length.total_seconds() // 60),
								"status": "Booked",
								"customer": customer,
								"customer_name": "Бенчмарков Клиент",
							}
						)
						position[master] = (index, at + length)
						progressed = True
						break
					index += 1
					position[master] = (index, intervals[index][0] if index < len(intervals) else at)
			if not progressed:
				break
		bulk_rows("Master Schedule Slot", rows)

		horizon_end = datetime.combine(add_days(first_day, days), datetime.min.time())
		window_start = datetime.combine(first_day, datetime.min.time())
		busy = intervals_only(busy_map(master_ids, window_start, horizon_end))
		skills = {m: set() for m in master_ids}

		def request():
			earliest = window_start + timedelta(days=rng.randint(0, days - 5), hours=rng.randint(8, 16))
			return dict(
				duration=timedelta(minutes=rng.choice((30, 60, 90, 120))),
				earliest=earliest,
				deadline=earliest + timedelta(days=rng.randint(1, 4)),
				master=rng.choice(master_ids),
			)

		def slot_request(r: dict) -> SlotRequest:
			return SlotRequest(
				duration=r["duration"],
				earliest_start=r["earliest"],
				deadline=r["deadline"],
				preferred_master=r["master"],
				step=conf.step,
			)

		def pure():
			find_candidates(working, busy, skills, slot_request(request()), n=5)

		def api():
			r = request()
			find_slots(
				int(r["duration"].total_seconds() // 60),
				earliest=str(r["earliest"]),
				deadline=str(r["deadline"]),
				master=r["master"],
			)

		def week():
			get_schedule(str(add_days(first_day, rng.randint(0, days - 7))), 7, master_ids)

		# the same requests for the search two ways: the first days first (now), the whole range (before)
		requests = [slot_request(request()) for _ in range(rounds)]

		def first_days_first(i: int):
			return search(all_masters, conf, requests[i], 5).candidates

		def whole_range(i: int):
			r = requests[i]
			until = max(r.earliest_start, r.deadline) + conf.horizon
			return _find(all_masters, conf, r, 5, until, conf.horizon).candidates

		weeks = [str(add_days(first_day, rng.randint(0, days - 7))) for _ in range(rounds)]

		def week_packed(i: int):
			begin = datetime.combine(getdate(weeks[i]), datetime.min.time())
			return len(visible_slots(master_ids, begin, begin + timedelta(days=7)))

		def week_get_list(i: int):
			begin = datetime.combine(getdate(weeks[i]), datetime.min.time())
			rows = frappe.get_list(
				"Master Schedule Slot",
				filters={
					"master": ("in", master_ids),
					"starts_on": ("<", begin + timedelta(days=7)),
					"ends_on": (">", begin),
				},
				fields=list(SLOT_FIELDS),
				order_by="starts_on asc",
				limit_page_length=0,
			)
			return len(rows)

		all_masters = load_masters()
		results = {
			"pure find_candidates": timed(pure, rounds),
			"API find_slots (server)": timed(api, rounds),
			"API get_schedule, week x all masters (server)": timed(week, rounds),
		}
		results.update(
			compared("search", {"first days first": first_days_first, "whole range": whole_range}, rounds)
		)
		results.update(compared("week's visits", {"packed": week_packed, "get_list": week_get_list}, rounds))
		results["load average"] = os.getloadavg()
		return report(f"schedule: {masters} masters x {days} days, {len(rows)} bookings", results)
	finally:
		frappe.db.rollback()
