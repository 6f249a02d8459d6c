"""Rows written in bulk, past the controllers: the reports' stored facts (``facts``), the generated scale
data (``demo.scale``) and the benchmarks' data. Multi-row INSERTs with parameters; frappe's ``bulk_insert``
copies its query builder per row (quadratic), far too slow for hundreds of thousands of rows. Table and
column names come from the callers' own constants, never from a request."""

import frappe
from frappe.utils import now_datetime


def insert_values(table: str, columns: tuple[str, ...] | list[str], rows, chunk: int = 1000) -> None:
	"""Insert ``rows`` (sequences of values in the order of ``columns``) into ``table``."""
	head = f"insert into `{table}` ({', '.join(f'`{c}`' for c in columns)}) values "
	one = "(" + ", ".join(["%s"] * len(columns)) + ")"
	for i in range(0, len(rows), chunk):
		part = rows[i : i + chunk]
		frappe.db.sql(head + ", ".join([one] * len(part)), [value for row in part for value in row])


def insert_dicts(doctype: str, rows: list[dict], chunk: int = 2000) -> None:
	"""Insert plain rows of ``doctype`` (dicts; the keys of the first rows are the columns) with the
	standard columns filled: now, Administrator, draft."""
	if not rows:
		return
	now = now_datetime()
	base = {"creation": now, "modified": now, "owner": "Administrator", "modified_by": "Administrator"}
	fields = list(dict.fromkeys([*base, "docstatus", *(k for row in rows[:50] for k in row)]))
	values = [tuple({"docstatus": 0, **base, **row}.get(f) for f in fields) for row in rows]
	insert_values(f"tab{doctype}", fields, values, chunk)
