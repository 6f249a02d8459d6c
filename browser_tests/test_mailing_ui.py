"""A mailing in a real browser: compose an SMS in Russian with a typo, see it flagged, fix it with a
click, see the part counter and the recipient counts, send, and see the job reach the end. A local HTTP
server plays the SMS gateway; an RQ worker in burst mode runs the queued job as the bench's worker would."""

import random
import subprocess
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import BENCH, _as_bench_owner, bench_execute
from playwright.sync_api import expect


@pytest.fixture
def gateway():
	received: list[dict] = []

	class Handler(BaseHTTPRequestHandler):
		def do_POST(self):
			raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
			received.append({k: v[0] for k, v in urllib.parse.parse_qs(raw).items()})
			self.send_response(200)
			self.send_header("Content-Length", "2")
			self.end_headers()
			self.wfile.write(b"OK")

		def log_message(self, *args):
			pass

	server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
	thread = threading.Thread(target=server.serve_forever, daemon=True)
	thread.start()
	yield f"http://127.0.0.1:{server.server_address[1]}/send", received
	server.shutdown()
	server.server_close()


@pytest.fixture
def group(gateway):
	name = f"UI Рассылка {random.randint(10000, 99999)}"
	bench_execute(
		"auto_service.messaging.loopback.browser_setup",
		{
			"group": name,
			"gateway_url": gateway[0],
			"names": ["Сидоров Пётр Ильич", "Сидорова Мария Петровна", "Сидоров Иван Петрович"],
			"consent": [1, 1, 0],
		},
	)
	yield name
	bench_execute("auto_service.messaging.loopback.browser_teardown", {"group": name})


def run_worker_burst() -> None:
	subprocess.run(
		[
			str(BENCH / "env/bin/python"),
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			"worker",
			"--queue",
			"long",
			"--burst",
		],
		cwd=BENCH / "sites",
		capture_output=True,
		timeout=300,
		check=True,
		**_as_bench_owner({}),
	)


def test_compose_fix_typo_and_send_sms_mailing(page, base_url, shot, gateway, group):
	_url, received = gateway
	page.goto(f"{base_url}/app/mailing/new")
	page.locator('input[data-fieldname="title"]').fill("Осенняя акция")
	page.locator('select[data-fieldname="kind"]').select_option("Advertising")
	page.evaluate("name => cur_frm.set_value('customer_group', name)", group)

	text = page.locator('textarea[data-fieldname="sms_text"]')
	text.fill("{{ first_name }}, ваш автомабиль ждёт сезонную замену шин! Скидка 10%.")
	counter = page.locator(".as-sms-counter").first
	expect(counter).to_contain_text("SMS: 1")
	expect(counter).to_contain_text("Кириллица")
	text.blur()

	flagged = page.locator(".as-spell-error")
	expect(flagged.first.locator(".as-spell-word")).to_have_text("автомабиль")
	shot(page, "typo-flagged")
	flagged.first.locator(".as-spell-fix", has_text="автомобиль").click()
	expect(text).to_have_value("{{ first_name }}, ваш автомобиль ждёт сезонную замену шин! Скидка 10%.")
	expect(page.locator(".as-spell-word", has_text="автомабиль")).to_have_count(0)

	# a longer text: the counter goes to two parts as staff type
	text.fill(
		"{{ first_name }}, ваш автомобиль ждёт сезонную замену шин! Скидка 10% только до пятницы, звоните."
	)
	expect(counter).to_contain_text("SMS: 2")
	page.keyboard.press("Control+s")
	expect(page.locator('[data-fieldname="recipients_sms"] .control-value')).to_have_text("2")
	expect(page.locator('[data-fieldname="excluded_count"] .control-value')).to_have_text("1")
	shot(page, "saved-with-counts")

	page.get_by_role("button", name="Получатели").click()
	dialog = page.locator(".modal.show")
	expect(dialog.locator(".as-count-sms")).to_have_text("2")
	expect(dialog).to_contain_text("Нет согласия на этот канал")
	shot(page, "recipients")
	dialog.locator(".btn-modal-close").click()

	page.locator(".page-actions").get_by_role("button", name="Утвердить").click()
	page.locator(".modal.show").get_by_role("button", name="Да").click()
	expect(page.locator('[data-fieldname="status"] .control-value')).to_contain_text("В очереди")
	assert received == []  # nothing left in the request

	run_worker_burst()
	page.reload()
	expect(page.locator('[data-fieldname="status"] .control-value')).to_contain_text("Отправлено")
	expect(page.locator('[data-fieldname="total_sent"] .control-value')).to_have_text("2")
	shot(page, "sent")
	assert sorted(r["text"].split(",")[0] for r in received) == ["Мария", "Пётр"]
	assert all("автомобиль" in r["text"] for r in received)


def test_send_sms_to_one_client_from_the_customer_form(page, base_url, shot, gateway, group):
	_url, received = gateway
	customer = page.evaluate(
		"group => frappe.xcall('frappe.client.get_value', {doctype: 'Customer', filters: {customer_group: group,"
		" customer_name: 'Сидоров Иван Петрович'}, fieldname: 'name'}).then(r => r.name)",
		group,
	)
	page.goto(f"{base_url}/app/customer/{customer}")
	page.get_by_role("button", name="Отправить SMS / e-mail").click()
	dialog = page.locator(".modal.show")
	text = dialog.locator('textarea[data-fieldname="sms_text"]')
	text.fill("Иван Петрович, ваш автомобиль готов, можно забирать.")
	expect(dialog.locator(".as-sms-counter")).to_contain_text("SMS: 1")
	text.blur()
	expect(dialog.locator(".as-spell-ok")).to_be_visible()
	shot(page, "send-dialog")
	dialog.get_by_role("button", name="Отправить").click()
	expect(page.locator(".alert-message, .desk-alert").first).to_contain_text("отправляется")

	run_worker_burst()
	# a service message: sent although this client gave no advertising consent
	assert [r["text"] for r in received] == ["Иван Петрович, ваш автомобиль готов, можно забирать."]
