"""Role permissions this app gives on Frappe/ERPNext DocTypes (our own DocTypes carry theirs in JSON)."""

SERVICE_ADVISOR = "Service Advisor"
MASTER = "Master"
MANAGER = "Auto Service Manager"
ROLES = (SERVICE_ADVISOR, MASTER, MANAGER)

_READ = ("read", "report", "print")
_EDIT = ("read", "write", "create", "report", "print", "email", "share")
_ALL = (*_EDIT, "delete", "export")
_BILL = (*_EDIT, "submit", "cancel", "amend")

# doctype -> role -> rights at permlevel 0
STANDARD_DOCTYPE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
	# a master (mechanic) needs their visits, orders, cars and complaints — not the client base
	"Customer": {SERVICE_ADVISOR: _EDIT, MANAGER: _ALL},
	"Contact": {SERVICE_ADVISOR: _EDIT, MANAGER: _ALL},
	"Address": {SERVICE_ADVISOR: _EDIT, MANAGER: _ALL},
	"Lead Source": {SERVICE_ADVISOR: _READ, MANAGER: _ALL},
	"Customer Group": {SERVICE_ADVISOR: _READ, MANAGER: _READ},
	"Territory": {SERVICE_ADVISOR: _READ, MANAGER: _READ},
	"Employee": {SERVICE_ADVISOR: ("read",), MASTER: ("read",), MANAGER: ("read", "report")},
	# repair orders: works and parts, prices, stock, taxes
	"Item": {SERVICE_ADVISOR: _READ, MASTER: _READ, MANAGER: _READ},
	"Item Price": {SERVICE_ADVISOR: _READ, MANAGER: _READ},
	"Price List": {SERVICE_ADVISOR: _READ, MANAGER: _READ},
	"UOM": {SERVICE_ADVISOR: _READ, MASTER: _READ, MANAGER: _READ},
	"Warehouse": {SERVICE_ADVISOR: _READ, MASTER: _READ, MANAGER: _READ},
	"Bin": {SERVICE_ADVISOR: _READ, MASTER: _READ, MANAGER: _READ},
	"Company": {SERVICE_ADVISOR: ("read",), MASTER: ("read",), MANAGER: ("read",)},
	"Sales Taxes and Charges Template": {SERVICE_ADVISOR: _READ, MANAGER: _READ},
	# the advisor drafts the invoice, the accountant (Accounts User) submits it; the manager may do both
	"Sales Invoice": {SERVICE_ADVISOR: _EDIT, MANAGER: _BILL},
	# «Принять оплату»: the manager takes payments like an Accounts User (create, submit, cancel)
	"Payment Entry": {SERVICE_ADVISOR: _READ, MANAGER: _BILL},
	"Account": {MANAGER: _READ},  # a payment reads the balance of its cash or bank account
}
