-- Baseline (issue #19): QuickBooks Online's catalogue entry, one private.register_provider call.
-- The schema file below; a later change is a new migration plus the edited schema file
-- (docs/contributing.md).

-- supabase/schemas/providers/quickbooks/registration.sql

-- QuickBooks Online in the catalogue: its whole description, registered by
-- private.register_provider (fields: docs/catalogue.md). Its SQL client actions are the
-- quickbooks_* functions; its server actions live in python_workers/providers/quickbooks/.
-- To change the provider, edit this description and register it again in a new migration
-- (a copy of this call with the change): docs/contributing.md.

select private.register_provider($json$
{
    "key": "quickbooks",
    "name": "QuickBooks Online",
    "description": "Push suppliers, customers, expenses and bills to QuickBooks Online and keep its chart of accounts, classes and tax codes at hand.",
    "auth_method": "oauth2",
    "credential_scope": "per_project",
    "auto_enable_for_country": true,
    "website_url": "https://quickbooks.intuit.com",
    "docs_url": "https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/account",
    "sort_order": 10,
    "countries": ["GB", "US", "CA", "AU", "IE"],
    "sync_permission_description": "Trigger manual syncs for QuickBooks",
    "client_actions": ["validate_relationship_send_to", "validate_transaction_send_to", "payment_account_categories"],
    "server_actions": [
        "testConnection", "qb_company_info", "qb_chart_of_accounts", "qb_classes", "qb_tax_codes", "sync_vendor",
        "sync_customer", "sync_transaction", "qb_payments", "verify_vendor_hash", "verify_transaction_hash",
        "qb_cdc_poll"
    ],
    "features": [
        {
            "key": "company_info",
            "name": "Company info",
            "description": "Read the connected QuickBooks company: its name, country, home currency and tax settings.",
            "default_trigger": "on_manual",
            "default_trigger_config": {"entity": "projects"},
            "sync_direction": "inbound",
            "entity_type": "company",
            "server_action": "qb_company_info",
            "sort_order": 5
        },
        {
            "key": "chart_of_accounts",
            "name": "Sync Chart of Accounts",
            "description": "Cache the QuickBooks chart of accounts for line and payment account mappings.",
            "default_trigger": "on_schedule",
            "default_trigger_config": {"entity": "projects", "schedule": "15 2 * * *"},
            "sync_direction": "inbound",
            "entity_type": "account",
            "server_action": "qb_chart_of_accounts",
            "sort_order": 10
        },
        {
            "key": "classes",
            "name": "Sync Classes",
            "description": "Cache QuickBooks classes.",
            "default_trigger": "on_schedule",
            "default_trigger_config": {"entity": "projects", "schedule": "20 2 * * *"},
            "sync_direction": "inbound",
            "entity_type": "class",
            "server_action": "qb_classes",
            "sort_order": 20
        },
        {
            "key": "tax_codes",
            "name": "Sync Tax Codes",
            "description": "Cache QuickBooks tax codes and rates.",
            "default_trigger": "on_schedule",
            "default_trigger_config": {"entity": "projects", "schedule": "25 2 * * *"},
            "sync_direction": "inbound",
            "entity_type": "tax_code",
            "server_action": "qb_tax_codes",
            "sort_order": 30
        },
        {
            "key": "vendors",
            "name": "Sync Suppliers (Vendors)",
            "description": "Create or update the QuickBooks Vendor of a business supplier.",
            "default_trigger": "on_manual",
            "default_trigger_config": {
                "entity": "project_relationships",
                "filter": {"entity_type": "Business", "role_can_be_vendor": true}
            },
            "sync_direction": "outbound",
            "entity_type": "vendor",
            "server_action": "sync_vendor",
            "validation_action": "validate_relationship_send_to",
            "sort_order": 40
        },
        {
            "key": "customers",
            "name": "Sync Customers",
            "description": "Create or update the QuickBooks Customer of a relationship that can be a customer.",
            "default_trigger": "on_manual",
            "default_trigger_config": {"entity": "project_relationships", "filter": {"role_can_be_customer": true}},
            "sync_direction": "outbound",
            "entity_type": "customer",
            "server_action": "sync_customer",
            "validation_action": "validate_relationship_send_to",
            "sort_order": 50
        },
        {
            "key": "expenses",
            "name": "Sync Expenses",
            "description": "Push approved inbound expenses to QuickBooks as Purchases.",
            "default_trigger": "on_status_change",
            "default_trigger_config": {
                "entity": "transactions",
                "filter": {"status": "Approved", "transaction_type": ["Expense"], "transaction_direction": "inbound"}
            },
            "sync_direction": "outbound",
            "entity_type": "transaction",
            "server_action": "sync_transaction",
            "validation_action": "validate_transaction_send_to",
            "sort_order": 60
        },
        {
            "key": "bills",
            "name": "Sync Bills",
            "description": "Push approved inbound invoices, payroll invoices and reimbursements to QuickBooks as Bills.",
            "default_trigger": "on_status_change",
            "default_trigger_config": {
                "entity": "transactions",
                "filter": {
                    "status": "Approved",
                    "transaction_type": ["Invoice", "Payroll Invoice", "Reimbursement"],
                    "transaction_direction": "inbound"
                }
            },
            "sync_direction": "outbound",
            "entity_type": "transaction",
            "server_action": "sync_transaction",
            "validation_action": "validate_transaction_send_to",
            "sort_order": 70
        },
        {
            "key": "invoices",
            "name": "Sync Invoices",
            "description": "Push approved outbound (sales) invoices to QuickBooks as Invoices.",
            "default_trigger": "on_status_change",
            "default_trigger_config": {
                "entity": "transactions",
                "filter": {"status": "Approved", "transaction_type": ["Invoice"], "transaction_direction": "outbound"}
            },
            "sync_direction": "outbound",
            "entity_type": "transaction",
            "server_action": "sync_transaction",
            "validation_action": "validate_transaction_send_to",
            "sort_order": 80
        },
        {
            "key": "payments",
            "name": "Sync Payments",
            "description": "Mark outbound invoices Paid when QuickBooks records their customer payment.",
            "default_trigger": "realtime",
            "default_trigger_config": {
                "entity": "transactions",
                "filter": {"transaction_type": ["Invoice"], "transaction_direction": "outbound"}
            },
            "sync_direction": "inbound",
            "entity_type": "payment",
            "server_action": "qb_payments",
            "sort_order": 90
        },
        {
            "key": "verify_vendor_hash",
            "name": "Verify suppliers",
            "description": "Check that what QuickBooks holds for a supplier is what Plugboard last sent; a supplier changed or deleted in QuickBooks is flagged stale. Give the relationships to check.",
            "default_trigger": "on_manual",
            "default_trigger_config": {
                "entity": "project_relationships",
                "filter": {"entity_type": "Business", "role_can_be_vendor": true}
            },
            "sync_direction": "inbound",
            "entity_type": "vendor",
            "server_action": "verify_vendor_hash",
            "sort_order": 100
        },
        {
            "key": "verify_transaction_hash",
            "name": "Verify transactions",
            "description": "Check that what QuickBooks holds for a pushed expense, bill or invoice is what Plugboard last sent; one changed or deleted in QuickBooks is flagged stale. Give the transactions to check.",
            "default_trigger": "on_manual",
            "default_trigger_config": {"entity": "transactions"},
            "sync_direction": "inbound",
            "entity_type": "transaction",
            "server_action": "verify_transaction_hash",
            "sort_order": 110
        },
        {
            "key": "cdc_poll",
            "name": "Poll QuickBooks changes",
            "description": "Ask QuickBooks' change data capture what changed since the last poll (the fallback for missed webhooks; it also runs every five minutes while a realtime feature is on).",
            "default_trigger": "on_manual",
            "default_trigger_config": {"entity": "projects"},
            "sync_direction": "inbound",
            "entity_type": "change",
            "server_action": "qb_cdc_poll",
            "sort_order": 120
        }
    ]
}
$json$::jsonb);
