"""Install, migrate and uninstall steps: custom fields, role permissions, default records."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.permissions import setup_custom_perms

from auto_service.events.user import (
	SHOP_MODULE_PROFILE,
	SHOP_MODULES,
	SHOP_ROLES,
	apply_shop_defaults,
)
from auto_service.setup.custom_fields import MODULE, get_custom_fields
from auto_service.setup.money_setup import setup_shop_money
from auto_service.setup.permissions import ROLES, STANDARD_DOCTYPE_PERMISSIONS

DEFAULT_LEAD_SOURCES = (
	"Рекомендация",
	"Яндекс Карты",
	"2ГИС",
	"Авито",
	"Сайт",
	"Наружная реклама",
	"Проезжали мимо",
	"Повторный визит",
	"Социальные сети",
)
# ERPNext's setup wizard makes these English sources (setup_wizard/data/lead_source.txt): not offered in the
# shop's pickers (Lead Source.as_hide_in_shop); sources the administrator adds are.
ERPNEXT_LEAD_SOURCES = (
	"Existing Customer",
	"Reference",
	"Advertisement",
	"Cold Calling",
	"Exhibition",
	"Supplier Reference",
	"Mass Mailing",
	"Customer's Vendor",
	"Campaign",
	"Walk In",
)


DEFAULT_CHECKLIST = (
	"Запасное колесо",
	"Домкрат",
	"Набор инструментов",
	"Аптечка",
	"Знак аварийной остановки",
	"Огнетушитель",
	"Коврики",
	"Магнитола",
	"Ключи (количество)",
	"Документы (СТС)",
)
DEFAULT_LABOUR_RATE = 2500
NORM_HOUR_UOM = "Нормо-час"


def after_install() -> None:
	after_migrate()
	apply_permissions()  # once: from then on the rights are the administrator's (Role Permission Manager)
	make_default_lead_sources()
	make_default_settings()
	# Russian calendars start on Monday (the date picker follows this setting)
	frappe.db.set_single_value("System Settings", "first_day_of_the_week", "Monday")


def make_shop_module_profile() -> None:
	"""«Auto Service» Module Profile: every module but the shop's is hidden from the sidebar of users who
	have only the shop's roles (rights stay with the roles). Kept in step with the installed modules."""
	blocked = sorted(set(frappe.get_all("Module Def", pluck="name")) - set(SHOP_MODULES))
	if frappe.db.exists("Module Profile", SHOP_MODULE_PROFILE):
		profile = frappe.get_doc("Module Profile", SHOP_MODULE_PROFILE)
		if sorted(row.module for row in profile.block_modules) == blocked:
			return
		profile.set("block_modules", [])
	else:
		profile = frappe.get_doc({"doctype": "Module Profile", "module_profile_name": SHOP_MODULE_PROFILE})
	for module in blocked:
		profile.append("block_modules", {"module": module})
	profile.save(ignore_permissions=True)
	for name in frappe.get_all("User", filters={"module_profile": SHOP_MODULE_PROFILE}, pluck="name"):
		frappe.get_doc("User", name).save(ignore_permissions=True)  # frappe copies the profile on save


def land_shop_users_on_workspace() -> None:
	"""Existing users with the shop's roles get what new ones get on save (events/user.py): the
	«Автосервис» workspace as home and, with only the shop's roles, the shop's module profile."""
	has_role = frappe.qb.DocType("Has Role")
	names = (
		frappe.qb.from_(has_role)
		.select(has_role.parent)
		.where(has_role.parenttype == "User")
		.where(has_role.role.isin(SHOP_ROLES))
		.where(has_role.parent.notin(["Administrator", "Guest"]))
		.distinct()
		.run(pluck=True)
	)
	for name in names:
		user = frappe.get_doc("User", name)
		if apply_shop_defaults(user):
			user.save(ignore_permissions=True)


SEARCH_BLOCK = "Auto Service Search"


def make_search_block() -> None:
	"""The workspace's search box: a Custom HTML Block whose script hands over to the app's JS
	(auto_service.search.mount in public/js/search.js), so its behaviour updates with the app."""
	values = {
		"html": '<div class="as-search"></div>',
		"style": ".as-search { padding: 4px 0; } .as-search-results { margin-top: 6px; max-height: 420px;"
		" overflow-y: auto; } .as-search-input { font-size: 1.1em; height: 2.5em; }",
		"script": "auto_service.search && auto_service.search.mount(root_element);",
		"private": 0,
	}
	if frappe.db.exists("Custom HTML Block", SEARCH_BLOCK):
		frappe.db.set_value("Custom HTML Block", SEARCH_BLOCK, values)
	else:
		frappe.get_doc({"doctype": "Custom HTML Block", **values}).insert(
			ignore_permissions=True, set_name=SEARCH_BLOCK
		)


def hide_erpnext_lead_sources() -> None:
	frappe.db.set_value(
		"Lead Source", {"name": ("in", ERPNEXT_LEAD_SOURCES), "as_hide_in_shop": 0}, "as_hide_in_shop", 1
	)


