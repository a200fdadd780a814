"""What the scale bench samples while it runs, every INTERVAL seconds from one connection
of its own: the database's connections (pg_stat_activity: all of them, and the workers'
by application_name) and the CPU time of the server processes serving the database
(/proc/<pid>/stat utime + stime of each backend pg_stat_activity lists; the largest
reading per pid counts, so a backend that exits between two samples loses at most one
interval of its time: the workers' pooled connections live for the whole run)."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from types import TracebackType

import psycopg

INTERVAL = 0.2
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Sample:
    peak_connections: int = 0
    peak_worker_connections: int = 0
    cpu_ticks: dict[int, int] = field(default_factory=dict)

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu_ticks.values()) / TICKS


class DatabaseSampler:
    """Use as `with DatabaseSampler(admin_url, dbname) as sample: ...`; `sample` fills in
    until the block ends. Its own connection is left out of every figure."""

    def __init__(self, admin_url: str, dbname: str) -> None:
        self.admin_url, self.dbname = admin_url, dbname
        self.sample = Sample()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._baseline: dict[int, int] = {}

    def __enter__(self) -> Sample:
        self._thread.start()
        return self.sample

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:  # fmt: skip
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            first = True
            while not self._stop.is_set():
                rows = conn.execute(
                    "select pid, coalesce(application_name, '') from pg_stat_activity"
                    " where datname = %s and pid <> pg_backend_pid()",
                    (self.dbname,),
                ).fetchall()
                self.sample.peak_connections = max(self.sample.peak_connections, len(rows))
                workers = sum(1 for _, name in rows if name.startswith("plugboard-worker:"))
                self.sample.peak_worker_connections = max(
                    self.sample.peak_worker_connections, workers
                )
                for pid, _ in rows:
                    ticks = _cpu_ticks(pid)
                    if ticks is None:
                        continue
                    if first:  # time spent before the run started is not the run's
                        self._baseline[pid] = ticks
                    used = ticks - self._baseline.get(pid, 0)
                    self.sample.cpu_ticks[pid] = max(self.sample.cpu_ticks.get(pid, 0), used)
                first = False
                self._stop.wait(INTERVAL)


def _cpu_ticks(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
