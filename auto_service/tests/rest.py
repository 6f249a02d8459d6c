"""The REST API's own code paths, called in-process as a logged-in user would reach them over HTTP.

``/api/resource/<doctype>`` POST and PUT go through ``frappe.api.v1.create_doc``/``update_doc`` (the
request body is the JSON of the fields); ``/api/method/<path>`` through ``frappe.handler.execute_cmd``
with the arguments as the request sends them (strings). Tests use these, not the controllers, so that
what they prove holds for a client that skips the desk.
"""

import json

import frappe
import frappe.api.v1
import frappe.handler


def _with_form(form: dict, call):
	saved = frappe.local.form_dict
	frappe.local.form_dict = frappe._dict(form)
	try:
		return call()
	finally:
		frappe.local.form_dict = saved


def post_resource(doctype: str, data: dict):
	"""``POST /api/resource/<doctype>`` with ``data`` as the body."""
	return _with_form({"data": json.dumps(data, default=str)}, lambda: frappe.api.v1.create_doc(doctype))


def put_resource(doctype: str, name: str, data: dict):
	"""``PUT /api/resource/<doctype>/<name>`` with ``data`` as the body."""
	return _with_form(
		{"data": json.dumps(data, default=str)}, lambda: frappe.api.v1.update_doc(doctype, name)
	)


def call_method(path: str, http_method: str = "POST", **kwargs):
	"""``POST /api/method/<path>``: arguments as the request carries them (type checks included)."""
	saved = getattr(frappe.local, "request", None)
	frappe.local.request = frappe._dict(method=http_method)
	try:
		return _with_form({"cmd": path, **kwargs}, lambda: frappe.handler.execute_cmd(path))
	finally:
		frappe.local.request = saved


def http_status(exc: BaseException) -> int:
	"""The status frappe's request handler answers with for ``exc``."""
	return getattr(exc, "http_status_code", 500)