def after_migrate() -> None:
	make_roles()
	make_custom_fields()
	make_norm_hour_uom()
	make_indexes()
	make_property_setters()
	setup_shop_money()
	make_default_lead_sources()
	hide_erpnext_lead_sources()
	make_shop_module_profile()
	land_shop_users_on_workspace()
	make_search_block()


def make_property_setters() -> None:
	"""Masters appear by name, not by their HR-EMP number, in repair orders and visits."""
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	if not frappe.db.exists(
		"Property Setter", {"doc_type": "Employee", "property": "show_title_field_in_link"}
	):
		make_property_setter(
			"Employee",
			None,
			"show_title_field_in_link",
			1,
			"Check",
			for_doctype=True,
			validate_fields_for_doctype=False,
		)
	# the client list shows the client's phone (ERPNext's own field, kept from the primary contact)
	if not frappe.db.exists(
		"Property Setter", {"doc_type": "Customer", "field_name": "mobile_no", "property": "in_list_view"}
	):
		make_property_setter("Customer", "mobile_no", "in_list_view", 1, "Check")


def make_indexes() -> None:
	"""Phones are looked up on every new client (one phone, one client) and in the client search."""
	frappe.db.add_index("Contact Phone", ["phone"])
	# a master's bookings in a period (auto_service.schedule.busy_map): read from the index alone
	frappe.db.add_index(
		"Master Schedule Slot", ["master", "status", "starts_on", "ends_on"], "as_master_status_starts_ends"
	)
	make_report_indexes()


def make_report_indexes() -> None:
	"""The period reports (auto_service.period_data) read through covering indexes: at 300k orders a row
	lookup per order is what makes a report slow. One spend row per source, month and company (also under
	concurrency)."""
	for doctype, name in (
		("Repair Order", "as_company_posting_date"),
		("Repair Order", "as_customer_posting_date"),
		("Master Schedule Slot", "as_customer_status_starts"),
		# a period's orders and invoices were grouped per client on every run until the reports read
		# the stored facts (Client Activity): nothing reads these any more, every insert paid for them
		("Repair Order", "as_period_orders"),
		("Sales Invoice", "as_period_invoices"),
	):  # the first, narrower versions of the indexes below, and indexes no query uses any more
		drop_index(doctype, name)
	for doctype, columns, name in REPORT_INDEXES:
		frappe.db.add_index(doctype, columns, name)
	frappe.db.add_unique(
		"Marketing Spend", ["lead_source", "month", "company"], "as_unique_source_month_company"
	)


REPORT_INDEXES = (
	# a client's orders (the facts of one client are rebuilt from these after each change)
	("Repair Order", ["customer", "company", "docstatus", "posting_date"], "as_first_order"),
	# bookings in a period (by master, status, channel, with an order) and a client's first arrived visit
	(
		"Master Schedule Slot",
		["starts_on", "status", "master", "channel", "customer", "repair_order"],
		"as_period_slots",
	),
	("Master Schedule Slot", ["customer", "status", "starts_on", "master"], "as_first_visit"),
	# the parts' cost of an invoice
	(
		"Stock Ledger Entry",
		["voucher_no", "voucher_type", "is_cancelled", "stock_value_difference"],
		"as_voucher_stock_value",
	),
	# the reports' stored facts of a period (auto_service.facts): a range of days, all columns
	(
		"Client Activity",
		[
			"company",
			"day",
			"came",
			"first_visit",
			"previous_visit",
			"lead_source",
			"month",
			"orders",
			"revenue",
			"parts_cost",
		],
		"as_period_facts",
	),
	(
		"Master Activity",
		[
			"company",
			"day",
			"master",
			"previous_day",
			"next_day",
			"orders",
			"hours",
			"works_invoiced",
			"comebacks",
		],
		"as_period_master_facts",
	),
	# a repair order's work lines by master
	(
		"Repair Order Work",
		["parent", "parenttype", "master", "item_code", "hours", "amount"],
		"as_order_works",
	),
)


def drop_index(doctype: str, name: str) -> None:
	if frappe.db.sql(f"SHOW INDEX FROM `tab{doctype}` WHERE Key_name = %s", name):
		frappe.db.sql_ddl(f"ALTER TABLE `tab{doctype}` DROP INDEX `{name}`")


def make_norm_hour_uom() -> None:
	"""Works are sold in norm hours, fractions allowed (0.5 h)."""
	if not frappe.db.exists("UOM", NORM_HOUR_UOM):
		frappe.get_doc({"doctype": "UOM", "uom_name": NORM_HOUR_UOM, "must_be_whole_number": 0}).insert(
			ignore_permissions=True
		)


def make_roles() -> None:
	"""The shop's roles, made when missing and never touched again: their settings (two-factor
	authentication, home page, desk access) are the administrator's."""
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc(
				{"doctype": "Role", "role_name": role, "desk_access": 1, "home_page": "/app/auto-service"}
			).insert(ignore_permissions=True)


