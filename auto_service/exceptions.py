"""Named errors of the app, and the bridge that turns a pure rule's refusal into a translated one."""

import frappe
from frappe import _

from auto_service.i18n import RuleError


class InvalidPlateError(frappe.ValidationError):
	pass


class DuplicatePlateError(frappe.ValidationError):
	pass


class InvalidVinError(frappe.ValidationError):
	pass


class DuplicateVinError(frappe.ValidationError):
	pass


class InvalidPhoneError(frappe.ValidationError):
	pass


class DuplicatePhoneError(frappe.ValidationError):
	pass


class ConsentError(frappe.ValidationError):
	pass


def throw_rule(
	err: RuleError, exc: type[Exception] = frappe.ValidationError, title: str | None = None
) -> None:
	"""Translate a pure module's refusal and raise it as ``exc`` (rolls nothing back by itself)."""
	frappe.throw(_(err.message).format(*err.args_for_message), exc=exc, title=title or _("Invalid value"))


class MileageError(frappe.ValidationError):
	pass


class StatusTransitionError(frappe.ValidationError):
	pass


class RepairOrderLinesError(frappe.ValidationError):
	pass


class InvoiceExistsError(frappe.ValidationError):
	pass


class SlotTimeError(frappe.ValidationError):
	pass


class SlotInPastError(frappe.ValidationError):
	pass


class MasterOffDutyError(frappe.ValidationError):
	pass


class SlotOverlapError(frappe.ValidationError):
	pass


class MasterSkillError(frappe.ValidationError):
	pass
