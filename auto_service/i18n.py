"""Marking of translatable text in modules that never import frappe.

Pure modules cannot call ``frappe._``: they mark their English messages with :func:`N_` (the gettext
"no-op" convention) and raise :class:`RuleError` carrying the message and its arguments. The Frappe
layer translates the message with ``_()`` and formats it, so the Russian text lives in one place
(``translations/ru.csv``) and the translation-completeness test finds every ``N_("...")`` string.
"""


def N_(message: str) -> str:
	"""Mark ``message`` for translation without translating it here."""
	return message


class RuleError(ValueError):
	"""A business rule refused a value. ``message`` is English with ``{0}``-style placeholders."""

	def __init__(self, message: str, *args: object) -> None:
		super().__init__(message.format(*args))
		self.message = message
		self.args_for_message = args
