"""The masters' schedule page in a real browser: book from a free cell, drag a visit, refused moves snap
back with the server's Russian message, and the repair order made from a visit.

Every test makes its own master and client (the CI site has no demo data) and filters the page to that
master, on the first working day at least two days ahead with working time 10:00-12:00 and 15:00-16:00
and a break at 13:00 (the shop's default hours: Mon-Sat 09:00-19:00, lunch 13:00-14:00).
"""

import random
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

PLATE_LETTERS = "АВЕКМНОРСТУХ"
# typed into «Requested Work»: shown as typed, once — not «&amp;», not bold
TYPED_WORK = 'Замена масла & фильтра "срочно" <b>важно</b>'


def _plate(rng: random.Random) -> str:
	letters = [rng.choice(PLATE_LETTERS) for _ in range(3)]
	return f"{letters[0]}{rng.randint(100, 999)}{letters[1]}{letters[2]}{rng.choice((77, 99, 50, 197))}"


def _minutes(text: str) -> int:
	hours, minutes = text[11:16].split(":")
	return int(hours) * 60 + int(minutes)


def _covered(intervals: list, day: str, start: int, end: int) -> bool:
	return any(s[:10] == day and _minutes(s) <= start and end <= _minutes(e) for s, e in intervals)


@pytest.fixture
def schedule(page, made):
	"""A fresh master and a client with a car, made through the logged-in browser session (and removed
	with their visits and repair orders when the test ends: the `made` fixture)."""
	rng = random.Random()
	suffix = rng.randint(10000, 99999)
	plate = _plate(rng)
	full_name = f"Расписанов Тест {suffix}"
	master = page.evaluate(
		"""async ({suffix}) => {
			const company = frappe.defaults.get_default("company");
			const master = await frappe.xcall("frappe.client.insert", {doc: {
				doctype: "Employee", first_name: "Мастер", last_name: `Графиков ${suffix}`,
				gender: "Male", date_of_birth: "1985-03-15", date_of_joining: "2020-01-10",
				company, as_is_master: 1, status: "Active",
			}});
			return {master: master.name, master_name: master.employee_name};
		}""",
		{"suffix": suffix},
	)
	made["employees"].append(master["master"])
	made["customer_names"].append(full_name)
	client = page.evaluate(
		"""({plate, full_name, phone}) => frappe.xcall("auto_service.api.clients.create_client", {
			full_name, mobile_no: phone, vehicle: {license_plate: plate, make: "Kia", model: "Rio"},
		})""",
		{
			"plate": plate,
			"full_name": full_name,
			"phone": f"8 9{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
		},
	)
	made["customers"].append(client["customer"])
	created = {**master, **client}
	start = date.today() + timedelta(days=2)
	working = page.evaluate(
		"""async ({master, start}) => {
			const r = await frappe.xcall("auto_service.api.schedule.get_schedule",
				{start, days: 14, masters: [master]});
			return {working: r.working[master] || [], step: r.step_minutes};
		}""",
		{"master": created["master"], "start": str(start)},
	)
	assert 60 % working["step"] == 0, f"slot step {working['step']} does not divide an hour"
	for offset in range(14):
		day = str(start + timedelta(days=offset))
		if (
			_covered(working["working"], day, 10 * 60, 12 * 60)
			and _covered(working["working"], day, 15 * 60, 16 * 60)
			and not _covered(working["working"], day, 13 * 60, 13 * 60 + working["step"])
		):
			break
	else:
		pytest.fail(f"no working day with a 13:00 break in two weeks: {working}")
	return {**created, "day": day, "plate": plate, "full_name": full_name}


def _open_day(page, base_url, data):
	page.goto(f"{base_url}/app/master-schedule?date={data['day']}&view=day&masters={data['master']}")
	column = page.locator(f'.ms-col[data-master="{data["master"]}"][data-date="{data["day"]}"]')
	expect(column).to_be_visible()
	return column


def _drag(page, source, target, dy=10):
	"""Press on the block `dy` px below its top, release `dy` px below the target cell's top.

	Waits for the page's own reloads (after a booking it refreshes and flashes the new block) to settle
	first: a block re-rendered under the pointer would drop the drag."""
	page.wait_for_load_state("networkidle")
	page.wait_for_timeout(600)
	box = source.bounding_box()
	goal = target.bounding_box()
	page.mouse.move(box["x"] + box["width"] / 2, box["y"] + dy)
	page.mouse.down()
	page.mouse.move(box["x"] + box["width"] / 2, box["y"] + dy + 12, steps=3)
	page.mouse.move(goal["x"] + goal["width"] / 2, goal["y"] + dy, steps=12)


def _slot_times(page, slot):
	return page.evaluate(
		"""name => frappe.xcall("frappe.client.get_value",
			{doctype: "Master Schedule Slot", filters: {name}, fieldname: ["starts_on", "ends_on", "master"]})""",
		slot,
	)


