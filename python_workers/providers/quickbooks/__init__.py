"""QuickBooks Online: server actions (processor.py); its client actions are SQL
(supabase/migrations/*_quickbooks_*.sql)."""
