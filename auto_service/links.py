"""Frappe's link check for a document with many lines, in two queries however many lines it has.

Frappe 15 checks every Link field of every row on its own (``BaseDocument.get_invalid_links``): one query
per row and field, and the linked DocType's meta unpickled from Redis for each, on every save and submit.
A repair order of 15 lines made 21 such queries on its save and 23 on its submit, a third of their time.
Frappe 16 reads the links in bulk (frappe/frappe#35872); ``validate_links`` is the same check for our own
documents on Frappe 15:

- the linked DocTypes' kinds (single, virtual, submittable, child table) in one query on DocType;
- every value of every row in one statement: per linked DocType a ``name IN (...)`` SELECT of the columns
  the fetch-from fields copy and, where a cancelled document may not be linked, its docstatus, the SELECTs
  joined by UNION ALL;
- then Frappe's own rules, row by row: the stored spelling of the name is kept, fetch-from fields are
  filled (``set_fetch_from_value``; on a submitted document only those allowed on submit), and the same
  messages and exceptions name what is missing or cancelled.

A value the bulk read did not return as typed (another case, or a spelling the database's collation
calls equal) is looked up on its own, as Frappe does. A Dynamic Link, or a link to a single or virtual
DocType, leaves the whole document to Frappe's own check. One difference is deliberate: a missing
document behind a link that has fetch-from fields is reported; Frappe 15 lets it pass (its lookup
returns nothing, and nothing is flagged).
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.model.docstatus import DocStatus
from frappe.model.document import Document
from frappe.model.utils.link_count import notify_link_count
from frappe.query_builder import DocType
from pypika.terms import NullValue, ValueWrapper

from auto_service.messages import esc


def validate_links(doc: Document) -> None:
	"""``Document._validate_links`` for ``doc`` and its rows, reading the links in bulk."""
	if doc.flags.ignore_links or doc._action == "cancel":
		return
	docs = [doc, *doc.get_all_children()]
	if any(d.meta.get("fields", {"fieldtype": "Dynamic Link"}) for d in docs):
		Document._validate_links(doc)
		return
	links = [(d, df) for d in docs for df in d.meta.get_link_fields() if d.get(df.fieldname)]
	if not links:
		return
	kinds = _kinds({df.options for _d, df in links})
	if any(not kind or kind.issingle or kind.is_virtual for kind in kinds.values()):
		Document._validate_links(doc)
		return

	submittable = doc.meta.is_submittable
	fetches = [_fields_to_fetch(d, df) for d, df in links]
	wanted: dict[str, set] = defaultdict(set)
	columns: dict[str, set] = defaultdict(set)
	for (d, df), fetch in zip(links, fetches, strict=True):
		wanted[df.options].add(d.get(df.fieldname))
		columns[df.options].update(fetch_df.fetch_from.split(".")[-1] for fetch_df in fetch)
		if submittable and kinds[df.options].is_submittable and df.fieldname != "amended_from":
			columns[df.options].add("docstatus")
	found = _read(wanted, columns)

	invalid, cancelled = [], []
	for (d, df), fetch in zip(links, fetches, strict=True):
		target, typed = df.options, d.get(df.fieldname)
		values = found[target].get(typed) or _read_one(target, typed, columns[target])
		if not values:
			invalid.append(_message(d, df, typed))
			continue
		if not df.get("is_virtual"):
			setattr(d, df.fieldname, values.name)
		for fetch_df in fetch:
			if d.is_new() or not d.docstatus.is_submitted() or fetch_df.allow_on_submit:
				_fetch(d, target, fetch_df, values)
		if not kinds[target].istable:
			notify_link_count(target, typed)
		if "docstatus" in values and df.fieldname != "amended_from":
			if DocStatus(values.docstatus or 0).is_cancelled():
				cancelled.append(_message(d, df, typed))

	if invalid:
		frappe.throw(_("Could not find {0}").format(", ".join(invalid)), frappe.LinkValidationError)
	if cancelled:
		frappe.throw(
			_("Cannot link cancelled document: {0}").format(", ".join(cancelled)), frappe.CancelledLinkError
		)


def _kinds(doctypes: set[str]) -> dict[str, frappe._dict | None]:
	table = DocType("DocType")
	rows = (
		frappe.qb.from_(table)
		.select(table.name, table.issingle, table.is_virtual, table.is_submittable, table.istable)
		.where(table.name.isin(sorted(doctypes)))
		.run(as_dict=True)
	)
	kinds = {row.name: row for row in rows}
	return {doctype: kinds.get(doctype) for doctype in doctypes}


def _fetch(d, target: str, fetch_df, values) -> None:
	"""``set_fetch_from_value``, which reads the source field's type from the linked DocType's meta to
	strip a Text Editor's HTML: a value with no tag and no entity is the same either way, and is set
	without that meta."""
	value = values[fetch_df.fetch_from.split(".")[-1]]
	if isinstance(value, str) and ("<" in value or "&" in value):
		d.set_fetch_from_value(target, fetch_df, values)
	else:
		setattr(d, fetch_df.fieldname, value)


def _fields_to_fetch(d, df) -> list:
	"""Frappe's rule: a fetch-if-empty field is filled only while it is empty."""
	return [
		fetch_df
		for fetch_df in d.meta.get_fields_to_fetch(df.fieldname)
		if not fetch_df.get("fetch_if_empty") or not d.get(fetch_df.fieldname)
	]


def _read(wanted: dict[str, set], columns: dict[str, set]) -> dict[str, dict]:
	"""Every linked document in one statement: a UNION ALL of one SELECT per linked DocType, each giving its
	columns a place of their own (NULL in the other SELECTs), so that each keeps its own type."""
	layout = [(target, column) for target in sorted(wanted) for column in sorted(columns[target])]
	selects = []
	for target in sorted(wanted):
		table = DocType(target)
		selects.append(
			frappe.qb.from_(table)
			.select(
				ValueWrapper(target).as_("_doctype"),
				table.name.as_("_name"),
				*(
					(table[column] if owner == target else NullValue()).as_(f"_{i}")
					for i, (owner, column) in enumerate(layout)
				),
			)
			.where(table.name.isin(sorted(wanted[target], key=str)))
		)
	query = selects[0]
	for select in selects[1:]:
		query = query * select  # UNION ALL
	found: dict[str, dict] = {target: {} for target in wanted}
	for row in query.run(as_list=True):
		target, name, *values = row
		found[target][name] = frappe._dict(
			{"name": name},
			**{column: values[i] for i, (owner, column) in enumerate(layout) if owner == target},
		)
	return found


def _read_one(doctype: str, name, columns: set[str]):
	"""The value as the database's collation finds it (``Abc`` for ``abc``), as Frappe looks it up."""
	return frappe.db.get_value(doctype, name, ["name", *sorted(columns)], as_dict=True)


def _message(d, df, name) -> str:
	"""Frappe's words for a link, with the value as typed escaped: the message is shown as HTML."""
	label = _(df.label, context=df.parent)
	if d.get("parentfield"):
		return "{} #{}: {}: {}".format(_("Row"), d.idx, label, esc(name))
	return f"{label}: {esc(name)}"
