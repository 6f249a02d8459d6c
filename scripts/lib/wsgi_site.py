"""WSGI entry for serving one bench site on loopback with gunicorn, static files included.

Used by scripts/test.sh (print-to-PDF and browser tests) and scripts/setup.sh. ``frappe.app.application``
alone serves no /assets (nginx does in production) and picks the site from the Host header; this wraps it
the way ``bench serve --site`` does, without binding every interface:

    AUTO_SERVICE_SERVE_SITE=test.localhost gunicorn -b 127.0.0.1:8123 --chdir sites \
        --pythonpath <this folder> wsgi_site:application
"""

import os

import frappe.app

if os.environ.get("AUTO_SERVICE_SERVE_SITE"):
	frappe.app._site = os.environ["AUTO_SERVICE_SERVE_SITE"]

application = frappe.app.application_with_statics()
