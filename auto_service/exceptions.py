"""Named errors of the app, and the bridge that turns a pure rule's refusal into a translated one."""

import frappe
from frappe import _

from auto_service.i18n import RuleError
from auto_service.messages import esc


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
	err: RuleError,
	exc: type[Exception] = frappe.ValidationError,
	title: str | None = None,
	args_context: str | None = None,
) -> None:
	"""Translate a pure module's refusal and raise it as ``exc`` (rolls nothing back by itself).

	The arguments are values (a typed plate, a status): escaped, since the message is shown as HTML, and
	translated too when they are the app's own words of a DocType (``args_context``, e.g. statuses of
	"Repair Order")."""
	args = [
		_(a, context=args_context) if args_context and isinstance(a, str) else a for a in err.args_for_message
	]
	frappe.throw(_(err.message).format(*(esc(a) for a in args)), exc=exc, title=title or _("Invalid value"))


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


class LinkedDocumentError(frappe.ValidationError):
	"""A link between documents that does not hold: another client's visit, act, order or invoice."""


class ServerFieldError(frappe.ValidationError):
	pass
