from setuptools import find_packages, setup

from auto_service import __version__ as version

# frappe and erpnext are provided by the bench: never list them here.
install_requires = [
	"phonenumbers>=8.13,<10",
	"vininfo>=1.8,<2",
]

setup(
	name="auto_service",
	version=version,
	description="Car-repair shop (автосервис / СТО) for ERPNext: clients, vehicles, acts, repair orders, schedule",
	author="auto_service contributors",
	author_email="dev@auto-service.invalid",
	license="MIT",
	packages=find_packages(exclude=["tests", "tests.*"]),
	zip_safe=False,
	include_package_data=True,
	python_requires=">=3.10,<3.13",
	install_requires=install_requires,
)
