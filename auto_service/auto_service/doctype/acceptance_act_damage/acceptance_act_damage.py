# Copyright (c) 2026, auto_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class AcceptanceActDamage(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		damage_type: DF.Literal["Scratch", "Dent", "Chip", "Crack", "Rust", "Missing part", "Other"]
		note: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		photo: DF.AttachImage | None
		zone: DF.Literal[
			"Front bumper",
			"Rear bumper",
			"Hood",
			"Roof",
			"Trunk lid",
			"Windscreen",
			"Rear window",
			"Front left wing",
			"Front right wing",
			"Rear left wing",
			"Rear right wing",
			"Front left door",
			"Front right door",
			"Rear left door",
			"Rear right door",
			"Left sill",
			"Right sill",
			"Left mirror",
			"Right mirror",
			"Headlights",
			"Tail lights",
			"Front left wheel",
			"Front right wheel",
			"Rear left wheel",
			"Rear right wheel",
			"Interior",
			"Other",
		]
	# end: auto-generated types
	pass
