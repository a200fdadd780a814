"""The local PostgreSQL 15 cluster Plugboard runs when no DATABASE_URL is configured.

It listens on 127.0.0.1 only, preloads pg_cron, and is laid out like Supabase: the bootstrap
superuser is `supabase_admin` and the compat layer creates `postgres` as a non-superuser owner
that migrations run as. initdb refuses to run as root, so as root every server command runs
as the `postgres` OS user — which cannot enter a checkout under /root or in a 0700 folder.
So as root each checkout's cluster lives in postgres's home (`clusters_home`), one folder per
checkout path; otherwise in the checkout's git-ignored `.plugboard/`.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg

SUPERUSER = "supabase_admin"
# Read by the compat Vault with pg_read_file(): kept in the data folder, outside every
# table, dump and the repository (Supabase keeps its key outside the database the same way).
VAULT_KEY_FILE = "plugboard_vault.key"
PG_BINDIR = Path("/usr/lib/postgresql/15/bin")


class ClusterError(RuntimeError):
    """A local-cluster command failed; the message says what to do."""


def _bin(name: str) -> str:
    candidate = PG_BINDIR / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        raise ClusterError(
            f"{name} not found: install postgresql-15 (apt-get install postgresql-15)"
        )
    return found


def _as_server(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a server command, as the postgres OS user when we are root, from `/` (the
    checkout may be a folder that user cannot enter)."""
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    return subprocess.run(cmd, cwd="/", capture_output=True, text=True, check=False)


def _server_account() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise ClusterError(
            "no postgres user on this machine: install postgresql-15 (scripts/bootstrap.sh)"
        ) from None


def clusters_home(checkout: Path) -> Path:
    """Where this checkout's local clusters live (the default one, and tests' own).

    As root, a folder in the postgres user's home named after the checkout and a hash of its
    path, so two checkouts side by side never share data; otherwise the checkout itself."""
    if os.geteuid() != 0:
        return checkout / ".plugboard"
    resolved = checkout.resolve()
    digest = hashlib.sha256(str(resolved).encode()).hexdigest()[:8]
    return Path(_server_account().pw_dir) / "plugboard" / f"{resolved.name}-{digest}"


def default_data_dir(checkout: Path) -> Path:
    """The cluster `plugboard db start` uses when PLUGBOARD_DATA_DIR is unset. A cluster
    created in the checkout's `.plugboard/` before clusters moved keeps being used."""
    in_checkout = checkout / ".plugboard"
    if (in_checkout / "pgdata" / "PG_VERSION").exists():
        return in_checkout
    return clusters_home(checkout)


def _port_holder(port: int) -> str | None:
    """None when nothing listens on 127.0.0.1:port; else who does, as far as we can tell."""
    with socket.socket() as probe:
        probe.settimeout(1)
        if probe.connect_ex(("127.0.0.1", port)) != 0:
            return None
    try:
        with psycopg.connect(
            f"postgresql://{SUPERUSER}@127.0.0.1:{port}/postgres", connect_timeout=3
        ) as conn:
            row = conn.execute("select current_setting('data_directory')").fetchone()
    except psycopg.Error:
        return "another program"
    return f"the PostgreSQL cluster in {row[0] if row else '?'}"


@dataclass(frozen=True)
class LocalCluster:
    data_dir: Path
    port: int

    @property
    def pgdata(self) -> Path:
        return self.data_dir / "pgdata"

    @property
    def socket_dir(self) -> Path:
        return self.data_dir / "run"

    @property
    def logfile(self) -> Path:
        return self.data_dir / "postgres.log"

    def url(self, user: str = SUPERUSER, dbname: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def initialized(self) -> bool:
        return (self.pgdata / "PG_VERSION").exists()

    def running(self) -> bool:
        if not self.initialized():
            return False
        return _as_server([_bin("pg_ctl"), "status", "-D", str(self.pgdata)]).returncode == 0

    def _run(self, cmd: list[str], what: str) -> None:
        result = _as_server(cmd)
        if result.returncode != 0:
            raise ClusterError(f"{what} failed:\n{result.stdout}{result.stderr}".rstrip())

    def _own(self, path: Path) -> None:
        if os.geteuid() == 0:
            entry = _server_account()
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def _check_reachable(self) -> None:
        """As root, refuse before creating anything a folder the postgres user cannot enter."""
        if os.geteuid() != 0:
            return
        wanted = self.data_dir.absolute()
        existing = next(p for p in (wanted, *wanted.parents) if p.exists())
        if _as_server(["test", "-x", str(existing)]).returncode != 0:
            raise ClusterError(
                f"the postgres user (the server runs as it) cannot enter {existing}, so it "
                f"cannot keep a cluster in {self.data_dir}: unset PLUGBOARD_DATA_DIR (Plugboard "
                "then keeps it in that user's home) or set it to a folder the postgres user "
                "can enter"
            )

    def init(self) -> None:
        self._check_reachable()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        for folder in (self.pgdata, self.socket_dir):
            folder.mkdir(exist_ok=True)
            folder.chmod(0o700)
            self._own(folder)
        self._own(self.data_dir)
        self._run(
            [
                _bin("initdb"),
                "-D",
                str(self.pgdata),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            "initdb",
        )
        conf = self.pgdata / "postgresql.conf"
        with conf.open("a") as handle:
            handle.write(
                "\n# Plugboard local cluster\n"
                "listen_addresses = '127.0.0.1'\n"
                f"port = {self.port}\n"
                f"unix_socket_directories = '{self.socket_dir}'\n"
                "shared_preload_libraries = 'pg_cron'\n"
                "cron.database_name = 'postgres'\n"
                "max_connections = 300\n"
                "synchronous_commit = off\n"
                "max_locks_per_transaction = 256\n"
            )
        key_file = self.pgdata / VAULT_KEY_FILE
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
        self._own(key_file)

    def start(self) -> bool:
        """Start the cluster, creating it first if needed. Returns True if it was created."""
        if self.running():
            return False
        holder = _port_holder(self.port)
        if holder is not None:
            raise ClusterError(
                f"port {self.port} is taken by {holder}, not this checkout's cluster "
                f"({self.data_dir}): stop that one, or give this checkout a port of its own "
                "with PLUGBOARD_DB_PORT"
            )
        created = not self.initialized()
        if created:
            self.init()
        self._run(
            [
                _bin("pg_ctl"),
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.pgdata),
                "-l",
                str(self.logfile),
            ],
            f"starting PostgreSQL (see {self.logfile})",
        )
        return created

    def stop(self) -> None:
        if self.running():
            self._run(
                [_bin("pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(self.pgdata)],
                "stopping PostgreSQL",
            )
