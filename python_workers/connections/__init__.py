"""The connection lifecycle of a project integration: connect (OAuth authorization and
callback, account check, an API key set and tested), disconnect, and the connection test
that keeps the integration's status in line with what the provider answers.

It builds on python_workers.credentials (which stores, reads and refreshes secrets, and
records what a refresh learns about the connection's status) and never the other way
round: tests/py/unit/test_package_imports.py checks that credentials imports nothing
from here.
"""
