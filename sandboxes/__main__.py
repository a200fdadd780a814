"""python -m sandboxes [quickbooks|companies_house|hmrc|all] --host 127.0.0.1 --port N

`all` serves every sandbox from --port (default 54401), each at its provider spec's port
offset, unless a per-name flag such as --hmrc-port says otherwise. --config takes a JSON object of
config overrides (one sandbox only); the environment gives the rest (see each config).
"""

from __future__ import annotations

import argparse
import json

from sandboxes.common.server import serve
from sandboxes.registry import PORT_OFFSETS, SANDBOXES, create_app
from sandboxes.runner import serve_all

DEFAULT_PORT = 54401


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m sandboxes", description=__doc__)
    parser.add_argument("name", choices=[*SANDBOXES, "all"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--config", type=json.loads, default=None, help="JSON object")
    for name in SANDBOXES:
        parser.add_argument(f"--{name.replace('_', '-')}-port", type=int, dest=f"{name}_port")
    args = parser.parse_args()
    if args.name != "all":
        serve(create_app(args.name, args.config), args.host, args.port)
        return
    if args.config:
        parser.error("--config applies to one sandbox; use environment variables with all")
    overrides = {name: getattr(args, f"{name}_port") for name in SANDBOXES}
    serve_all(args.host, ports_for_all(args.port, overrides))


def ports_for_all(first_port: int, overrides: dict[str, int | None]) -> dict[str, int]:
    """From `first_port`, each sandbox at its spec's offset, unless a name has its own."""
    return {
        name: overrides.get(name) or first_port + offset for name, offset in PORT_OFFSETS.items()
    }


if __name__ == "__main__":
    main()
