-- Baseline (issue #19): Companies House's catalogue entry, one private.register_provider call.
-- The schema file below; a later change is a new migration plus the edited schema file
-- (docs/contributing.md).

-- supabase/schemas/providers/companies_house/registration.sql

-- Companies House in the catalogue: its whole description, registered by
-- private.register_provider (fields: docs/catalogue.md). One API key serves every project
-- (credential_scope global), so a schedule may run at most hourly (min_schedule_interval).
-- To change the provider, edit this description and register it again in a new migration
-- (a copy of this call with the change): docs/contributing.md.

select private.register_provider($json$
{
    "key": "companies_house",
    "name": "Companies House",
    "description": "Look up UK company profiles, officers, filing history and persons with significant control; UK SIC codes as reference data. One API key shared by every project.",
    "auth_method": "api_key",
    "credential_scope": "global",
    "auto_enable_for_country": true,
    "website_url": "https://www.gov.uk/government/organisations/companies-house",
    "docs_url": "https://developer-specs.company-information.service.gov.uk",
    "sort_order": 20,
    "min_schedule_interval": "1 hour",
    "countries": ["GB"],
    "sync_permission_description": "Trigger manual syncs for Companies House",
    "client_actions": ["validate_company_number", "sic_code_search"],
    "server_actions": [
        "testConnection", "ch_company_profile", "ch_officers", "ch_filing_history",
        "ch_persons_with_significant_control", "ch_company_search", "ch_sic_codes", "ch_company_refresh"
    ],
    "features": [
        {
            "key": "company_profile",
            "name": "Company profile lookup",
            "description": "Fetch a linked company's profile and fill the registered address, SIC codes and status.",
            "default_trigger": "on_link",
            "default_trigger_config": {"entity": "project_relationships", "filter": {"entity_type": "Business"}},
            "sync_direction": "inbound",
            "entity_type": "company",
            "server_action": "ch_company_profile",
            "sort_order": 10
        },
        {
            "key": "officers",
            "name": "Officer lookup",
            "description": "Fetch a linked company's officers.",
            "default_trigger": "on_link",
            "default_trigger_config": {"entity": "project_relationships", "filter": {"entity_type": "Business"}},
            "sync_direction": "inbound",
            "entity_type": "company",
            "server_action": "ch_officers",
            "sort_order": 20
        },
        {
            "key": "filing_history",
            "name": "Filing history",
            "description": "Fetch a linked company's filing history on request.",
            "default_trigger": "on_manual",
            "default_trigger_config": {"entity": "project_relationships", "filter": {"entity_type": "Business"}},
            "sync_direction": "inbound",
            "entity_type": "company",
            "server_action": "ch_filing_history",
            "sort_order": 30
        },
        {
            "key": "company_refresh",
            "name": "Company changes",
            "description": "Refresh every linked company's profile nightly; flag companies that were dissolved, renamed or changed status, and fill what the relationship still lacks.",
            "default_trigger": "on_schedule",
            "default_trigger_config": {"entity": "projects", "schedule": "30 3 * * *"},
            "sync_direction": "inbound",
            "entity_type": "company",
            "server_action": "ch_company_refresh",
            "sort_order": 35
        },
        {
            "key": "psc",
            "name": "PSC data",
            "description": "Fetch a linked company's persons with significant control.",
            "default_trigger": "on_link",
            "default_trigger_config": {"entity": "project_relationships", "filter": {"entity_type": "Business"}},
            "sync_direction": "inbound",
            "entity_type": "company",
            "server_action": "ch_persons_with_significant_control",
            "sort_order": 40
        },
        {
            "key": "sic_codes",
            "name": "SIC code reference",
            "description": "UK SIC 2007 condensed list as searchable reference data.",
            "default_trigger": "on_schedule",
            "default_trigger_config": {"entity": "projects", "schedule": "0 4 1 * *"},
            "sync_direction": "inbound",
            "entity_type": "sic_code",
            "server_action": "ch_sic_codes",
            "sort_order": 50
        }
    ]
}
$json$::jsonb);
