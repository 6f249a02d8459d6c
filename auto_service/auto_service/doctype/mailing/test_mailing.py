"""Mailings end to end on a real site: a local HTTP SMS gateway and a local SMTP server receive what the
background job sends (the job runs in-process here; the web request only queues it)."""

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from auto_service.api import mailing as api
from auto_service.auto_service.doctype.mailing.mailing import SmsTooLongError
from auto_service.consent import DUPLICATE, NO_CONSENT, NO_EMAIL, NO_PHONE, UNSUBSCRIBED
from auto_service.messaging import inbound, sending
from auto_service.messaging.audience import EmptyAudienceError
from auto_service.messaging.loopback import (
	SmsGatewayDouble,
	SmtpDouble,
	configure_sms_settings,
	make_email_account,
	no_commit,
	root_customer_group,
)
from auto_service.messaging.spellcheck import SpellingErrorsError
from auto_service.messaging.templates import TemplateError
from auto_service.tests.factories import (
	ADVISOR_USER,
	MASTER_USER,
	make_client,
	make_master,
	make_staff_users,
	make_vehicle,
	unique_phone,
)

test_ignore = [
	"Customer", "Customer Group", "Lead Source", "Employee", "Email Template", "SMS Template", "Repair Order",
	"Master Schedule Slot", "Sales Invoice", "Communication", "Customer Vehicle",
]  # fmt: skip


def client(
	name: str, sms: int = 0, email: str | None = None, mail: int = 0, phone: str | None = None, **kw
) -> str:
	result = make_client(
		name,
		mobile_no=phone or unique_phone(),
		email_id=email,
		sms_consent=sms,
		email_consent=mail,
		consent_method="Written form" if sms or mail else None,
		shared_phone=1 if phone else 0,
		**kw,
	)
	frappe.db.set_value("Customer", result["customer"], "customer_group", frappe.flags.as_mailing_test_group)
	return result["customer"]


def mailing(**values):
	doc = frappe.get_doc(
		{
			"doctype": "Mailing",
			"title": "Тест",
			"channel": "SMS",
			"kind": "Advertising",
			"audience": "Group",
			"customer_group": frappe.flags.as_mailing_test_group,
			"sms_text": "{{ first_name }}, скидка на шиномонтаж 20% до конца месяца!",
			**values,
		}
	)
	return doc.insert()


def rows(name: str) -> dict[tuple[str, str], dict]:
	return {
		(r.customer, r.channel): r
		for r in frappe.get_all(
			"Mailing Recipient",
			filters={"mailing": name},
			fields=["customer", "channel", "status", "reason", "address", "communication"],
		)
	}


