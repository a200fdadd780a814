"""The framework every sandbox shares: state, fault injection, rate limits, inspection, serving."""

from sandboxes.common.app import ErrorResponses, build_app
from sandboxes.common.config import SandboxConfig
from sandboxes.common.ratelimit import RateLimits, WindowLimit
from sandboxes.common.state import SandboxState

__all__ = [
    "ErrorResponses",
    "RateLimits",
    "SandboxConfig",
    "SandboxState",
    "WindowLimit",
    "build_app",
]
