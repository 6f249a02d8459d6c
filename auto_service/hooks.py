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
	"Customer": "public/js/customer.js",
}
doctype_list_js = {
	"Customer": "public/js/customer_list.js",
}

# Installation
# ------------------
after_install = "auto_service.setup.install.after_install"
after_migrate = "auto_service.setup.install.after_migrate"
before_uninstall = "auto_service.setup.install.before_uninstall"

# Records we ship: always filtered to ours.
fixtures = [
	{"dt": "Role", "filters": [["name", "in", ["Service Advisor", "Master", "Auto Service Manager"]]]},
]

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
		"on_submit": "auto_service.events.accounting.sales_invoice_on_submit",
		"on_cancel": "auto_service.events.accounting.sales_invoice_on_cancel",
		"on_trash": "auto_service.events.accounting.sales_invoice_on_trash",
		"on_change": "auto_service.events.accounting.sales_invoice_on_change",
	},
}

override_doctype_dashboards = {
	"Customer": "auto_service.events.customer.get_dashboard_data",
	"Sales Invoice": "auto_service.events.accounting.get_sales_invoice_dashboard_data",
}

# Translation
# ------------------
# Russian lives in auto_service/translations/ru.csv.

# Print formats format plates the way people read them: «А 123 ВС 77».
jinja = {"methods": ["auto_service.vehicle_ids.format_plate"]}
