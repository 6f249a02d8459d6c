"""Row-level rights of a master (mechanic): their own visits and orders, the cars and acts of those — not
the client base.

A user whose only shop role is Master (no Service Advisor, manager, accounts or system role) sees:
- Master Schedule Slot: the visits booked with them;
- Repair Order: the orders where they do a work, or that come from their visit;
- Acceptance Act: the acts of those orders;
- Customer Vehicle: the cars of those visits and orders.
Customer and Contact are not readable at all for the Master role (see setup/permissions.py). The list
conditions (``permission_query_conditions``) and the single-document check (``has_permission``) say the
same thing; names in the SQL are escaped by the database layer, never formatted in as typed.
"""

import frappe

from auto_service.setup.permissions import MASTER

# Roles that see the whole shop: with any of them, the master limits do not apply.
WIDE_ROLES = {
	"Service Advisor",
	"Auto Service Manager",
	"System Manager",
	"Accounts User",
	"Accounts Manager",
	"Administrator",
}


def limited_master(user: str | None = None) -> str | None:
	"""The Employee of ``user`` when their rights are a master's only; ``""`` for a master with no
	Employee record (sees nothing); ``None`` when the user is not limited."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	roles = set(frappe.get_roles(user))
	if MASTER not in roles or roles & WIDE_ROLES:
		return None
	return frappe.db.get_value("Employee", {"user_id": user, "status": "Active"}, "name") or ""


def _orders_sql(employee: str) -> str:
	master = frappe.db.escape(employee)
	return (
		"(select w.parent from `tabRepair Order Work` w where w.parenttype = 'Repair Order' "
		f"and w.master = {master}) union (select s.repair_order from `tabMaster Schedule Slot` s "
		f"where s.master = {master} and s.repair_order is not null)"
	)


def slot_conditions(user: str | None = None) -> str:
	employee = limited_master(user)
	if employee is None:
		return ""
	return f"`tabMaster Schedule Slot`.master = {frappe.db.escape(employee)}"


def repair_order_conditions(user: str | None = None) -> str:
	employee = limited_master(user)
	if employee is None:
		return ""
	return f"`tabRepair Order`.name in ({_orders_sql(employee)})"


def acceptance_act_conditions(user: str | None = None) -> str:
	employee = limited_master(user)
	if employee is None:
		return ""
	return f"`tabAcceptance Act`.repair_order in ({_orders_sql(employee)})"


def vehicle_conditions(user: str | None = None) -> str:
	employee = limited_master(user)
	if employee is None:
		return ""
	master = frappe.db.escape(employee)
	return (
		"`tabCustomer Vehicle`.name in ("
		f"(select s.vehicle from `tabMaster Schedule Slot` s where s.master = {master}) union "
		f"(select o.vehicle from `tabRepair Order` o where o.name in ({_orders_sql(employee)})))"
	)


def master_orders(employee: str) -> set[str]:
	works = frappe.get_all(
		"Repair Order Work", filters={"parenttype": "Repair Order", "master": employee}, pluck="parent"
	)
	visits = frappe.get_all(
		"Master Schedule Slot",
		filters={"master": employee, "repair_order": ("is", "set")},
		pluck="repair_order",
	)
	return set(works) | set(visits)


def has_slot_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	employee = limited_master(user)
	if employee is None or doc.is_new():
		return None
	return bool(employee) and doc.master == employee


def has_repair_order_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	employee = limited_master(user)
	if employee is None or doc.is_new():
		return None
	return bool(employee) and doc.name in master_orders(employee)


def has_acceptance_act_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	employee = limited_master(user)
	if employee is None or doc.is_new():
		return None
	return bool(employee) and bool(doc.repair_order) and doc.repair_order in master_orders(employee)


def has_vehicle_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	employee = limited_master(user)
	if employee is None or doc.is_new():
		return None
	if not employee:
		return False
	if frappe.db.exists("Master Schedule Slot", {"master": employee, "vehicle": doc.name}):
		return True
	orders = master_orders(employee)
	return bool(orders) and bool(
		frappe.db.exists("Repair Order", {"name": ("in", list(orders)), "vehicle": doc.name})
	)
