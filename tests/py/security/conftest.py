"""The provider worlds the security tests reuse (fixtures defined with their providers)."""

from tests.py.hmrc.conftest import hmrc, hmrc_sandbox

__all__ = ["hmrc", "hmrc_sandbox"]