class TestMailing(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff_users()
		if not frappe.db.exists("Shop Dictionary Word", "шиномонтаж"):
			frappe.get_doc({"doctype": "Shop Dictionary Word", "word": "шиномонтаж"}).insert()
		frappe.cache.delete_value("auto_service:shop_dictionary_words")

	def setUp(self):
		# every test in its own savepoint and its own customer group: nothing leaks into the next test
		frappe.db.savepoint("as_mailing_test")
		frappe.set_user("Administrator")
		group = f"AS Mailing {frappe.generate_hash(length=6)}"
		frappe.get_doc(
			{
				"doctype": "Customer Group",
				"customer_group_name": group,
				"parent_customer_group": root_customer_group(),
			}
		).insert(ignore_permissions=True)
		frappe.flags.as_mailing_test_group = group
		self.gateway = SmsGatewayDouble().__enter__()
		configure_sms_settings(self.gateway.url)

	def tearDown(self):
		self.gateway.__exit__()
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="as_mailing_test")
		frappe.clear_document_cache("SMS Settings", "SMS Settings")
		frappe.flags.as_mailing_test_group = None

	def send(self, doc):
		doc.submit()
		self.assertEqual(self.gateway.received, [], "nothing may leave in the request")
		self.assertEqual(doc.status, "Queued")
		with no_commit():
			sending.run_mailing(doc.name)
		doc.reload()
		return doc

	# ------------------------------------------------------------------ SMS
	def test_advertising_sms_reaches_consenting_clients_and_a_failure_stops_nobody_else(self):
		ok = client("Смирнов Олег Петрович", sms=1)
		failing_phone = unique_phone()
		failing = client("Кузнецов Илья Сергеевич", sms=1, phone=failing_phone)
		no_consent = client("Попов Антон Юрьевич", sms=0)
		shared = client(
			"Смирнова Анна Олеговна", sms=1, phone=frappe.db.get_value("Customer", ok, "mobile_no")
		)
		later_ok = client("Волков Павел Андреевич", sms=1)
		self.gateway.failing.add(failing_phone)

		doc = mailing()
		self.assertEqual((doc.recipients_sms, doc.excluded_count), (3, 2))
		self.assertEqual((doc.sms_encoding, doc.sms_parts), ("UCS-2", 1))
		doc = self.send(doc)

		log = rows(doc.name)
		self.assertEqual(log[(ok, "SMS")].status, "Sent")
		self.assertEqual(log[(later_ok, "SMS")].status, "Sent")
		self.assertEqual(log[(failing, "SMS")].status, "Failed")
		self.assertIn("500", log[(failing, "SMS")].reason)
		self.assertEqual(
			(log[(no_consent, "SMS")].status, log[(no_consent, "SMS")].reason), ("Excluded", NO_CONSENT)
		)
		self.assertEqual(log[(shared, "SMS")].reason, DUPLICATE)
		self.assertEqual((doc.total_sent, doc.total_failed, doc.status), (2, 1, "Partly Failed"))

		phone = frappe.db.get_value("Customer", ok, "mobile_no")
		self.assertEqual(self.gateway.texts_to(phone), ["Олег, скидка на шиномонтаж 20% до конца месяца!"])
		self.assertEqual(self.gateway.received[0]["api_id"], "test-key")
		communication = frappe.get_doc("Communication", log[(ok, "SMS")].communication)
		self.assertEqual((communication.communication_medium, communication.phone_no), ("SMS", phone))
		self.assertTrue(
			frappe.db.exists(
				"Communication Link",
				{"parent": communication.name, "link_doctype": "Customer", "link_name": ok},
			)
		)

		# the gateway is fixed: a re-run sends the failed row only
		self.gateway.failing.clear()
		with no_commit():
			self.assertEqual(sending.retry_failed(doc), 1)
			sending.run_mailing(doc.name)
		doc.reload()
		self.assertEqual((doc.total_sent, doc.total_failed, doc.status), (3, 0, "Sent"))
		self.assertEqual(len(self.gateway.texts_to(phone)), 1)
		self.assertEqual(len(self.gateway.texts_to(failing_phone)), 2)

	def test_consent_withdrawn_after_planning_stops_the_message(self):
		first = client("Орлов Денис Игоревич", sms=1)
		second = client("Орлова Вера Павловна", sms=1)
		doc = mailing()
		self.assertEqual(doc.recipients_sms, 2)
		doc.submit()
		with no_commit():
			sending.write_plan(doc)  # planned with both...
			customer = frappe.get_doc("Customer", second)
			customer.as_sms_consent = 0  # ...then the client says no before the SMS leaves
			customer.save()
			sending.send_queued(doc)
			sending.write_totals(doc)
		log = rows(doc.name)
		self.assertEqual(log[(first, "SMS")].status, "Sent")
		self.assertEqual((log[(second, "SMS")].status, log[(second, "SMS")].reason), ("Excluded", NO_CONSENT))
		self.assertEqual(self.gateway.texts_to(frappe.db.get_value("Customer", second, "mobile_no")), [])

	def test_service_message_goes_without_advertising_consent(self):
		customer = client("Лебедев Роман Олегович", sms=0)
		doc = self.send(
			mailing(
				kind="Service", audience="One Client", customer=customer, sms_text="Ваш автомобиль готов."
			)
		)
		self.assertEqual(rows(doc.name)[(customer, "SMS")].status, "Sent")

	def test_placeholders_from_the_vehicle_and_the_shop(self):
		customer = client("Соколов Глеб Ильич", sms=1)
		make_vehicle(customer, license_plate="А123ВС77", make="Kia", model="Rio")
		doc = self.send(
			mailing(
				audience="One Client",
				customer=customer,
				sms_text="{{ first_name }}, {{ vehicle.make }} {{ vehicle.plate }} ждём на ТО.",
			)
		)
		phone = frappe.db.get_value("Customer", customer, "mobile_no")
		self.assertEqual(self.gateway.texts_to(phone), ["Глеб, Kia А 123 ВС 77 ждём на ТО."])
		preview = api.preview(doc.name, customer)
		self.assertEqual(preview["sms"], "Глеб, Kia А 123 ВС 77 ждём на ТО.")

	# ------------------------------------------------------------------ e-mail
	def test_advertising_email_arrives_with_an_unsubscribe_link_that_withdraws_consent(self):
		with SmtpDouble() as smtp:
			make_email_account(smtp.port)
			customer = client("Морозов Кирилл Львович", email="morozov@example.com", mail=1)
			no_consent = client("Новиков Ян Ильич", email="novikov@example.com", mail=0)
			no_email = client("Федоров Лев Ильич", mail=1)
			doc = self.send(
				mailing(
					channel="Email",
					subject="Скидки для {{ first_name }}",
					message="<p>Здравствуйте, {{ customer_name }}!</p>",
					sms_text=None,
				)
			)
			log = rows(doc.name)
			self.assertEqual(log[(customer, "Email")].status, "Sent")
			self.assertEqual(log[(no_consent, "Email")].reason, NO_CONSENT)
			self.assertEqual(log[(no_email, "Email")].reason, NO_EMAIL)

			frappe.flags.testing_email = True
			try:
				with no_commit():
					frappe.email.queue.flush()
			finally:
				frappe.flags.testing_email = False
			(message,) = smtp.to("morozov@example.com")
			self.assertEqual(smtp.to("novikov@example.com"), [])
			body = "".join(
				part.get_payload(decode=True).decode()
				for part in message.walk()
				if part.get_content_type() == "text/html"
			)
			self.assertIn("Здравствуйте, Морозов Кирилл Львович!", body)
			self.assertIn("frappe.email.queue.unsubscribe", body)

		# following the link (Frappe's own endpoint) withdraws e-mail consent and logs how
		with no_commit():
			frappe.email.queue.unsubscribe("Mailing", doc.name, "morozov@example.com")
		self.assertEqual(frappe.db.get_value("Customer", customer, "as_email_consent"), 0)
		log_row = frappe.get_all(
			"Advertising Consent Log",
			filters={"customer": customer, "channel": "Email", "new_value": 0},
			fields=["method"],
		)
		self.assertEqual([r.method for r in log_row], ["Unsubscribe link"])
		# and the next advertising mailing excludes the address
		again = mailing(channel="Email", subject="Ещё скидки", message="<p>Скидки</p>", sms_text=None)
		self.assertEqual(api.recipients(again.name)["excluded_by_reason"].get(frappe._(UNSUBSCRIBED)), 1)

	def test_client_name_is_escaped_in_html_email(self):
		customer = client("Тегов Ян Ильич", email="tag@example.com", mail=1)
		frappe.db.set_value("Customer", customer, "customer_name", "Тегов <b>Жирный</b>")
		doc = mailing(
			channel="Email",
			audience="One Client",
			customer=customer,
			subject="Привет",
			message="<p>{{ customer_name }}</p>",
			sms_text=None,
		)
		self.assertIn("&lt;b&gt;", api.preview(doc.name, customer)["message"])

	# ------------------------------------------------------------------ bad input
	def test_empty_audience_is_refused(self):
		source = frappe.get_doc(
			{"doctype": "Lead Source", "source_name": f"AS Empty {frappe.generate_hash(length=6)}"}
		)
		source.insert(ignore_permissions=True)
		client("Пустов Ян Ильич", sms=1)  # in the group, but from another source
		with self.assertRaises(EmptyAudienceError):
			mailing(lead_source=source.name)

	def test_broken_placeholder_is_refused_before_anything_is_sent(self):
		client("Зайцев Ян Олегович", sms=1)
		with self.assertRaises(TemplateError):
			mailing(sms_text="Здравствуйте, {{ first_name }")
		with self.assertRaises(TemplateError) as error:
			mailing(sms_text="Здравствуйте, {{ frist_name }}")
		self.assertIn("frist_name", str(error.exception))
		self.assertEqual(self.gateway.received, [])

	def test_phone_that_is_not_a_phone_is_excluded_not_sent(self):
		customer = client("Белов Олег Ильич", sms=1)
		frappe.db.set_value("Customer", customer, "mobile_no", "позвонить жене")
		doc = mailing(audience="One Client", customer=customer)
		self.assertEqual((doc.recipients_sms, doc.exclusion_summary), (0, f"{frappe._(NO_PHONE)}: 1"))
		with self.assertRaises(frappe.ValidationError):
			doc.submit()
		self.assertEqual(self.gateway.received, [])

	def test_five_thousand_character_sms_is_refused(self):
		client("Гусев Ян Ильич", sms=1)
		before = frappe.db.count("Mailing")
		with self.assertRaises(SmsTooLongError) as error:
			mailing(sms_text="Скидка " * 715)
		self.assertIn("1000", str(error.exception))
		self.assertEqual(frappe.db.count("Mailing"), before)
		self.assertEqual(self.gateway.received, [])

	def test_spelling_errors_need_an_explicit_override(self):
		client("Титов Ян Ильич", sms=1)
		doc = mailing(sms_text="Ваш автомабиль готов, заменна масла выполнена.")
		self.assertEqual(doc.spell_check_status, "Errors Found")
		self.assertEqual(doc.spelling_errors, "автомабиль, заменна")
		with self.assertRaises(SpellingErrorsError):
			doc.submit()
		doc.reload()
		doc.override_spelling = 1
		doc.save()
		doc.submit()
		self.assertEqual(doc.status, "Queued")

	def test_computed_fields_cannot_be_typed(self):
		client("Комаров Ян Ильич", sms=1)
		doc = mailing(recipients_sms=99999, cost_estimate=1, status="Sent", total_sent=5)
		self.assertEqual((doc.recipients_sms, doc.status, doc.total_sent), (1, "Draft", None))

	@change_settings("Auto Service Settings", {"sms_cost_per_part": 2.5})
	def test_cost_estimate_is_parts_times_recipients_times_price(self):
		for i in range(3):
			client(f"Клиентов{i} Ян Ильич", sms=1)
		doc = mailing(sms_text="Скидка " * 12)  # 84 characters of Cyrillic: two parts
		self.assertEqual((doc.sms_parts, doc.recipients_sms, doc.cost_estimate), (2, 3, 15.0))

	def test_parts_are_counted_on_the_text_as_sent(self):
		# 60 characters of template: one part; the long name makes the rendered SMS two parts
		client("Константинопольский-Старший Александр Вячеславович", sms=1)
		doc = mailing(sms_text="{{ customer_name }}, ваш автомобиль готов, ждём вас до 20:00.")
		self.assertEqual(doc.sms_parts, 2)

	# ------------------------------------------------------------------ permissions
	def test_master_may_not_send_mailings(self):
		customer = client("Жуков Ян Ильич", sms=1)
		frappe.set_user(MASTER_USER)
		with self.assertRaises(frappe.PermissionError):
			api.send_to_client(customer, "SMS", sms_text="Ваш автомобиль готов.")
		with self.assertRaises(frappe.PermissionError):
			api.spell_check("текст")

	def test_service_advisor_sends_to_one_client_from_the_order(self):
		customer = client("Карпов Ян Ильич", sms=0)
		frappe.set_user(ADVISOR_USER)
		name = api.send_to_client(customer, "SMS", sms_text="Ваш автомобиль готов, ждём вас.")
		doc = frappe.get_doc("Mailing", name)
		self.assertEqual((doc.docstatus, doc.status, doc.kind), (1, "Queued", "Service"))
		self.assertEqual(self.gateway.received, [])

	# ------------------------------------------------------------------ inbound
	@change_settings("Auto Service Settings", {"inbound_sms_secret": "s3cret-value"})
	def test_stop_reply_withdraws_sms_consent_and_lands_on_the_timeline(self):
		customer = client("Павлов Ян Ильич", sms=1)
		phone = frappe.db.get_value("Customer", customer, "mobile_no")
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			api.inbound_sms(secret="wrong", phone=phone, text="СТОП")
		self.assertEqual(api.inbound_sms(secret="s3cret-value", phone=phone, text="Стоп!")["stop"], True)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Customer", customer, "as_sms_consent"), 0)
		self.assertEqual(
			frappe.get_all("Advertising Consent Log", {"customer": customer, "new_value": 0}, pluck="method"),
			["SMS reply"],
		)
		self.assertTrue(
			frappe.db.exists(
				"Communication",
				{"reference_name": customer, "sent_or_received": "Received", "content": "Стоп!"},
			)
		)
		result = inbound.receive_sms(phone, "Спасибо, буду в 10")
		self.assertEqual((result["stop"], result["customers"]), (False, [customer]))


