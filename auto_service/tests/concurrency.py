"""Run one request many times at once, each on its own connection, as concurrent HTTP requests would."""

import threading
from collections.abc import Callable

import frappe


def run_in_parallel(request: Callable[[], object], times: int) -> list[tuple[str, object]]:
	"""Call ``request`` in ``times`` threads released together; each commits on success, rolls back on error.

	Returns ``("ok", result)`` or ``("error", exception)`` per call. The caller must have committed the data
	the requests need: other connections see only committed rows.
	"""
	site, sites_path = frappe.local.site, frappe.local.sites_path
	outcomes: list[tuple[str, object]] = []
	barrier = threading.Barrier(times)

	def worker():
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
		frappe.set_user("Administrator")
		try:
			barrier.wait()
			outcomes.append(("ok", request()))
			frappe.db.commit()
		except Exception as exc:
			outcomes.append(("error", exc))
			frappe.db.rollback()
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=worker) for _ in range(times)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	return outcomes
