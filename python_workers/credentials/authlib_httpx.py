"""authlib's OAuth 2.0 client on httpx, imported without its deprecation notice.

authlib (1.9) prefers its httpx2 fork and warns on import when it falls back to httpx,
printing a warning before every `plugboard` command's output. Plugboard's workers and
functions/ share one httpx client stack, and the fallback is authlib's supported path
today, so only that notice is silenced here; any other authlib warning still shows. When
authlib drops the fallback, its pin in pyproject.toml has to move with this module.
"""

import warnings

from authlib.deprecate import AuthlibDeprecationWarning

warnings.filterwarnings(
    "ignore", message="The httpx module is deprecated", category=AuthlibDeprecationWarning
)

from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuthError  # noqa: E402

__all__ = ["AsyncOAuth2Client", "OAuthError"]
