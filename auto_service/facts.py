"""Stored facts for the period reports, so that a year of a busy shop is read as narrow rows of one table
instead of regrouping every order, visit, invoice and work line on each run.

- **Client Activity**: one row per client, company and day on which the client came (a repair order that is
  not cancelled, or a visit that took place), had submitted repair orders, or was invoiced (net of credit
  notes, which count on the day of the invoice they return), with the client's lead source and first visit
  copied on, and the client's previous visit before that day. With the previous visit a period counts each
  client once without DISTINCT: on the first day they came in it (the previous visit is before the period).
- **Master Activity**: one row per master, client, company and day with submitted repair orders that have
  the master's work lines: orders, norm hours, the amount of those lines on invoiced orders, comebacks (lines
  whose work was repeated on the same car within the warranty days of the settings), and the previous and
  next day on which that client had an order with that master (retention without DISTINCT either).

The rows are *derived*: ``rebuild`` computes them from the documents with set-based statements, for some
clients or for all. Document events only mark a client as changed (``mark``); the marked clients are rebuilt
once, just before the transaction commits, or earlier when a report reads in the same transaction
(``flush``). The same statements serve the events, the migration patch, the generated scale data and the
nightly check: one definition of each fact, the one written in ``auto_service.metrics`` and the README.

Rebuilds read with plain SELECTs (no locks on the documents, so no deadlock with the transactions that
change them) and run one at a time under a named lock taken before their first read, in their own
transaction right after the documents' commit: when two transactions change one client's documents at once,
the later rebuild sees both.
"""

from contextlib import contextmanager

import frappe
from frappe.utils import cint

from auto_service.bulk import insert_values
from auto_service.metrics import ARRIVED_STATUSES, DEFAULT_WARRANTY_DAYS

CLIENTS = "tabClient Activity"
MASTERS = "tabMaster Activity"
_PENDING = "auto_service_facts_pending"
LOCK_NAME = "auto_service:facts"
LOCK_SECONDS = 30
_ALL = {"ro": "", "slot": "", "si": "", "orig": "", "cars": ""}
_SOME = {
	"ro": "and ro.customer in %(customers)s",
	"slot": "and slot.customer in %(customers)s",
	"si": "and si.customer in %(customers)s",
	"orig": "and orig.customer in %(customers)s",
	# a comeback is found on the car's later order, whoever's it is: the window sees all orders of the cars
	"cars": "and ro.vehicle in (select own.vehicle from `tabRepair Order` own where own.customer in %(customers)s)",
}

# One event per row of what a client did; `came`, `orders`, `revenue`, `parts_cost` are summed per day.
_CLIENT_EVENTS = """\
	select ro.customer, ro.company, ro.posting_date as day,
		1 as came, if(ro.docstatus = 1, 1, 0) as orders, 0 as revenue, 0 as parts_cost
	from `tabRepair Order` ro
	where ro.docstatus < 2 and ifnull(ro.customer, '') != '' {ro}
	union all
	select slot.customer, emp.company, date(slot.starts_on), 1, 0, 0, 0
	from `tabMaster Schedule Slot` slot join `tabEmployee` emp on emp.name = slot.master
	where slot.status in %(arrived)s and ifnull(slot.customer, '') != '' {slot}
	union all
	select si.customer, si.company, si.posting_date, 0, 0, si.base_net_total, 0
	from `tabSales Invoice` si
	where si.docstatus = 1 and si.is_return = 0 and ifnull(si.as_repair_order, '') != '' {si}
	union all
	select si.customer, si.company, si.posting_date, 0, 0, 0, -sle.stock_value_difference
	from `tabSales Invoice` si
	join `tabStock Ledger Entry` sle
		on sle.voucher_no = si.name and sle.voucher_type = 'Sales Invoice' and sle.is_cancelled = 0
	where si.docstatus = 1 and si.is_return = 0 and ifnull(si.as_repair_order, '') != '' {si}
	union all
	select orig.customer, orig.company, orig.posting_date, 0, 0, ret.base_net_total, 0
	from `tabSales Invoice` orig join `tabSales Invoice` ret on ret.return_against = orig.name
	where ret.docstatus = 1 and ret.is_return = 1 and orig.docstatus = 1
		and ifnull(orig.as_repair_order, '') != '' {orig}
	union all
	select orig.customer, orig.company, orig.posting_date, 0, 0, 0, -sle.stock_value_difference
	from `tabSales Invoice` orig join `tabSales Invoice` ret on ret.return_against = orig.name
	join `tabStock Ledger Entry` sle
		on sle.voucher_no = ret.name and sle.voucher_type = 'Sales Invoice' and sle.is_cancelled = 0
	where ret.docstatus = 1 and ret.is_return = 1 and orig.docstatus = 1
		and ifnull(orig.as_repair_order, '') != '' {orig}
"""

