#!/usr/bin/env bash
# Installs what Plugboard needs on a fresh machine; safe to run again (does only what is
# missing). `bootstrap.sh` for running Plugboard, `bootstrap.sh test` adds the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.8
APT_PACKAGES=(postgresql-15 postgresql-contrib postgresql-15-cron)
if [ "${1:-}" = test ]; then
    # pgbouncer: the transaction-mode pooler the worker tests put in front of actions;
    # chromium: the console's browser tests (tests/py/console), driven by Playwright
    APT_PACKAGES+=(postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl postgresql-15-plpgsql-check
        pgbouncer chromium chromium-driver)
fi

missing=()
for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "installing Debian packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "missing Debian packages; run as root:" >&2
        echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

# uv in its own small venv, then the project's venv (.venv) exactly from uv.lock.
if [ ! -x .tools/bin/uv ] || [ "$(.tools/bin/uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
    python3 -m venv .tools
    .tools/bin/pip install -q "uv==$UV_VERSION"
fi
.tools/bin/uv sync --locked --quiet

if [ ! -f node_modules/htmx.org/dist/htmx.min.js ] || { [ "${1:-}" = test ] && { [ ! -x node_modules/.bin/supabase ] || [ ! -f node_modules/axe-core/axe.min.js ]; }; }; then
    echo "installing htmx, axe-core and the Supabase CLI (npm, package-lock.json)"
    # npm ci refuses this lock (npm leaves the other platforms' optional CLI binaries out of
    # it); install from it without rewriting it instead: the version is pinned exactly.
    npm install --no-audit --no-fund --no-save --loglevel=error
fi
