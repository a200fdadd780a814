"""QuickBooks Online's server actions: action name -> ServerAction, nothing else.

Empty until issue 13 implements them (testConnection, qb_company_info,
qb_chart_of_accounts, qb_classes, qb_tax_codes, sync_vendor, sync_customer,
sync_transaction, qb_payments, verify_vendor_hash, verify_transaction_hash): nothing is
registered that does not really work, and the conformance test
(tests/py/test_registry_conformance.py) lists what the catalogue still expects.
"""

from __future__ import annotations

from python_workers.providers.contract import Processor

PROCESSOR: Processor = {}
