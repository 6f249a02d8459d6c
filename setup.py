import re
from pathlib import Path

from setuptools import find_namespace_packages, setup

# read, not imported: a PEP 517 build does not put the project folder on sys.path
version = re.search(
	r'__version__ = "([^"]+)"', (Path(__file__).parent / "auto_service" / "__init__.py").read_text()
).group(1)

# frappe and erpnext are provided by the bench: never list them here.
install_requires = [
	"phonenumbers>=8.13,<10",
	"vininfo>=1.8,<2",
	# spell-check of mailings over Debian's hunspell-ru / hunspell-en-us (libenchant-2-2)
	"pyenchant>=3.2,<4",
	# Russian names and e-mails for the generated demo shop (auto_service.demo)
	"faker>=20,<41",
]

setup(
	name="auto_service",
	version=version,
	description="Car-repair shop (автосервис / СТО) for ERPNext: clients, vehicles, acts, repair orders, schedule",
	author="auto_service contributors",
	author_email="dev@auto-service.invalid",
	license="MIT",
	# every folder of the app, also those without __init__.py (fixtures, translations, public, workspace):
	# their files are package data, so wheels and sdists carry them (MANIFEST.in lists the same patterns)
	packages=find_namespace_packages(include=["auto_service", "auto_service.*"], exclude=["*.__pycache__"]),
	package_data={
		"": ["*.json", "*.js", "*.css", "*.html", "*.csv", "*.txt", "*.md", "*.svg", "*.png", "*.ico", "*.po"]
	},
	zip_safe=False,
	include_package_data=True,
	python_requires=">=3.10,<3.13",
	install_requires=install_requires,
)
