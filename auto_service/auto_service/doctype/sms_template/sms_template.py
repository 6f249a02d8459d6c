# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt
"""An SMS text with Jinja placeholders, used by mailings and service notices."""

import frappe
from frappe import _
from frappe.model.document import Document

from auto_service.i18n import RuleError
from auto_service.messaging import templates
from auto_service.sms_text import check_sms_text


class SMSTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		encoding: DF.Data | None
		kind: DF.Literal["Service", "Advertising"]
		parts: DF.Int
		template_name: DF.Data
		text: DF.SmallText

	# end: auto-generated types
	def validate(self) -> None:
		try:
			length = check_sms_text(self.text)
		except RuleError as error:
			frappe.throw(_(error.message).format(*error.args_for_message), title=_("SMS text"))
		templates.compile_text(self.text, _("Text"))
		self.encoding, self.parts = length.encoding, length.parts