def test_book_drag_and_repair_order(page, base_url, shot, schedule):
	column = _open_day(page, base_url, schedule)
	shot(page, "day")

	column.locator('.ms-cell[data-time="10:00"]').click()
	dialog = page.locator(".modal.show")
	expect(dialog.locator(".modal-title")).to_have_text("Запись клиента")
	dialog.locator('input[data-fieldname="client_query"]').fill(schedule["plate"])
	match = dialog.locator(".ms-match", has_text=schedule["full_name"])
	expect(match).to_be_visible()
	match.click()
	expect(dialog.locator('input[data-fieldname="customer"]')).to_have_value(schedule["customer"])
	expect(dialog.locator('input[data-fieldname="vehicle"]')).not_to_have_value("")
	dialog.locator('textarea[data-fieldname="requested_work"]').fill(TYPED_WORK)
	shot(page, "booking-dialog")
	dialog.get_by_role("button", name="Записать").click()

	block = column.locator(".ms-slot", has_text=schedule["full_name"])
	expect(block).to_be_visible()
	expect(block).to_have_attribute("data-start", "10:00")
	work = block.locator(".ms-slot-work")
	expect(work).to_have_text(TYPED_WORK)
	expect(work.locator("b")).to_have_count(0)
	expect(block).to_have_attribute("title", re.compile(re.escape(TYPED_WORK)))
	slot = block.get_attribute("data-slot")
	shot(page, "booked")

	_drag(page, block, column.locator('.ms-cell[data-time="15:00"]'))
	expect(column.locator(".ms-ghost")).to_contain_text("15:00–16:00")
	shot(page, "dragging")
	page.mouse.up()
	expect(column.locator(f'.ms-slot[data-slot="{slot}"]')).to_have_attribute("data-start", "15:00")
	saved = _slot_times(page, slot)
	assert saved["starts_on"] == f"{schedule['day']} 15:00:00", saved
	assert saved["ends_on"] == f"{schedule['day']} 16:00:00", saved
	shot(page, "moved")

	column.locator(f'.ms-slot[data-slot="{slot}"]').click()
	visit = page.locator(".modal.show")
	expect(visit.locator(".ms-visit")).to_contain_text(schedule["master_name"])
	typed_row = visit.locator(".ms-visit-table tr", has_text="важно").locator("td")
	expect(typed_row).to_have_text(TYPED_WORK)
	expect(typed_row.locator("b")).to_have_count(0)
	shot(page, "visit-dialog")
	visit.get_by_role("button", name="Создать заказ-наряд").click()
	page.wait_for_url("**/app/repair-order/**")
	expect(page.locator(".title-text:visible").first).to_contain_text(schedule["full_name"])
	order = page.evaluate("() => ({customer: cur_frm.doc.customer, slot: cur_frm.doc.schedule_slot})")
	assert order == {"customer": schedule["customer"], "slot": slot}
	shot(page, "repair-order")


def test_refused_moves_snap_back_with_russian_message(page, base_url, shot, schedule):
	booked = page.evaluate(
		"""async ({master, day, customer}) => {
			const book = (time) => frappe.xcall("auto_service.api.schedule.book", {
				master, customer, starts_on: `${day} ${time}:00`, duration_minutes: 60,
			});
			return [await book("10:00"), await book("11:00")];
		}""",
		{"master": schedule["master"], "day": schedule["day"], "customer": schedule["customer"]},
	)
	column = _open_day(page, base_url, schedule)
	block = column.locator(f'.ms-slot[data-slot="{booked[0]}"]')
	expect(block).to_have_attribute("data-start", "10:00")

	# onto the lunch break: the ghost turns red, the server refuses with its Russian message
	_drag(page, block, column.locator('.ms-cell[data-time="13:00"]'))
	ghost = column.locator(".ms-ghost")
	expect(ghost).to_contain_text("13:00–14:00")
	expect(ghost).to_have_class(re.compile(r"\bis-invalid\b"))
	shot(page, "dragging-onto-lunch")
	page.mouse.up()
	message = page.locator(".msgprint")
	expect(message).to_contain_text("не работает с 13:00 до 14:00")
	shot(page, "lunch-refused")
	expect(block).to_have_attribute("data-start", "10:00")
	page.locator(".modal.show .btn-modal-close").click()
	expect(message).to_be_hidden()
	expect(page.locator(".modal-backdrop")).to_have_count(0)

	# onto the other visit: refused as taken
	block = column.locator(f'.ms-slot[data-slot="{booked[0]}"]')
	_drag(page, block, column.locator('.ms-cell[data-time="11:00"]'))
	expect(column.locator(".ms-ghost")).to_contain_text("11:00–12:00")
	page.mouse.up()
	expect(message).to_contain_text("уже занят")
	shot(page, "overlap-refused")
	expect(column.locator(f'.ms-slot[data-slot="{booked[0]}"]')).to_have_attribute("data-start", "10:00")
	expect(column.locator(".ms-ghost")).to_have_count(0)

	saved = _slot_times(page, booked[0])
	assert saved["starts_on"] == f"{schedule['day']} 10:00:00", saved
	assert saved["master"] == schedule["master"], saved


