"""A bare procrastinate worker whose one task does nothing but note when it started: the
yardstick the engine benchmark measures Plugboard against. Procrastinate as it ships: its
own connector (pool of 4, each statement in a transaction of its own), only pointed at the
schema Plugboard installs it in; `tuned` gives it Plugboard's queue connector instead
(engine/app.py: autocommit), to show what that tuning alone is worth.

    python -m bench._engine_noop_worker <database url> <file> [<concurrency>] [tuned]
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import procrastinate

from python_workers.engine.queue_connector import queue_connector

TASK = "bench.noop"


def main() -> None:
    url, started_file = sys.argv[1], Path(sys.argv[2])
    concurrency = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    tuned = sys.argv[4:] == ["tuned"]
    connector = (
        queue_connector(url, max_size=4)
        if tuned
        else procrastinate.PsycopgConnector(
            conninfo=url, kwargs={"options": "-c search_path=procrastinate"}, max_size=4
        )
    )
    app = procrastinate.App(connector=connector)
    out = started_file.open("a", buffering=1)  # a line at a time, seen at once

    @app.task(name=TASK, queue="bench")
    async def noop(n: int) -> None:
        out.write(f"{n} {time.time()}\n")

    async def run() -> None:
        async with app.open_async():
            await app.run_worker_async(
                queues=["bench"], concurrency=concurrency, delete_jobs="always"
            )

    asyncio.run(run())


if __name__ == "__main__":
    main()
