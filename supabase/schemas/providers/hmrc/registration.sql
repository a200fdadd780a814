-- HMRC in the catalogue: its whole description, registered by private.register_provider
-- (fields: docs/catalogue.md). The corporation_tax_reference and paye features have no
-- server action: HMRC offers no public REST API for that data (see docs/hmrc.md).
-- To change the provider, edit this description and register it again in a new migration
-- (a copy of this call with the change): docs/contributing.md.

select private.register_provider($json$
{
    "key": "hmrc",
    "name": "HMRC",
    "description": "Making Tax Digital for VAT: obligations and return submission. PAYE: the Apprenticeship Levy declarations and English fraction HMRC's Apprenticeship Levy API gives for the employer PAYE reference. HMRC has no public REST API for Corporation Tax or for PAYE (RTI) payroll data: Plugboard stores and validates the UTR, employer PAYE reference and Accounts Office reference.",
    "auth_method": "oauth2",
    "credential_scope": "per_project",
    "auto_enable_for_country": true,
    "website_url": "https://www.gov.uk/government/organisations/hm-revenue-customs",
    "docs_url": "https://developer.service.hmrc.gov.uk/api-documentation/docs/api/service/vat-api/1.0",
    "sort_order": 30,
    "countries": ["GB"],
    "sync_permission_description": "Trigger manual syncs for HMRC",
    "client_actions": [
        "validate_vrn", "validate_vat_return", "validate_utr", "validate_paye_reference", "validate_client_context"
    ],
    "server_actions": [
        "testConnection", "hmrc_vat_obligations", "hmrc_submit_vat_return", "hmrc_paye_levy_declarations"
    ],
    "features": [
        {
            "key": "vat_obligations",
            "name": "VAT obligations",
            "description": "Fetch the project's VAT obligations (open and fulfilled) by its VAT registration number.",
            "default_trigger": "on_schedule",
            "default_trigger_config": {"entity": "projects", "schedule": "0 6 * * *"},
            "sync_direction": "inbound",
            "entity_type": "vat_obligation",
            "server_action": "hmrc_vat_obligations",
            "needs_browser_values": true,
            "sort_order": 10
        },
        {
            "key": "vat_return_submission",
            "name": "VAT return submission",
            "description": "Submit a VAT return for an open period; a person confirms every submission.",
            "default_trigger": "on_manual",
            "default_trigger_config": {"entity": "projects"},
            "sync_direction": "outbound",
            "entity_type": "vat_return",
            "server_action": "hmrc_submit_vat_return",
            "needs_browser_values": true,
            "sort_order": 20
        },
        {
            "key": "corporation_tax_reference",
            "name": "Corporation Tax reference",
            "description": "HMRC has no public Corporation Tax REST API: stores and validates the company's UTR.",
            "default_trigger": "on_manual",
            "default_trigger_config": {"entity": "projects"},
            "sync_direction": "inbound",
            "entity_type": "ct_reference",
            "sort_order": 30
        },
        {
            "key": "paye",
            "name": "PAYE references",
            "description": "HMRC has no public REST API for PAYE (RTI) payroll data: stores and validates the employer PAYE reference and Accounts Office reference (the levy declarations feature uses the former).",
            "default_trigger": "on_manual",
            "default_trigger_config": {"entity": "projects"},
            "sync_direction": "inbound",
            "entity_type": "paye_reference",
            "sort_order": 40
        },
        {
            "key": "paye_levy_declarations",
            "name": "PAYE Apprenticeship Levy declarations",
            "description": "Fetch the Apprenticeship Levy declarations (levy due year to date, allowance, inactive and ceased periods) reported on the scheme's Employer Payment Summaries, and the English fraction, for the employer PAYE reference (HMRC Apprenticeship Levy API). Not payroll data: HMRC offers no public REST API for RTI Full Payment Submissions or employees' pay.",
            "default_trigger": "on_schedule",
            "default_trigger_config": {"entity": "projects", "schedule": "30 6 * * *"},
            "sync_direction": "inbound",
            "entity_type": "levy_declaration",
            "server_action": "hmrc_paye_levy_declarations",
            "sort_order": 45
        }
    ]
}
$json$::jsonb);
