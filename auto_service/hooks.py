app_name = "auto_service"
app_title = "Auto Service"
app_publisher = "auto_service contributors"
app_description = "Car-repair shop (автосервис / СТО) for ERPNext"
app_email = "dev@auto-service.invalid"
app_license = "MIT"

# "org/repo" form: frappe resolves a bare name through the GitHub API
required_apps = ["frappe/erpnext"]

export_python_type_annotations = True

# Desk assets
# ------------------
app_include_js = ["auto_service.bundle.js"]

doctype_js = {
	"Customer": ["public/js/customer.js", "public/js/mailing.js"],
	"Repair Order": "public/js/mailing.js",
	"Mailing": "public/js/mailing.js",
	"SMS Template": "public/js/mailing.js",
}
doctype_list_js = {
	"Customer": "public/js/customer_list.js",
}

# Installation
# ------------------
after_install = [
	"auto_service.setup.install.after_install",
	"auto_service.messaging.spellcheck.seed_shop_words",
]
after_migrate = [
	"auto_service.setup.install.after_migrate",
	"auto_service.messaging.spellcheck.seed_shop_words",
]
before_uninstall = "auto_service.setup.install.before_uninstall"

# No fixtures for roles or permissions: frappe re-imports fixtures on every migrate and would undo what an
# administrator changed (two-factor authentication, home page, rights). setup/install.py creates them once.

# Document events on ERPNext / Frappe documents
# ------------------
doc_events = {
	"Customer": {
		"validate": "auto_service.events.customer.validate",
		"on_update": "auto_service.events.customer.on_update",
	},
	"Employee": {
		"validate": "auto_service.events.employee.validate",
	},
	"User": {
		"validate": "auto_service.events.user.validate",
	},
	"Contact": {
		"validate": "auto_service.events.contact.validate",
		"on_update": "auto_service.events.contact.on_update",
	},
	# ERPNext writes every change of an invoice's outstanding amount (payments, reconciliation, credit
	# notes) through set_status -> db_set, which runs on_change: one hook follows them all.
	"Sales Invoice": {
		"validate": "auto_service.events.accounting.sales_invoice_validate",
		"on_submit": [
			"auto_service.events.accounting.sales_invoice_on_submit",
			"auto_service.notices.sales_invoice_on_submit",
		],
		"on_cancel": "auto_service.events.accounting.sales_invoice_on_cancel",
		"on_trash": "auto_service.events.accounting.sales_invoice_on_trash",
		"on_change": "auto_service.events.accounting.sales_invoice_on_change",
	},
}

doc_events.update(
	{
		# mailings: Frappe's unsubscribe link withdraws e-mail consent; service notices on visits and orders
		"Email Unsubscribe": {"after_insert": "auto_service.messaging.inbound.on_email_unsubscribe"},
		"Master Schedule Slot": {"after_insert": "auto_service.notices.slot_after_insert"},
		"Repair Order": {
			"on_update_after_submit": "auto_service.notices.repair_order_on_update_after_submit"
		},
	}
)

# The period reports' stored facts (Client Activity, Master Activity) follow every change of what they are
# made of: visits, orders (on_change runs after insert, save, submit, cancel and update after submit),
# invoices and credit notes of repair orders, the client's lead source and name, the warranty days.
# See auto_service/facts.py.
_FOLLOW = "auto_service.facts.on_visit_or_order"
for _doctype in ("Master Schedule Slot", "Repair Order"):
	doc_events[_doctype].update({"on_change": _FOLLOW, "after_delete": _FOLLOW})
doc_events["Sales Invoice"]["on_submit"].append("auto_service.facts.on_invoice")
doc_events["Sales Invoice"]["on_cancel"] = [
	doc_events["Sales Invoice"]["on_cancel"],
	"auto_service.facts.on_invoice",
]
doc_events["Customer"].update(
	{
		"on_update": [doc_events["Customer"]["on_update"], "auto_service.facts.on_customer_update"],
		"after_rename": "auto_service.facts.on_customer_rename",
	}
)
doc_events["Auto Service Settings"] = {"on_update": "auto_service.facts.on_settings_update"}
doc_events["Customer"]["on_trash"] = "auto_service.facts.on_customer_trash"
doc_events["Employee"]["on_trash"] = "auto_service.facts.on_employee_trash"
# derived rows never keep a client or a master from being deleted: they go with them (on_trash above)
ignore_links_on_delete = ["Client Activity", "Master Activity"]

scheduler_events = {
	"all": ["auto_service.messaging.sending.run_due_mailings"],
	"daily": ["auto_service.notices.send_reminders"],
	"daily_long": ["auto_service.facts.nightly"],
}

override_doctype_dashboards = {
	"Customer": "auto_service.events.customer.get_dashboard_data",
	"Sales Invoice": "auto_service.events.accounting.get_sales_invoice_dashboard_data",
}

# Translation
# ------------------
# Russian lives in auto_service/translations/ru.csv.

# Print formats format plates the way people read them: «А 123 ВС 77».
# print_context: the shop's requisites, the client's phone, VAT, money in figures and words.
jinja = {"methods": ["auto_service.vehicle_ids.format_plate", "auto_service.printing.print_context"]}

# A master (mechanic) sees their own visits and orders, and the cars and acts of those: see permissions.py.
permission_query_conditions = {
	"Master Schedule Slot": "auto_service.permissions.slot_conditions",
	"Repair Order": "auto_service.permissions.repair_order_conditions",
	"Acceptance Act": "auto_service.permissions.acceptance_act_conditions",
	"Customer Vehicle": "auto_service.permissions.vehicle_conditions",
}
has_permission = {
	"Master Schedule Slot": "auto_service.permissions.has_slot_permission",
	"Repair Order": "auto_service.permissions.has_repair_order_permission",
	"Acceptance Act": "auto_service.permissions.has_acceptance_act_permission",
	"Customer Vehicle": "auto_service.permissions.has_vehicle_permission",
}
