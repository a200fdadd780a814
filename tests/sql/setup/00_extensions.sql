-- pgTAP for the SQL tests (applied by tests/run.py to the test database only).
create extension if not exists pgtap;
