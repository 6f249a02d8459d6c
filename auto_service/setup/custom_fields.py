"""Fields this app adds to ERPNext/Frappe DocTypes. Created on install and on every migrate."""

MODULE = "Auto Service"

CONSENT_METHODS = "\nWritten form\nVerbal, by phone\nWebsite form\nSMS reply\nE-mail reply\nWithdrawn by client\nUnsubscribe link"


def _consent_fields(channel_key: str, label: str, insert_after: str) -> list[dict]:
	prefix = f"as_{channel_key}_consent"
	return [
		{
			"fieldname": prefix,
			"fieldtype": "Check",
			"label": label,
			"insert_after": insert_after,
			"in_standard_filter": 1,
		},
		{
			"fieldname": f"{prefix}_method",
			"fieldtype": "Select",
			"label": "How Consent Was Given",
			"options": CONSENT_METHODS,
			"insert_after": prefix,
			"mandatory_depends_on": f"eval:doc.{prefix}",
		},
		{
			"fieldname": f"{prefix}_date",
			"fieldtype": "Date",
			"label": "Consent Date",
			"insert_after": f"{prefix}_method",
			"depends_on": f"eval:doc.{prefix}",
		},
		{
			"fieldname": f"{prefix}_recorded_by",
			"fieldtype": "Link",
			"options": "User",
			"label": "Recorded By",
			"insert_after": f"{prefix}_date",
			"read_only": 1,
			"depends_on": f"eval:doc.{prefix}",
		},
	]


def get_custom_fields() -> dict[str, list[dict]]:
	customer = [
		{
			"fieldname": "as_client_section",
			"fieldtype": "Section Break",
			"label": "Car Service Client",
			"insert_after": "account_manager",
		},
		{
			"fieldname": "as_lead_source",
			"fieldtype": "Link",
			"options": "Lead Source",
			"label": "Lead Source",
			"insert_after": "as_client_section",
			"in_standard_filter": 1,
			"description": "Where the client heard of the shop (advertising channel)",
		},
		{
			"fieldname": "as_first_visit_date",
			"fieldtype": "Date",
			"label": "First Visit",
			"insert_after": "as_lead_source",
			"in_standard_filter": 1,
		},
		{"fieldname": "as_client_column", "fieldtype": "Column Break", "insert_after": "as_first_visit_date"},
		{
			"fieldname": "as_preferred_master",
			"fieldtype": "Link",
			"options": "Employee",
			"label": "Preferred Master",
			"insert_after": "as_client_column",
		},
		{
			"fieldname": "as_consent_section",
			"fieldtype": "Section Break",
			"label": "Advertising Consent",
			"insert_after": "as_preferred_master",
		},
		*_consent_fields("sms", "Agrees to SMS advertising", "as_consent_section"),
		{
			"fieldname": "as_consent_column",
			"fieldtype": "Column Break",
			"insert_after": "as_sms_consent_recorded_by",
		},
		*_consent_fields("email", "Agrees to e-mail advertising", "as_consent_column"),
	]
	return {
		"Customer": customer,
		"Contact": [
			{
				"fieldname": "as_shared_phone",
				"fieldtype": "Check",
				"label": "Shared phone (family)",
				"insert_after": "is_primary_contact",
				"description": "Tick to allow a phone number that another client already has, on purpose.",
			}
		],
		"Lead Source": [
			{
				"fieldname": "as_hide_in_shop",
				"fieldtype": "Check",
				"label": "Hide in the Shop's Pickers",
				"insert_after": "source_name",
				"description": "Not offered when choosing where a client came from (ERPNext's English defaults).",
			}
		],
		"Sales Invoice": [
			{
				"fieldname": "as_repair_order",
				"fieldtype": "Link",
				"options": "Repair Order",
				"label": "Repair Order",
				"insert_after": "customer",
				"read_only": 1,
				"search_index": 1,
				"in_standard_filter": 1,
			}
		],
		"Employee": [
			{
				"fieldname": "as_is_master",
				"fieldtype": "Check",
				"label": "Master (mechanic)",
				"insert_after": "designation",
				"in_standard_filter": 1,
			},
			{
				"fieldname": "as_skills",
				"fieldtype": "Table MultiSelect",
				"options": "Master Skill Row",
				"label": "Master Skills",
				"insert_after": "as_is_master",
				"depends_on": "eval:doc.as_is_master",
			},
			{
				"fieldname": "as_working_hours",
				"fieldtype": "Table",
				"options": "Working Hours Row",
				"label": "Own Working Hours",
				"insert_after": "as_skills",
				"depends_on": "eval:doc.as_is_master",
				"description": "Leave empty to follow the shop's hours from Auto Service Settings.",
			},
		],
	}