# the standard columns of a frappe row, and their values for a row the app writes
STANDARD_COLUMNS = ("name", "creation", "modified", "modified_by", "owner", "docstatus", "idx")
_STANDARD = "now(6), now(6), 'Administrator', 'Administrator', 0, 0"

# The row's name starts with its day, so a period is one range of the table's clustered index.
CLIENT_FACTS = (
	"customer",
	"company",
	"day",
	"month",
	"lead_source",
	"first_visit",
	"previous_visit",
	"came",
	"orders",
	"revenue",
	"parts_cost",
)
_SELECT_CLIENTS = f"""
	select concat(date_format(d.day, '%%Y%%m%%d'), '-', left(md5(concat(d.customer, '|', d.company)), 12)),
		{_STANDARD},
		d.customer, d.company, d.day, date_format(d.day, '%%Y-%%m-01'), cust.as_lead_source,
		min(if(d.came = 1, d.day, null)) over (partition by d.customer, d.company),
		max(if(d.came = 1, d.day, null)) over (
			partition by d.customer, d.company order by d.day rows between unbounded preceding and 1 preceding
		),
		d.came, d.orders, d.revenue, d.parts_cost
	from (
		select e.customer, e.company, e.day, max(e.came) as came, sum(e.orders) as orders,
			round(sum(e.revenue), 2) as revenue, round(sum(e.parts_cost), 2) as parts_cost
		from ({_CLIENT_EVENTS}) e
		where e.day is not null and ifnull(e.company, '') != ''
		group by e.customer, e.company, e.day
	) d
	join `tabCustomer` cust on cust.name = d.customer
"""

# Work lines of submitted orders with a master, each with the next *other* order of the same work on the
# same car (``metrics.comebacks``): the window runs over one row per order and work item, so a work item
# twice in one order does not hide the car's next order.
MASTER_FACTS = (
	"master",
	"customer",
	"company",
	"day",
	"orders",
	"hours",
	"works_invoiced",
	"comebacks",
	"previous_day",
	"next_day",
)
_SELECT_MASTERS = f"""
	select concat(date_format(m.day, '%%Y%%m%%d'), '-',
			left(md5(concat(m.master, '|', m.customer, '|', m.company)), 12)),
		{_STANDARD},
		m.master, m.customer, m.company, m.day, m.orders, m.hours, m.works_invoiced, m.comebacks,
		lag(m.day) over (partition by m.master, m.customer, m.company order by m.day),
		lead(m.day) over (partition by m.master, m.customer, m.company order by m.day)
	from (
		select ro.customer, ro.company, ro.posting_date as day, w.master,
			count(distinct ro.name) as orders, sum(w.hours) as hours,
			round(sum(if(ro.payment_status != 'Not Invoiced', w.amount, 0)), 2) as works_invoiced,
			sum(ifnull(datediff(n.next_day, n.day) <= %(warranty)s, 0)) as comebacks
		from `tabRepair Order` ro
		join `tabRepair Order Work` w on w.parent = ro.name and w.parenttype = 'Repair Order'
		join (
			select x.order_name, x.item_code, x.day,
				lead(x.day) over (partition by x.vehicle, x.item_code order by x.day, x.order_name) as next_day
			from (
				select ro.name as order_name, ro.vehicle, w.item_code, ro.posting_date as day
				from `tabRepair Order` ro
				join `tabRepair Order Work` w on w.parent = ro.name and w.parenttype = 'Repair Order'
				where ro.docstatus = 1 and ifnull(w.master, '') != '' {{cars}}
				group by ro.name, ro.vehicle, w.item_code, ro.posting_date
			) x
		) n on n.order_name = ro.name and n.item_code = w.item_code
		where ro.docstatus = 1 and ifnull(w.master, '') != '' and ifnull(ro.customer, '') != '' {{ro}}
		group by ro.customer, ro.company, ro.posting_date, w.master
	) m
"""


