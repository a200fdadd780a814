"""The local PostgreSQL 15 cluster Plugboard runs when no DATABASE_URL is configured.

It lives in a git-ignored folder of the checkout, listens on 127.0.0.1 only, preloads
pg_cron, and is laid out like Supabase: the bootstrap superuser is `supabase_admin` and the
compat layer creates `postgres` as a non-superuser owner that migrations run as. initdb
refuses to run as root, so as root every server command runs as the `postgres` OS user.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

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


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


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
        result = subprocess.run(
            _as_server_user([_bin("pg_ctl"), "status", "-D", str(self.pgdata)]),
            capture_output=True,
            text=True,
            check=False,
        )
        return result.returncode == 0

    def _run(self, cmd: list[str], what: str) -> None:
        result = subprocess.run(_as_server_user(cmd), capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ClusterError(f"{what} failed:\n{result.stdout}{result.stderr}".rstrip())

    def _own(self, path: Path) -> None:
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def init(self) -> None:
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
        created = False
        if not self.initialized():
            self.init()
            created = True
        if not self.running():
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
