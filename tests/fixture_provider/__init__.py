"""The fixture provider, Fixture Ledger: a fourth provider present during the whole test
suite (its SQL: fixture_ledger.sql, loaded into every test template; its Python:
fixture_ledger/, found through PLUGBOARD_EXTRA_PROVIDERS, which tests/py/conftest.py sets)."""
