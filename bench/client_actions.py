"""`plugboard bench client_actions`: validate_transaction_send_to through the RPC.

A project whose QuickBooks integration has 5,000 cached accounts (each mapped from an
internal code) validates approved expenses of 1, 10 and 50 lines through
public.integration_client_action, each call a request as PostgREST serves it: one
transaction in which one statement sets the role (authenticated) and the JWT claims
(set_config(..., true)) and the next calls the RPC. p50 / p99 per call and the cost of one
more line (from the 1- and 50-line medians).
Targets: p50 <= 2 ms for 10 lines, p99 <= 10 ms for 50 lines.
"""

from __future__ import annotations

import json
import os
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from bench.report import report
from bench.scratch_db import scratch_database

ACCOUNTS = 5_000
LINE_COUNTS = (1, 10, 50)
WARMUP = 200
CALLS = 2_000
USER = uuid.UUID("00000000-0000-4000-8000-00000000be11")
PROJECT = uuid.UUID("00000000-0000-4000-8000-00000000be12")
CLAIMS = json.dumps({"sub": str(USER), "role": "authenticated"})
EXPENSE_TYPES = "array['Expense', 'Other Expense', 'Cost of Goods Sold']"

SEED = f"""
insert into auth.users (id, email, role, aud)
values ('{USER}', 'bench@test.invalid', 'authenticated', 'authenticated');
insert into public.projects (id, name, country_code, created_by)
values ('{PROJECT}', 'Bench', 'GB', '{USER}');
update public.project_integrations
set status = 'Connected', settings = '{{"home_currency": "GBP", "uses_tax": true}}'
where project_id = '{PROJECT}';
create temporary table qb as
select pi.id, pi.provider_id from public.project_integrations as pi
join public.integration_providers as p on p.id = pi.provider_id
where pi.project_id = '{PROJECT}' and p.key = 'quickbooks';
insert into public.integration_reference_data
    (provider_id, project_integration_id, kind, external_id, code, name, data)
select qb.provider_id, qb.id, 'account', i::text, (10000 + i)::text, 'Account ' || i,
    jsonb_build_object(
        'AccountType', case when i = 1 then 'Credit Card' else ({EXPENSE_TYPES})[1 + i % 3] end,
        'AccountSubType', 'Other')
from qb, generate_series(1, {ACCOUNTS}) as i
union all
select qb.provider_id, qb.id, 'tax_code', 'T1', null, '20.0% S', '{{}}' from qb;
insert into public.integration_entity_mappings
    (project_integration_id, entity_type, internal_id, external_id)
select qb.id, 'account', (10000 + i)::text, i::text from qb, generate_series(1, {ACCOUNTS}) as i
union all
select qb.id, 'tax_code', 'T1', 'T1' from qb;
"""

TRANSACTION = """
with t as (
    insert into public.transactions (project_id, transaction_type, transaction_direction, status,
        transaction_date, currency_code, subtotal_amount, tax_amount, total_amount,
        payment_method, payment_account_code)
    values (%(project)s, 'Expense', 'inbound', 'Approved', current_date, 'GBP',
        %(lines)s * 10, %(lines)s * 2, %(lines)s * 12, 'Credit Card', '10001')
    returning id
), l as (
    insert into public.transaction_lines
        (transaction_id, line_number, amount, tax_amount, account_code, tax_code)
    select t.id, n, 10, 2, (10002 + (n * 97) %% 4998)::text, 'T1'
    from t, generate_series(1, %(lines)s) as n
)
select id from t
"""


def _call(conn: psycopg.Connection[Any], params: Jsonb) -> Any:
    with conn.transaction():
        conn.execute(
            "select set_config('role', 'authenticated', true),"
            " set_config('request.jwt.claims', %s, true)",
            (CLAIMS,),
        )
        row = conn.execute(
            "select public.integration_client_action("
            "'quickbooks', 'validate_transaction_send_to', %s)",
            (params,),
        ).fetchone()
    assert row is not None
    return row[0]


def _backend_cpu_seconds(pid: int) -> float | None:
    """CPU time the server process has used (user + system), when it runs on this machine."""
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return None
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timings_ms(
    conn: psycopg.Connection[Any], transaction_id: uuid.UUID
) -> tuple[list[float], float | None]:
    """Wall-clock ms of each call, and the server's CPU ms per call (None when remote)."""
    params = Jsonb({"transaction_id": str(transaction_id)})
    result = _call(conn, params)
    assert result["valid"], result["errors"]
    for _ in range(WARMUP):
        _call(conn, params)
    pid = conn.info.backend_pid
    cpu_before = _backend_cpu_seconds(pid)
    timings = []
    for _ in range(CALLS):
        started = time.perf_counter()
        _call(conn, params)
        timings.append((time.perf_counter() - started) * 1000)
    cpu_after = _backend_cpu_seconds(pid)
    if cpu_before is None or cpu_after is None:
        return timings, None
    return timings, (cpu_after - cpu_before) / CALLS * 1000


def _p(timings: list[float], percent: int) -> float:
    return statistics.quantiles(timings, n=100, method="inclusive")[percent - 1]


def main() -> None:
    rows: list[dict[str, Any]] = []
    medians: dict[int, float] = {}
    with scratch_database("client_actions") as url, psycopg.connect(url, autocommit=True) as conn:
        conn.execute(SEED)
        conn.execute("analyze")
        for lines in LINE_COUNTS:
            found = conn.execute(TRANSACTION, {"project": PROJECT, "lines": lines}).fetchone()
            assert found is not None
            timings, cpu_ms = _timings_ms(conn, found[0])
            medians[lines] = _p(timings, 50)
            rows.append(
                {
                    "lines": lines,
                    "calls": CALLS,
                    "p50 ms": round(medians[lines], 3),
                    "p99 ms": round(_p(timings, 99), 3),
                    "mean ms": round(statistics.fmean(timings), 3),
                    "server CPU ms/call": None if cpu_ms is None else round(cpu_ms, 3),
                }
            )
    per_line_us = (medians[50] - medians[1]) / 49 * 1000
    for row in rows:
        row["µs per extra line"] = round(per_line_us, 1)
    report(
        "client_actions",
        rows,
        [
            "targets: p50 <= 2 ms for 10 lines, p99 <= 10 ms for 50 lines",
            f"{ACCOUNTS:,} cached accounts, each mapped; every line checked against both",
            "each call is a PostgREST-style request: begin; set_config role + jwt claims; "
            "the RPC; commit (timed end to end, client side)",
            f"{WARMUP} warm-up calls, then {CALLS:,} timed calls per size; cost per line from "
            "the 1- and 50-line medians",
            "server CPU ms/call: the PostgreSQL backend's own CPU time (/proc), which other "
            "load on the machine inflates less than wall-clock time; load average at the end: "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
        ],
    )