def test_a_working_week_of_six_masters_fits_a_1440_px_screen(page, base_url, shot, made):
	page.set_viewport_size({"width": 1440, "height": 900})
	suffix = random.randint(10000, 99999)
	masters = page.evaluate(
		"""async ({suffix}) => {
			const company = frappe.defaults.get_default("company");
			const names = [];
			for (const first_name of ["Антон", "Борис", "Вадим", "Глеб", "Денис", "Егор"]) {
				const master = await frappe.xcall("frappe.client.insert", {doc: {
					doctype: "Employee", first_name, last_name: `Недельный ${suffix}`,
					gender: "Male", date_of_birth: "1985-03-15", date_of_joining: "2020-01-10",
					company, as_is_master: 1, status: "Active",
				}});
				names.push(master.name);
			}
			return names;
		}""",
		{"suffix": suffix},
	)
	made["employees"].extend(masters)
	monday = date.today() + timedelta(days=7 - date.today().weekday())
	sunday = monday + timedelta(days=6)
	page.goto(f"{base_url}/app/master-schedule?date={monday}&view=week&masters={','.join(masters)}")
	grid = page.locator(".ms-grid.is-week")
	expect(grid).to_be_visible()
	expect(grid).to_have_class(re.compile(r"\bis-compact\b"))
	expect(page.locator(".ms-compact-hint")).to_be_visible()
	days = page.locator(".ms-day-head").count()
	assert 1 <= days <= 6, days  # Sunday, when nobody works, is left out (holidays may leave out more)
	expect(page.locator(f'.ms-day-head[data-date="{sunday}"]')).to_have_count(0)
	expect(page.locator(".ms-master-head")).to_have_count(days * len(masters))
	# the week fits: no scrolling sideways
	widths = page.evaluate(
		"() => { const s = document.querySelector('.ms-scroll'); return [s.scrollWidth, s.clientWidth]; }"
	)
	assert widths[0] <= widths[1] + 1, widths
	shot(page, "week-1440")

	# a visit dragged in the rightmost column: the label beside the box goes to its left, inside the page
	last = page.locator(".ms-col").last
	master, day = last.get_attribute("data-master"), last.get_attribute("data-date")
	rng = random.Random()
	booked = page.evaluate(
		"""async ({master, day, plate, full_name, phone}) => {
			const r = await frappe.xcall("auto_service.api.schedule.get_schedule",
				{start: day, days: 1, masters: [master]});
			const client = await frappe.xcall("auto_service.api.clients.create_client", {
				full_name, mobile_no: phone, vehicle: {license_plate: plate, make: "Kia", model: "Rio"},
			});
			return {working: r.working[master] || [], customer: client.customer};
		}""",
		{
			"master": master,
			"day": day,
			"plate": _plate(rng),
			"full_name": f"Недельный Клиент {suffix}",
			"phone": f"8 9{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
		},
	)
	made["customers"].append(booked["customer"])
	hour = next(h for h in range(8, 20) if _covered(booked["working"], day, h * 60, (h + 2) * 60))
	slot = page.evaluate(
		"""({master, customer, starts_on}) => frappe.xcall("auto_service.api.schedule.book",
			{master, customer, starts_on, duration_minutes: 60})""",
		{"master": master, "customer": booked["customer"], "starts_on": f"{day} {hour:02d}:00:00"},
	)
	page.reload()
	block = page.locator(f'.ms-slot[data-slot="{slot}"]')
	expect(block).to_be_visible()
	_drag(page, block, last.locator(f'.ms-cell[data-time="{hour + 1:02d}:00"]'))
	ghost = last.locator(".ms-ghost")
	expect(ghost).to_contain_text(f"{hour + 1:02d}:00–{hour + 2:02d}:00")
	sizes = page.evaluate(
		"""() => {
			const scroll = document.querySelector('.ms-scroll');
			const label = document.querySelector('.ms-ghost > div').getBoundingClientRect();
			const box = scroll.getBoundingClientRect();
			return {scroll: scroll.scrollWidth, client: scroll.clientWidth,
				label_left: label.left, label_right: label.right, box_left: box.left, box_right: box.right,
				flipped: document.querySelector('.ms-ghost').classList.contains('is-flipped')};
		}"""
	)
	shot(page, "week-1440-dragging-in-the-last-column")
	page.mouse.up()
	assert sizes["scroll"] <= sizes["client"] + 1, sizes
	assert sizes["box_left"] <= sizes["label_left"] and sizes["label_right"] <= sizes["box_right"], sizes
	assert sizes["flipped"], sizes
