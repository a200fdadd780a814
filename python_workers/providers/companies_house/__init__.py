"""Companies House: server actions (processor.py); its client actions are SQL
(supabase/schemas/providers/companies_house/)."""
