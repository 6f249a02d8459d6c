"""Issue 7: wrong input gets a clear 4xx and writes nothing; no request runs away; nothing shows live markup.

The table-driven test finds every whitelisted method of the app from the code (a new one is covered
automatically) and calls each through frappe's request handler, as a Service Advisor, with hostile
arguments: it asserts that no call ends in a server error (5xx) and that no refused call wrote a row.
"""

import importlib
import inspect
import json
import pkgutil
import random
import time
from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime, nowdate

import auto_service
from auto_service.api.arguments import InvalidArgumentError
from auto_service.api.schedule import MAX_CANDIDATES, MAX_VIEW_DAYS, book, find_slots, get_schedule
from auto_service.auto_service.doctype.master_schedule_slot.test_master_schedule_slot import next_weekday
from auto_service.exceptions import DuplicatePlateError, SlotOverlapError, SlotTimeError
from auto_service.schedule import MAX_HORIZON_DAYS
from auto_service.tests.factories import ADVISOR_USER, make_client, make_master, make_staff_users
from auto_service.tests.rest import call_method, http_status, post_resource

HOSTILE_VALUES = (
	"",
	"0",
	"-1",
	"1.5",
	"abc",
	"25:00",
	"2026-13-45",
	"2026-01-01T10:00:00+03:00",
	"2999-01-01 10:00:00",
	"{",
	"[1,",
	'{"a": [1, 2]}',
	"[]",
	"null",
	"<img src=x onerror=alert(1)>",
	"' or 1=1 --",
	"x" * 5000,
	12345,
	-7,
	1e18,
)
TABLES = (
	"Customer",
	"Contact",
	"Customer Vehicle",
	"Master Schedule Slot",
	"Repair Order",
	"Acceptance Act",
	"Sales Invoice",
	"Payment Entry",
	"Advertising Consent Log",
)
# side-effect free for a refused call, whatever its arguments: these only read
READ_ONLY_HINTS = ("get_", "find_", "search", "preview", "check", "count", "list", "card")


def whitelisted_methods() -> dict[str, object]:
	"""Every function of the app that the request handler would run, by its dotted path."""
	found = {}
	for module_info in pkgutil.walk_packages(auto_service.__path__, "auto_service."):
		if (
			".tests" in module_info.name
			or ".benchmarks" in module_info.name
			or module_info.name.endswith(".test")
		):
			continue
		try:
			module = importlib.import_module(module_info.name)
		except Exception:
			continue
		for name, fn in inspect.getmembers(module, inspect.isfunction):
			if fn.__module__ == module.__name__ and fn in frappe.whitelisted:
				found[f"{module.__name__}.{name}"] = fn
	return found


def row_counts() -> dict[str, int]:
	return {table: frappe.db.count(table) for table in TABLES}


