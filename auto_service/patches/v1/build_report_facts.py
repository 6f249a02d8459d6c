"""The period reports read stored facts (Client Activity, Master Activity) from this version on: build them
from the site's repair orders, visits and invoices once; the app's document events keep them from then on."""

from auto_service.facts import rebuild_all


def execute():
	rebuild_all()
