"""Advertising mailing to 10,000 generated clients, inside one transaction rolled back afterwards:

    bench --site <site> execute auto_service.benchmarks.mailing.run

Measures what the issue asks: the save (audience counted, spell-check, estimate) and the submit request
(which only queues the job) under 1 s; the background job deciding and queuing all recipients within 30 s;
then sending every SMS to a local HTTP gateway (loopback.SmsGatewayDouble) that must receive them all.
The job is run in-process here (as the RQ worker would run it) with its commits held back, so the site
keeps nothing.
"""

import random
import time

import frappe

from auto_service.benchmarks.common import bulk_rows, report
from auto_service.messaging import sending
from auto_service.messaging.loopback import (
	SmsGatewayDouble,
	configure_sms_settings,
	no_commit,
	root_customer_group,
)


def run(clients: int = 10_000, consent_share: float = 0.8, seed: int = 10) -> dict:
	frappe.set_user("Administrator")
	rng = random.Random(seed)
	tag = f"mb{rng.randint(1000, 9999)}"
	group_name = f"{tag} group"
	territory = frappe.get_all("Territory", pluck="name", limit=1)[0]
	results: dict = {"clients": clients}
	try:
		with no_commit(), SmsGatewayDouble() as gateway:
			configure_sms_settings(gateway.url)
			frappe.get_doc(
				{
					"doctype": "Customer Group",
					"customer_group_name": group_name,
					"parent_customer_group": root_customer_group(),
				}
			).insert(ignore_permissions=True)
			rows = []
			for i in range(clients):
				consent = rng.random() < consent_share
				rows.append(
					{
						"name": f"{tag}-C{i:06d}",
						"customer_name": f"Клиент{i} Иван Петрович",
						"customer_type": "Individual",
						"customer_group": group_name,
						"territory": territory,
						"mobile_no": f"+7916{i:07d}",
						"as_sms_consent": int(consent),
						"as_sms_consent_method": "Written form" if consent else None,
						"disabled": 0,
					}
				)
			bulk_rows("Customer", rows)
			expected = sum(r["as_sms_consent"] for r in rows)

			doc = frappe.get_doc(
				{
					"doctype": "Mailing",
					"title": "Бенчмарк",
					"channel": "SMS",
					"kind": "Advertising",
					"audience": "Group",
					"customer_group": group_name,
					"sms_text": "{{ first_name }}, скидка 15% на диагностику подвески до конца месяца. Ждём вас!",
				}
			)
			start = time.perf_counter()
			doc.insert()
			results["save_request_s"] = round(time.perf_counter() - start, 3)
			results["recipients_counted"] = doc.recipients_sms
			results["excluded_counted"] = doc.excluded_count
			start = time.perf_counter()
			doc.submit()
			results["submit_request_s"] = round(time.perf_counter() - start, 3)
			results["sent_during_request"] = len(gateway.received)

			start = time.perf_counter()
			sending.write_plan(doc)
			results["job_decide_and_queue_s"] = round(time.perf_counter() - start, 3)
			start = time.perf_counter()
			sending.send_queued(doc)
			sending.write_totals(doc)
			results["job_send_s"] = round(time.perf_counter() - start, 3)
			doc.reload()
			results["total_sent"] = doc.total_sent
			results["total_failed"] = doc.total_failed
			results["total_excluded"] = doc.total_excluded
			results["gateway_received"] = len(gateway.received)
			results["gateway_received_distinct_numbers"] = len({r["to"] for r in gateway.received})
			results["expected_recipients"] = expected
			results["all_received"] = (
				results["gateway_received_distinct_numbers"] == expected == doc.total_sent
			)
	finally:
		frappe.db.rollback()
		frappe.clear_document_cache("SMS Settings", "SMS Settings")
	return report("advertising SMS mailing to generated clients (rolled back)", results)
