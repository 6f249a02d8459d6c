"""Role permissions this app gives on Frappe/ERPNext DocTypes (our own DocTypes carry theirs in JSON)."""

SERVICE_ADVISOR = "Service Advisor"
MASTER = "Master"
MANAGER = "Auto Service Manager"
ROLES = (SERVICE_ADVISOR, MASTER, MANAGER)

_READ = ("read", "report", "print")
_EDIT = ("read", "write", "create", "report", "print", "email", "share")
_ALL = (*_EDIT, "delete", "export")

# doctype -> role -> rights at permlevel 0
STANDARD_DOCTYPE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
	"Customer": {SERVICE_ADVISOR: _EDIT, MASTER: _READ, MANAGER: _ALL},
	"Contact": {SERVICE_ADVISOR: _EDIT, MASTER: _READ, MANAGER: _ALL},
	"Address": {SERVICE_ADVISOR: _EDIT, MASTER: _READ, MANAGER: _ALL},
	"Lead Source": {SERVICE_ADVISOR: _READ, MASTER: _READ, MANAGER: _ALL},
	"Customer Group": {SERVICE_ADVISOR: _READ, MASTER: _READ, MANAGER: _READ},
	"Territory": {SERVICE_ADVISOR: _READ, MASTER: _READ, MANAGER: _READ},
	"Employee": {SERVICE_ADVISOR: ("read",), MASTER: ("read",), MANAGER: ("read", "report")},
}
