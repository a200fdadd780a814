"""HMRC (MTD VAT): server actions (processor.py); its client actions are SQL
(supabase/migrations/*_hmrc_*.sql)."""
