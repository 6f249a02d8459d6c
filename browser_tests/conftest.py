"""Browser tests: Playwright drives Debian's chromium against a gunicorn of the bench on 127.0.0.1.

Run by scripts/test.sh (layer 3) with AUTO_SERVICE_BENCH, AUTO_SERVICE_TEST_SITE and CHROMIUM set.
Screenshots go to $AUTO_SERVICE_ARTIFACTS/screenshots.

The tests commit real rows through the site; each records what it made in the ``made`` fixture, whose
finalizer deletes it again (auto_service.tests.cleanup.remove_committed, run through the bench), so a
second run finds the site as the first did.
"""

import json
import os
import pwd
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

BENCH = Path(os.environ.get("AUTO_SERVICE_BENCH", "/home/frappe/frappe-bench"))
SITE = os.environ.get("AUTO_SERVICE_TEST_SITE", "test.localhost")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "admin")
ARTIFACTS = Path(os.environ.get("AUTO_SERVICE_ARTIFACTS", "artifacts")) / "screenshots"


def _free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def _as_bench_owner(extra_env: dict) -> dict:
	env = {**os.environ, **extra_env}
	owner = BENCH.stat().st_uid
	if os.geteuid() != 0 or owner == 0:
		return {"env": env}
	entry = pwd.getpwuid(owner)

	def demote():
		os.setgid(entry.pw_gid)
		os.setuid(entry.pw_uid)

	return {"preexec_fn": demote, "env": {**env, "HOME": entry.pw_dir}}


def _pong(url: str) -> bool:
	try:
		return b"pong" in urllib.request.urlopen(f"{url}/api/method/ping", timeout=2).read()
	except OSError:
		return False


@pytest.fixture(scope="session")
def base_url():
	"""The site served on 127.0.0.1: scripts/test.sh's server, or one started here."""
	given = os.environ.get("AUTO_SERVICE_TEST_URL", "")
	if given and _pong(given):
		yield given
		return
	port = _free_port()
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	log = open(ARTIFACTS.parent / "browser-gunicorn.log", "ab")
	server = subprocess.Popen(
		[
			str(BENCH / "env/bin/gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			"2",
			"-t",
			"120",
			"--pythonpath",
			str(BENCH / "apps/auto_service/scripts/lib"),
			"wsgi_site:application",
		],
		cwd=BENCH / "sites",
		stdout=log,
		stderr=log,
		**_as_bench_owner({"AUTO_SERVICE_SERVE_SITE": SITE}),
	)
	url = f"http://127.0.0.1:{port}"
	deadline = time.time() + 60
	while not _pong(url):
		if time.time() > deadline:
			server.terminate()
			pytest.fail("gunicorn did not answer on 127.0.0.1")
		time.sleep(0.5)
	yield url
	server.terminate()
	server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
	from playwright.sync_api import sync_playwright

	with sync_playwright() as p:
		browser = p.chromium.launch(
			executable_path=CHROMIUM,
			args=[
				"--no-sandbox",
				"--disable-gpu",
				"--disable-quic",
				"--no-first-run",
				"--disable-background-networking",
				"--disable-component-update",
				"--disable-sync",
			],
		)
		yield browser
		browser.close()


@pytest.fixture
def page(browser, base_url):
	context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ru-RU")
	page = context.new_page()
	page.set_default_timeout(20_000)
	page.goto(f"{base_url}/login")
	page.fill("#login_email", "Administrator")
	page.fill("#login_password", ADMIN_PASSWORD)
	page.click(".btn-login")
	page.wait_for_url("**/app**")
	yield page
	page.request.get(f"{base_url}/api/method/logout")  # its session row goes with it
	context.close()


@pytest.fixture
def shot(request):
	ARTIFACTS.mkdir(parents=True, exist_ok=True)

	def take(page, name: str) -> Path:
		path = ARTIFACTS / f"{request.node.name}-{name}.png"
		page.screenshot(path=str(path), full_page=True)
		return path

	return take


def bench_execute(method: str, kwargs: dict) -> None:
	"""`bench --site SITE execute method --kwargs ...` without the bench CLI, as the bench's owner."""
	result = subprocess.run(
		[
			str(BENCH / "env/bin/python"),
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			"--site",
			SITE,
			"execute",
			method,
			"--kwargs",
			json.dumps(kwargs),
		],
		cwd=BENCH / "sites",
		capture_output=True,
		text=True,
		timeout=300,
		**_as_bench_owner({}),
	)
	if result.returncode:
		raise RuntimeError(f"{method} failed on {SITE}:\n{result.stderr[-3000:]}")


@pytest.fixture
def made():
	"""What a test made on the site (clients, masters, client names); removed when the test ends."""
	records = {"customers": [], "employees": [], "customer_names": []}
	yield records
	if any(records.values()):
		bench_execute("auto_service.tests.cleanup.remove_committed", records)
