"""HMRC's server actions: action name -> ServerAction, nothing else.

Empty until issue 14 implements them (testConnection, hmrc_vat_obligations,
hmrc_submit_vat_return): nothing is registered that does not really work, and the
conformance test (tests/py/test_registry_conformance.py) lists what the catalogue still
expects.
"""

from __future__ import annotations

from python_workers.providers.contract import Processor

PROCESSOR: Processor = {}