class TestServiceNotices(FrappeTestCase):
	"""Booking confirmation, reminder and «car ready»: switched on in the settings, sent once per event."""

	def setUp(self):
		frappe.db.savepoint("as_notice_test")
		frappe.set_user("Administrator")
		self.gateway = SmsGatewayDouble().__enter__()
		configure_sms_settings(self.gateway.url)
		result = make_client(
			"Уведомлёнов Юрий Ильич", mobile_no=unique_phone(), vehicle={"license_plate": "Е777КХ77"}
		)
		self.customer, self.vehicle = result["customer"], result["vehicle"]
		self.phone = frappe.db.get_value("Customer", self.customer, "mobile_no")
		self.master = make_master("Мастер", f"Уведомлений{frappe.generate_hash(length=4)}")

	def tearDown(self):
		self.gateway.__exit__()
		frappe.db.rollback(save_point="as_notice_test")
		frappe.clear_document_cache("SMS Settings", "SMS Settings")

	def deliver(self, mailings: list[str]) -> None:
		with no_commit():
			for name in mailings:
				sending.run_mailing(name)

	def notices(self, key: str) -> list[str]:
		return frappe.get_all("Mailing", filters={"notice_key": ["like", f"{key}%"]}, pluck="name")

	def slot(self, starts_on) -> "frappe.model.document.Document":
		"""A visit written as the schedule would (its own tests cover the booking rules)."""
		doc = frappe.get_doc(
			{
				"doctype": "Master Schedule Slot",
				"master": self.master,
				"starts_on": starts_on,
				"ends_on": frappe.utils.add_to_date(starts_on, hours=1),
				"duration_minutes": 60,
				"status": "Booked",
				"customer": self.customer,
				"vehicle": self.vehicle,
			}
		)
		doc.db_insert()
		return doc

	@change_settings("Auto Service Settings", {"booking_notice_sms": 1})
	def test_booking_confirmation_is_sent_once(self):
		from auto_service import notices

		slot = self.slot(
			frappe.utils.add_days(frappe.utils.now_datetime(), 3).replace(hour=10, minute=0, second=0)
		)
		notices.slot_after_insert(slot)
		notices.slot_after_insert(slot)  # the same event again: no second notice
		made = self.notices(f"booking:{slot.name}")
		self.assertEqual(len(made), 1)
		self.deliver(made)
		(text,) = self.gateway.texts_to(self.phone)
		self.assertIn("Юрий", text)
		self.assertIn(slot.starts_on.strftime("%d.%m.%Y"), text)
		self.assertIn("10:00", text)

	def test_switched_off_notice_sends_nothing(self):
		from auto_service import notices

		slot = self.slot(
			frappe.utils.add_days(frappe.utils.now_datetime(), 3).replace(hour=11, minute=0, second=0)
		)
		with change_settings("Auto Service Settings", {"booking_notice_sms": 0, "booking_notice_email": 0}):
			notices.slot_after_insert(slot)
		self.assertEqual(self.notices(f"booking:{slot.name}"), [])

	@change_settings("Auto Service Settings", {"reminder_notice_sms": 1})
	def test_reminder_goes_the_day_before_once(self):
		from auto_service import notices

		slot = self.slot(
			frappe.utils.add_days(frappe.utils.now_datetime(), 1).replace(hour=9, minute=30, second=0)
		)
		with no_commit():
			notices.send_reminders()
			notices.send_reminders()
		made = self.notices(f"reminder:{slot.name}")
		self.assertEqual(len(made), 1)
		self.deliver(made)
		(text,) = self.gateway.texts_to(self.phone)
		self.assertIn("09:30", text)

	@change_settings("Auto Service Settings", {"booking_notice_sms": 1})
	def test_a_failing_notice_never_stops_the_booking(self):
		from auto_service import notices

		frappe.db.set_single_value("SMS Settings", "sms_gateway_url", "")
		frappe.clear_document_cache("SMS Settings", "SMS Settings")
		slot = self.slot(
			frappe.utils.add_days(frappe.utils.now_datetime(), 4).replace(hour=12, minute=0, second=0)
		)
		notices.slot_after_insert(slot)  # no gateway: refused inside, logged, the visit stays
		self.assertEqual(self.notices(f"booking:{slot.name}"), [])
		self.assertTrue(frappe.db.exists("Master Schedule Slot", slot.name))

	@change_settings("Auto Service Settings", {"ready_notice_sms": 1})
	def test_car_ready_notice_once_when_the_order_becomes_ready(self):
		from auto_service.api.repair_orders import set_status
		from auto_service.tests.factories import make_order, make_work_item

		work = "AS-TEST Уведомление диагностика"
		make_work_item(work, 1500)
		order = make_order(
			self.customer, self.vehicle, works=[{"item_code": work, "master": self.master, "hours": 1}]
		)
		set_status(order.name, "Ready")
		set_status(order.name, "In Progress")
		set_status(order.name, "Ready")  # ready again: still one notice
		made = self.notices(f"ready:{order.name}")
		self.assertEqual(len(made), 1)
		self.deliver(made)
		(text,) = self.gateway.texts_to(self.phone)
		self.assertIn("Е 777 КХ 77", text)
		self.assertIn(order.name, text)

	def test_scheduled_mailing_waits_for_its_time(self):
		frappe.db.set_value(
			"Customer", self.customer, {"as_sms_consent": 1, "as_sms_consent_method": "Written form"}
		)
		doc = frappe.get_doc(
			{
				"doctype": "Mailing",
				"title": "Позже",
				"channel": "SMS",
				"kind": "Advertising",
				"audience": "One Client",
				"customer": self.customer,
				"sms_text": "Скидка на диагностику до пятницы.",
				"send_time": "Scheduled",
				"scheduled_at": frappe.utils.add_to_date(frappe.utils.now_datetime(), hours=2),
			}
		).insert()
		doc.submit()
		self.assertEqual(doc.status, "Scheduled")
		with no_commit():
			sending.run_due_mailings()
		self.assertEqual(frappe.db.get_value("Mailing", doc.name, "status"), "Scheduled")
		frappe.db.set_value(
			"Mailing",
			doc.name,
			"scheduled_at",
			frappe.utils.add_to_date(frappe.utils.now_datetime(), minutes=-1),
		)
		with no_commit():
			sending.run_due_mailings()
		self.assertEqual(frappe.db.get_value("Mailing", doc.name, "status"), "Queued")

	@change_settings("Auto Service Settings", {"invoice_notice_email": 1})
	def test_submitted_invoice_goes_to_the_client_by_email_with_its_pdf(self):
		from auto_service.api.repair_orders import make_sales_invoice
		from auto_service.tests.factories import make_order, make_work_item

		with SmtpDouble() as smtp:
			make_email_account(smtp.port)
			frappe.db.set_value("Customer", self.customer, "email_id", "invoice-notice@example.com")
			work = "AS-TEST Уведомление диагностика"
			make_work_item(work, 1500)
			order = make_order(
				self.customer, self.vehicle, works=[{"item_code": work, "master": self.master, "hours": 1}]
			)
			invoice = frappe.get_doc("Sales Invoice", make_sales_invoice(order.name))
			invoice.submit()
			made = self.notices(f"invoice:{invoice.name}")
			self.assertEqual(len(made), 1)
			self.deliver(made)
			(queued,) = frappe.get_all(
				"Email Queue",
				filters={"reference_doctype": "Mailing", "reference_name": made[0]},
				fields=["name", "attachments", "message"],
			)
			# the PDF is rendered by Frappe's queue when the e-mail leaves (print format attachment)
			attachment = frappe.parse_json(queued.attachments)[0]
			self.assertEqual(
				(attachment["doctype"], attachment["name"], attachment["print_format_attachment"]),
				("Sales Invoice", invoice.name, 1),
			)
			self.assertIn(order.name, queued.message)
			self.assertEqual(
				frappe.db.get_value("Email Queue Recipient", {"parent": queued.name}, "recipient"),
				"invoice-notice@example.com",
			)
