"""QuickBooks Online: server actions (processor.py); its client actions are SQL
(supabase/schemas/providers/quickbooks/)."""
