"""HMRC (MTD VAT; PAYE as the Apprenticeship Levy API's declarations): server actions
(processor.py); its client actions are SQL (supabase/schemas/providers/hmrc/). See
docs/hmrc.md."""
