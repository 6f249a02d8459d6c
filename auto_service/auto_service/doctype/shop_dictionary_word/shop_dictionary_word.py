# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt
"""A word the spell-check of mailings accepts: brands, makes, models, trade words."""

import re

import frappe
from frappe import _
from frappe.model.document import Document

from auto_service.messages import bold
from auto_service.messaging.spellcheck import clear_shop_words_cache

_WORD = re.compile(r"^[A-Za-zА-Яа-яЁё0-9]+(?:[-'’][A-Za-zА-Яа-яЁё0-9]+)*$")


class ShopDictionaryWord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		note: DF.Data | None
		word: DF.Data

	# end: auto-generated types
	def validate(self) -> None:
		self.word = (self.word or "").strip()
		if not _WORD.match(self.word) or len(self.word) > 60:
			frappe.throw(
				_("Enter one word (letters, digits, a hyphen): {0}").format(bold(self.word)),
				title=_("Shop dictionary"),
			)

	def on_update(self) -> None:
		clear_shop_words_cache()

	def on_trash(self) -> None:
		clear_shop_words_cache()
