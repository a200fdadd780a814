"""Companies House's server actions: action name -> ServerAction, nothing else.

Empty until issue 14 implements them (testConnection, ch_company_profile, ch_officers,
ch_filing_history, ch_persons_with_significant_control, ch_company_search, ch_sic_codes):
nothing is registered that does not really work, and the conformance test
(tests/py/test_registry_conformance.py) lists what the catalogue still expects.
"""

from __future__ import annotations

from python_workers.providers.contract import Processor

PROCESSOR: Processor = {}