def make_custom_fields() -> None:
	fields = get_custom_fields()
	for rows in fields.values():
		for row in rows:
			row.setdefault("module", MODULE)
	create_custom_fields(fields, ignore_validate=True, update=True)


def apply_permissions() -> None:
	"""Give our roles their rights on standard DocTypes as Custom DocPerm rows. Run at install only (and
	by patches that change a default): an administrator's later changes are never undone by a migrate."""
	rights = (
		"read",
		"write",
		"create",
		"delete",
		"submit",
		"cancel",
		"amend",
		"report",
		"export",
		"print",
		"email",
		"share",
	)
	for doctype, roles in STANDARD_DOCTYPE_PERMISSIONS.items():
		setup_custom_perms(doctype)
		for role, granted in roles.items():
			put_role_rights(doctype, role, {right: int(right in granted) for right in rights})
		frappe.clear_cache(doctype=doctype)


def role_rights_row(doctype: str, role: str) -> str | None:
	"""The role's own Custom DocPerm row of ``doctype`` (level 0, not "if owner"), if there is one."""
	return frappe.db.get_value("Custom DocPerm", _role_key(doctype, role))


def put_role_rights(doctype: str, role: str, values: dict[str, int]) -> None:
	"""Set these rights on the role's own Custom DocPerm row of ``doctype``, making the row if needed
	(``setup_custom_perms`` must have copied the DocType's standard rows first)."""
	if name := role_rights_row(doctype, role):
		frappe.db.set_value("Custom DocPerm", name, values)
		return
	frappe.get_doc(
		{
			"doctype": "Custom DocPerm",
			"parenttype": "DocType",
			"parentfield": "permissions",
			**_role_key(doctype, role),
			**values,
		}
	).insert(ignore_permissions=True)


def _role_key(doctype: str, role: str) -> dict:
	return {"parent": doctype, "role": role, "permlevel": 0, "if_owner": 0}


def make_default_lead_sources() -> None:
	for source in DEFAULT_LEAD_SOURCES:
		if not frappe.db.exists("Lead Source", source):
			frappe.get_doc({"doctype": "Lead Source", "source_name": source}).insert(ignore_permissions=True)


def before_uninstall() -> None:
	frappe.db.delete("Custom Field", {"module": MODULE})
	frappe.db.delete("Custom DocPerm", {"role": ("in", ROLES)})
	frappe.clear_cache()


def make_default_settings() -> None:
	"""Fill Auto Service Settings from the site's default company, where the administrator has not."""
	settings = frappe.get_single("Auto Service Settings")
	company = settings.company or frappe.defaults.get_global_default("company")
	if not company:
		return
	settings.company = company
	settings.selling_price_list = settings.selling_price_list or frappe.db.get_single_value(
		"Selling Settings", "selling_price_list"
	)
	settings.parts_warehouse = settings.parts_warehouse or default_warehouse(company)
	settings.default_labour_rate = settings.default_labour_rate or DEFAULT_LABOUR_RATE
	settings.taxes_and_charges = settings.taxes_and_charges or ensure_vat_template(company)
	if not settings.equipment_checklist:
		for item in DEFAULT_CHECKLIST:
			settings.append("equipment_checklist", {"item": item})
	settings.save(ignore_permissions=True)
	setup_shop_money()
	frappe.db.commit()  # also run from the command line by scripts/setup.sh


def default_warehouse(company: str) -> str | None:
	names = frappe.get_all(
		"Warehouse",
		filters={"company": company, "is_group": 0},
		pluck="name",
		order_by="creation asc",
		limit=1,
	)
	return names[0] if names else None


def ensure_vat_template(company: str, rate: float = 20) -> str | None:
	"""A «НДС 20 % (в т.ч.)» template: VAT included in the price, as Russian shops price for people."""
	title = f"НДС {rate:g}% (в т.ч.)"
	if name := frappe.db.get_value("Sales Taxes and Charges Template", {"title": title, "company": company}):
		return name
	parent = frappe.db.get_value(
		"Account", {"company": company, "account_type": "Tax", "is_group": 1}, "name"
	) or frappe.db.get_value("Account", {"company": company, "account_type": "Tax"}, "parent_account")
	if not parent:
		return None
	account = frappe.db.get_value("Account", {"company": company, "account_name": f"НДС {rate:g}%"})
	if not account:
		account = (
			frappe.get_doc(
				{
					"doctype": "Account",
					"account_name": f"НДС {rate:g}%",
					"company": company,
					"parent_account": parent,
					"account_type": "Tax",
					"tax_rate": rate,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	template = frappe.get_doc(
		{
			"doctype": "Sales Taxes and Charges Template",
			"title": title,
			"company": company,
			"taxes": [
				{
					"charge_type": "On Net Total",
					"account_head": account,
					"description": f"НДС {rate:g}%",
					"rate": rate,
					"included_in_print_rate": 1,
				}
			],
		}
	)
	return template.insert(ignore_permissions=True).name
