"""Companies House: server actions (processor.py); its client actions are SQL
(supabase/migrations/*_companies_house_*.sql)."""
