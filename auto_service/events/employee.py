"""Employee hooks: a master's own working hours must make sense before the schedule relies on them."""

from auto_service.auto_service.doctype.auto_service_settings.auto_service_settings import validate_hours


def validate(doc, method: str | None = None) -> None:
	if doc.get("as_working_hours"):
		validate_hours(doc.as_working_hours)
