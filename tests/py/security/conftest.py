"""The provider worlds the security tests run in, from their own suites: the QuickBooks
sandbox and one worker per module (qbo_sandbox, qb_module, qb), the Companies House sandbox
(ch_sandbox, ch) and the HMRC sandbox (hmrc_sandbox, hmrc). Not the QuickBooks suite's
`template` override: the tests here (and those under functions/) use the shared template."""

from tests.py.companies_house.conftest import ch, ch_sandbox
from tests.py.hmrc.conftest import hmrc, hmrc_sandbox
from tests.py.quickbooks.conftest import qb, qb_module, qbo_sandbox

__all__ = ["ch", "ch_sandbox", "hmrc", "hmrc_sandbox", "qb", "qb_module", "qbo_sandbox"]
