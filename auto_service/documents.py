"""Fields a document's controller owns: kept as the server has them, whatever a client sends.

Frappe checks at update-after-submit only the fields that are not ``allow_on_submit``; a field the app
computes must be ``allow_on_submit`` (the server updates it after submit), so the controller restores it
from the database copy itself. These helpers are how every controller of the app does that.
"""

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields

from auto_service.exceptions import ServerFieldError


def keep_fields(doc, before, fields: tuple[str, ...]) -> None:
	"""Set ``fields`` of ``doc`` back to their values in ``before`` (the database copy)."""
	for field in fields:
		doc.set(field, before.get(field))


def restore_unchanged(doc) -> None:
	"""Before a cancel: every field as the database has it. A cancel sent as a save (``docstatus: 2``
	with other values) must not change anything else on the way, and frappe does not check that."""
	before = doc.get_doc_before_save()
	if not before:
		return
	for df in doc.meta.fields:
		if df.fieldtype in no_value_fields and df.fieldtype not in table_fields:
			continue
		if df.fieldtype in table_fields:
			doc.set(df.fieldname, [row.as_dict() for row in before.get(df.fieldname)])
		else:
			doc.set(df.fieldname, before.get(df.fieldname))


def ensure_required(doc, fields: tuple[str, ...]) -> None:
	"""Mandatory links checked before the controller reads them (frappe's own check runs after
	``validate``, so a missing client or car would otherwise end in a traceback)."""
	missing = [_(doc.meta.get_label(field)) for field in fields if not doc.get(field)]
	if missing:
		frappe.throw(
			_("Fill in: {0}.").format(", ".join(missing)),
			exc=frappe.MandatoryError,
			title=_("Missing values"),
		)


def refuse_change(doc, before, fields: tuple[str, ...]) -> None:
	"""Refuse (rather than ignore) a change of ``fields``: for links a user could expect to move."""
	for field in fields:
		if before and (doc.get(field) or None) != (before.get(field) or None):
			frappe.throw(
				_("{0} cannot be changed here.").format(_(doc.meta.get_label(field))),
				exc=ServerFieldError,
			)
