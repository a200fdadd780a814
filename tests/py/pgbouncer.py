"""A real PgBouncer (Debian's `pgbouncer`, scripts/bootstrap.sh installs it for tests) in
transaction mode in front of a test database: its own port and ini in a temporary
directory, run as the `postgres` system user when the tests run as root (PgBouncer refuses
root). `stats` reads its admin console: how many transactions it carried."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from sandboxes.common.server import free_port

INI = """[databases]
* = host={host} port={port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {listen}
unix_socket_dir =
auth_type = trust
auth_file = {dir}/users.txt
pool_mode = transaction
admin_users = {user}
max_client_conn = 100
default_pool_size = 4
logfile = {dir}/pgbouncer.log
pidfile = {dir}/pgbouncer.pid
"""


@dataclass(frozen=True)
class RunningPgBouncer:
    port: int
    user: str
    log: Path

    def url(self, database_url: str) -> str:
        """`database_url` with PgBouncer in between."""
        return make_conninfo(database_url, host="127.0.0.1", port=str(self.port))

    def transactions(self, database: str) -> int:
        """Transactions PgBouncer has carried to `database` (SHOW STATS)."""
        admin = make_conninfo(
            host="127.0.0.1", port=str(self.port), user=self.user, dbname="pgbouncer"
        )
        # the admin console speaks the simple query protocol only: a client-side cursor
        with psycopg.connect(admin, autocommit=True, cursor_factory=psycopg.ClientCursor) as conn:
            cursor = conn.execute("show stats")
            names = [c.name for c in cursor.description or []]
            for row in cursor.fetchall():
                stats = dict(zip(names, row, strict=True))
                if stats["database"] == database:
                    return int(stats["total_xact_count"])
        return 0


@contextmanager
def pgbouncer_in_front_of(database_url: str) -> Iterator[RunningPgBouncer]:
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    if not Path(binary).exists():
        raise RuntimeError("pgbouncer is not installed: scripts/bootstrap.sh test installs it")
    server = conninfo_to_dict(database_url)
    user = str(server.get("user", "postgres"))
    directory = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
    listen = free_port()
    (directory / "pgbouncer.ini").write_text(
        INI.format(
            host=server.get("host", "127.0.0.1"), port=server.get("port", 5432),
            listen=listen, dir=directory, user=user,
        )
    )  # fmt: skip
    (directory / "users.txt").write_text(f'"{user}" "{server.get("password", "")}"\n')
    command = [binary, str(directory / "pgbouncer.ini")]
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (directory, *directory.iterdir()):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        command[1:1] = ["-u", "postgres"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    running = RunningPgBouncer(listen, user, directory / "pgbouncer.log")
    try:
        _wait_until_listening(running, process)
        yield running
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)


def _wait_until_listening(running: RunningPgBouncer, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = running.log.read_text() if running.log.exists() else ""
            raise RuntimeError(f"pgbouncer exited ({process.returncode}): {log[-2000:]}")
        try:
            running.transactions("pgbouncer")
            return
        except psycopg.OperationalError:
            time.sleep(0.1)
    raise RuntimeError("pgbouncer did not start listening within 10 s")