class TestHostileInput(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff_users()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_the_app_has_whitelisted_methods_to_check(self):
		methods = whitelisted_methods()
		self.assertIn("auto_service.api.schedule.find_slots", methods)
		self.assertIn("auto_service.api.clients.create_client", methods)

	def test_no_whitelisted_method_answers_hostile_input_with_a_server_error(self):
		failures = []
		calls = 0
		for path, fn in sorted(whitelisted_methods().items()):
			params = [
				p.name
				for p in inspect.signature(inspect.unwrap(fn)).parameters.values()
				if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
			]
			for value in HOSTILE_VALUES:
				calls += 1
				frappe.set_user(ADVISOR_USER)
				frappe.db.savepoint("hostile")
				before = row_counts()
				try:
					call_method(path, **{name: value for name in params})
					refused = False
				except Exception as exc:
					refused = True
					if http_status(exc) >= 500:
						failures.append(f"{path}({value!r:.40}): {type(exc).__name__}: {str(exc)[:200]}")
				finally:
					frappe.set_user("Administrator")
				if refused and row_counts() != before:
					failures.append(f"{path}({value!r:.40}): refused, yet rows were written")
				frappe.db.rollback(save_point="hostile")
				frappe.local.message_log = []
		self.assertGreater(calls, 100)
		self.assertEqual(failures, [], "\n".join(failures))


class TestCaps(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.master = make_master("Ограничен", f"Капов{random.randint(1000, 9999)}")
		client = make_client("Капов Клиент", vehicle={"license_plate": f"К{random.randint(100, 999)}КК77"})
		cls.customer, cls.vehicle = client["customer"], client["vehicle"]

	def test_a_far_deadline_is_clipped_to_the_horizon_and_an_absurd_one_refused(self):
		started = time.perf_counter()
		result = find_slots(60, deadline="2199-01-01 10:00:00", n=MAX_CANDIDATES)
		elapsed = time.perf_counter() - started
		limit = now_datetime() + timedelta(days=2 * MAX_HORIZON_DAYS + 1)
		self.assertTrue(result["candidates"])
		self.assertTrue(all(c["ends_on"] <= limit for c in result["candidates"]))
		self.assertLess(elapsed, 5)  # a bound on runaway work, not a speed test (the bench measures speed)
		with self.assertRaises(InvalidArgumentError):
			find_slots(60, deadline="2999-01-01 10:00:00")

	def test_a_search_starting_beyond_the_horizon_is_refused(self):
		with self.assertRaises(InvalidArgumentError):
			find_slots(60, earliest=str(add_days(nowdate(), MAX_HORIZON_DAYS + 2)) + " 10:00:00")

	def test_candidates_and_view_days_are_capped(self):
		with self.assertRaises(InvalidArgumentError):
			find_slots(60, n=MAX_CANDIDATES + 1)
		with self.assertRaises(InvalidArgumentError):
			get_schedule(nowdate(), days=MAX_VIEW_DAYS + 1)
		with self.assertRaises(InvalidArgumentError):
			get_schedule(nowdate(), masters=json.dumps([f"M-{i}" for i in range(500)]))

	def test_a_visit_longer_than_the_longest_working_day_is_refused(self):
		day = next_weekday(2)
		with self.assertRaises(InvalidArgumentError):
			find_slots(60 * 24 * 30)
		with self.assertRaises((InvalidArgumentError, SlotTimeError)):
			book(self.master, f"{day} 10:00:00", self.customer, ends_on=f"{add_days(day, 400)} 10:00:00")
		# the same limit holds when the visit is posted as a document
		with self.assertRaises(SlotTimeError):
			post_resource(
				"Master Schedule Slot",
				{
					"master": self.master,
					"customer": self.customer,
					"starts_on": f"{day} 10:00:00",
					"ends_on": f"{day} 23:30:00",
				},
			)


class TestNoLiveMarkup(FrappeTestCase):
	# a client's name may not hold angle brackets (frappe refuses them in document names), but quotes,
	# ampersands and template braces it may: they must reach the message as text
	HOSTILE_NAME = "Злой \"Клиент\" 'О{{ 7*7 }}' & Ко"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.plate = f"Х{random.randint(100, 999)}ХХ99"
		cls.client = make_client(cls.HOSTILE_NAME, vehicle={"license_plate": cls.plate})

	def test_duplicate_plate_message_escapes_the_client_name(self):
		with self.assertRaises(DuplicatePlateError) as caught:
			frappe.get_doc(
				{
					"doctype": "Customer Vehicle",
					"customer": self.client["customer"],
					"license_plate": self.plate,
				}
			).insert()
		message = str(caught.exception)
		self.assertIn("&quot;Клиент&quot;", message)
		self.assertIn("&amp; Ко", message)
		self.assertNotIn('"Клиент"', message)
		self.assertIn("{{ 7*7 }}", message)  # shown as typed, never rendered as a template

	def test_overlap_message_escapes_the_master_name(self):
		# frappe strips tags from a typed name; quotes and ampersands stay and must be escaped
		master = make_master('Злой "Мастер" & Ко', f"Злодеев{random.randint(1000, 9999)}")
		day = next_weekday(3, weeks_ahead=2)
		book(master, f"{day} 10:00:00", self.client["customer"], duration_minutes=60)
		with self.assertRaises(SlotOverlapError) as caught:
			book(master, f"{day} 10:30:00", self.client["customer"], duration_minutes=60)
		self.assertIn("&quot;Мастер&quot; &amp; Ко", str(caught.exception))

	def test_a_refused_plate_is_shown_as_text(self):
		from auto_service.exceptions import InvalidPlateError

		with self.assertRaises(InvalidPlateError) as caught:
			frappe.get_doc(
				{
					"doctype": "Customer Vehicle",
					"customer": self.client["customer"],
					"license_plate": "<img src=x onerror=alert(1)>",
				}
			).insert()
		self.assertNotIn("<img", str(caught.exception))