def warranty_days() -> int:
	"""Days within which a repeat of the same work on the same car is a comeback (Auto Service Settings)."""
	value = frappe.db.get_single_value("Auto Service Settings", "warranty_days")
	return cint(value) if value not in (None, "", 0) else DEFAULT_WARRANTY_DAYS


def rebuild(customers: list[str] | set[str] | None = None) -> int:
	"""Recompute the facts of ``customers`` (all clients when None) from the documents; returns the number
	of client rows written. Rows of clients that no longer exist or did nothing are removed.

	The facts are read with plain (consistent, non-locking) SELECTs and written as values: a rebuild takes
	no lock on the documents, so it can never deadlock with the transactions that change them."""
	values: dict = {"arrived": tuple(ARRIVED_STATUSES), "warranty": warranty_days()}
	if customers is None:
		only, where = _ALL, ""
	else:
		customers = sorted({c for c in customers if c})
		if not customers:
			return 0
		values["customers"] = tuple(customers)
		only, where = _SOME, "where customer in %(customers)s"
	clients = frappe.db.sql(_SELECT_CLIENTS.format(**only), values)
	masters = frappe.db.sql(_SELECT_MASTERS.format(**only), values)
	for table, columns, rows in ((CLIENTS, CLIENT_FACTS, clients), (MASTERS, MASTER_FACTS, masters)):
		frappe.db.sql(f"delete from `{table}` {where}", values)
		insert_values(table, STANDARD_COLUMNS + columns, rows)
	return len(clients)


def rebuild_all(batch: int = 5000) -> int:
	"""Every client's facts, a batch of clients per transaction (migration, scale data, the nightly check,
	a change of the warranty days)."""
	names = frappe.db.sql_list("select name from `tabCustomer` order by name")
	for table in (CLIENTS, MASTERS):
		frappe.db.sql(
			f"delete from `{table}` where customer is null or customer not in (select name from `tabCustomer`)"
		)
	written = 0
	for i in range(0, len(names), batch):
		with _facts_lock():
			written += rebuild(names[i : i + batch])
			frappe.db.commit()  # nosemgrep: a long rebuild is committed per batch
	return written


def nightly():
	"""Scheduler (daily_long): rebuild every client's facts. The events keep them right; this puts back
	anything changed behind the app's back (SQL patches, restored backups, a master moved to another
	company)."""
	rebuild_all()


# ---------------------------------------------------------------------------------------- events


def mark(*customers: str | None) -> None:
	"""Note clients whose facts changed. They are rebuilt once, right after this transaction commits, in a
	transaction of their own; a report that reads before that (in this same transaction) rebuilds them
	first (``flush``). A rollback forgets them."""
	customers = [c for c in customers if c]
	if not customers:
		return
	pending = getattr(frappe.local, _PENDING, None)
	if pending is None:
		pending = set()
		setattr(frappe.local, _PENDING, pending)
		frappe.db.after_commit.add(_after_commit)
		frappe.db.after_rollback.add(_forget)
	pending.update(customers)


