"""Safe pieces of HTML for the messages the app shows (``frappe.throw`` and ``msgprint`` render HTML).

Every value that staff or a client typed — names, plates, notes — and every document name (a Customer is
named after the client) is escaped here before it becomes markup. ``frappe.utils.get_link_to_form`` and
``frappe.bold`` put their arguments into HTML as they are: the app never calls them with such values.
"""

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
