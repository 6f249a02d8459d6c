"""Safe pieces of HTML for the messages the app shows (``frappe.throw`` and ``msgprint`` render HTML).

Every value that staff or a client typed — names, plates, notes — and every document name (a Customer is
named after the client) is escaped here before it becomes markup. ``frappe.utils.get_link_to_form`` and
``frappe.bold`` put their arguments into HTML as they are: the app never calls them with such values.
"""

import html
import re

from frappe.utils import escape_html
from frappe.utils.data import get_url_to_form


def esc(value: object) -> str:
	"""``value`` as text that shows as typed inside HTML (quotes included)."""
	return escape_html(str(value if value is not None else ""))


def bold(value: object) -> str:
	return f"<strong>{esc(value)}</strong>"


def link(doctype: str, name: str, label: object | None = None) -> str:
	"""A link to a document's form whose address and label are both escaped."""
	url = get_url_to_form(doctype, str(name))
	return f'<a href="{esc(url)}">{esc(label if label not in (None, "") else name)}</a>'


_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


def as_typed(value: str | None) -> str | None:
	"""What a user typed into a text field, from what Frappe stored, to be escaped once where it becomes
	HTML. Frappe cleans a value that holds markup when it saves it (``sanitize_html``: ``&`` becomes
	``&amp;``, a tag it does not allow ``&lt;script&gt;``, the tags it allows stay), so such a stored value
	is HTML source; shown through ``esc``/``escape_html`` as it is, «масла & фильтра <b>» would read
	«масла &amp; фильтра <b>». Its entities are read back as the characters they stand for."""
	if not value or "&" not in value or not _ENTITY.search(value):
		return value
	return html.unescape(value)