def flush() -> None:
	"""Rebuild the clients marked in this transaction now (reports call it to read their own writes)."""
	pending = _take()
	if pending:
		with _facts_lock():
			rebuild(pending)


def _after_commit() -> None:
	pending = _take()
	if not pending:
		return
	try:
		# the lock comes before the first read: this rebuild sees every transaction committed before it
		# and one committed later rebuilds after it
		with _facts_lock():
			rebuild(pending)
			frappe.db.commit()  # nosemgrep: the facts' own transaction, after the documents' commit
	except Exception:
		frappe.db.rollback()
		frappe.log_error(title="auto_service: report facts not rebuilt (the nightly rebuild will)")
		frappe.db.commit()  # nosemgrep: keep the error log


def _take() -> set | None:
	pending = getattr(frappe.local, _PENDING, None)
	_forget()
	return pending


def _forget() -> None:
	setattr(frappe.local, _PENDING, None)


@contextmanager
def _facts_lock(seconds: int = LOCK_SECONDS):
	"""One MariaDB named lock for rebuilding facts: rebuilds of the site run one at a time."""
	if not frappe.db.sql("select get_lock(%s, %s)", (LOCK_NAME, seconds))[0][0]:
		raise frappe.QueryTimeoutError("auto_service: the report facts are being rebuilt by someone else")
	try:
		yield
	finally:
		frappe.db.sql("select release_lock(%s)", (LOCK_NAME,))


def _before(doc, field: str):
	before = doc.get_doc_before_save()
	return before.get(field) if before else None


def on_visit_or_order(doc, method=None):
	"""Repair Order and Master Schedule Slot: any save, submit, cancel or delete."""
	mark(doc.get("customer"), _before(doc, "customer"))
	if doc.doctype == "Repair Order" and doc.get("vehicle") and doc.docstatus != 0:
		# the car's earlier orders may be another client's: their masters' comebacks change when this one is
		# submitted or cancelled (a draft is in no master's facts)
		mark(
			*frappe.get_all("Repair Order", filters={"vehicle": doc.vehicle}, pluck="customer", distinct=True)
		)


def on_invoice(doc, method=None):
	"""Sales Invoice submit or cancel: an invoice of a repair order, or a credit note of one."""
	if doc.get("as_repair_order"):
		mark(doc.customer)
	elif doc.get("is_return") and doc.get("return_against"):
		original = frappe.db.get_value(
			"Sales Invoice", doc.return_against, ["as_repair_order", "customer"], as_dict=True
		)
		if original and original.as_repair_order:
			mark(doc.customer, original.customer)


def on_customer_update(doc, method=None):
	"""The lead source is copied onto the client's rows: follow its changes."""
	before = doc.get_doc_before_save()
	if before and before.get("as_lead_source") != doc.get("as_lead_source"):
		frappe.db.sql(
			f"update `{CLIENTS}` set lead_source = %s where customer = %s",
			(doc.get("as_lead_source"), doc.name),
		)


def on_customer_rename(doc, method=None, old=None, new=None, merge=False):
	"""Frappe moves the links on rename; a merge joins two histories, so the facts are recomputed."""
	mark(new or doc.name)


def on_customer_trash(doc, method=None):
	"""A deleted client takes their facts along (the rows do not keep frappe from deleting: hooks.py)."""
	for table in (CLIENTS, MASTERS):
		frappe.db.sql(f"delete from `{table}` where customer = %s", doc.name)


def on_employee_trash(doc, method=None):
	frappe.db.sql(f"delete from `{MASTERS}` where master = %s", doc.name)


def on_settings_update(doc, method=None):
	"""A new warranty period changes what counts as a comeback: rebuild in the background."""
	before = doc.get_doc_before_save()
	if before and cint(before.get("warranty_days")) != cint(doc.get("warranty_days")):
		frappe.enqueue(
			"auto_service.facts.rebuild_all",
			queue="long",
			job_id="auto_service.facts.rebuild_all",
			deduplicate=True,
			enqueue_after_commit=True,
		)
