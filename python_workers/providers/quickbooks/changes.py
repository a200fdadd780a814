"""Changes made in QuickBooks coming back: payments that settle Plugboard's invoices
(qb_payments, a realtime feature fed by webhooks), and CDC polling, the fallback that
finds the changes a missed webhook would have announced (qb_cdc_poll)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from python_workers.engine.host_records import HostRecords
from python_workers.engine.outcome import SyncCounts
from python_workers.providers.contract import ActionContext
from python_workers.providers.quickbooks import events, mappings
from python_workers.providers.quickbooks.api import QuickBooksApi, QuickBooksFault
from python_workers.providers.quickbooks.client import integration_ids, realm_of
from python_workers.providers.quickbooks.models import Payment

FIRST_POLL_LOOKBACK = timedelta(hours=1)

# QuickBooks entities whose changes concern a realtime feature of this entity type
CDC_ENTITIES = {
    "payment": ["Payment"], "vendor": ["Vendor"], "customer": ["Customer"],
    "account": ["Account"], "class": ["Class"], "tax_code": ["TaxCode"],
    "transaction": ["Purchase", "Bill", "Invoice"],
}  # fmt: skip

PAID_SQL = """
update public.transactions as t set status = 'Paid'
where t.id = %(id)s::uuid and t.project_id = %(project_id)s and t.status <> 'Paid'
    and t.transaction_direction = 'outbound'
"""


async def payment_received(ctx: ActionContext, api: QuickBooksApi, payment_id: str) -> SyncCounts:
    """Marks Paid the outbound invoices a QuickBooks payment settled in full: the invoice's
    Balance is 0, or this payment alone covers its total. Every invoice a link names is
    checked to be the project's before any is read or written."""
    integration_id, _ = integration_ids(ctx)
    host = HostRecords.of(ctx)
    try:
        payment = Payment.model_validate(await api.read("Payment", payment_id))
    except QuickBooksFault as fault:
        if fault.intuit_code != "610":
            raise
        return SyncCounts(records_processed=1, records_skipped=1, details={"deleted": True})
    amounts = payment.invoice_amounts()
    owners = {
        invoice_id: await mappings.owner(
            ctx.db, integration_id, "transaction", mappings.transaction_ref("Invoice", invoice_id)
        )
        for invoice_id in amounts
    }
    await host.require("transactions", [i for i in owners.values() if i is not None])
    paid: list[str] = []
    skipped: list[str] = []
    for invoice_id, amount in amounts.items():
        internal = owners[invoice_id]
        invoice = await api.read("Invoice", invoice_id) if internal else {}
        settled = Decimal(str(invoice.get("Balance", 1))) == 0 or amount >= Decimal(
            str(invoice.get("TotalAmt", "Infinity"))
        )
        if internal and settled:
            cursor = await host.execute(PAID_SQL, {"id": internal})
            (paid if cursor.rowcount else skipped).append(internal)
        else:
            skipped.append(invoice_id)
    return SyncCounts(
        records_processed=len(paid) + len(skipped),
        records_updated=len(paid),
        records_skipped=len(skipped),
        external_id=payment_id,
        details={"paid_transactions": paid},
    )


async def poll(ctx: ActionContext, api: QuickBooksApi) -> SyncCounts:
    integration_id, _ = integration_ids(ctx)
    cursor = await ctx.db.execute(
        "select f.entity_type from private.features_triggered_by('realtime', null, %s) as f",
        ([integration_id],),
    )
    realtime = [row[0] for row in await cursor.fetchall()]
    watched = sorted({name for kind in realtime for name in CDC_ENTITIES.get(kind, [])})
    cursor = await ctx.db.execute(
        "select changed_since from private.quickbooks_cdc_cursors"
        " where project_integration_id = %s for update",
        (integration_id,),
    )
    row = await cursor.fetchone()
    since: datetime = row[0] if row else datetime.now(UTC) - FIRST_POLL_LOOKBACK
    found = events.from_cdc(realm_of(ctx), await api.changes(watched, since)) if watched else []
    taken = await events.receive(ctx.db, found)
    latest = max((datetime.fromisoformat(e.time) for e in found if e.time), default=since)
    await ctx.db.execute(
        "insert into private.quickbooks_cdc_cursors (project_integration_id, changed_since)"
        " values (%s, %s) on conflict (project_integration_id) do update"
        " set changed_since = excluded.changed_since, polled_at = now()",
        (integration_id, latest),
    )
    return SyncCounts(
        records_processed=len(found),
        records_created=len(taken["log_ids"]),
        records_skipped=taken["duplicates"],
        details={"entities": watched, "since": since.isoformat(), "log_ids": taken["log_ids"]},
    )
