"""What the QuickBooks actions read from Plugboard's tables: relationships and
transactions with the QuickBooks ids their references map to (accounts, tax codes,
classes, vendors, customers), each in one query however many records are asked for, and
only in the run's project (HostRecords: a record of another project fails the run)."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from python_workers.engine.host_records import HostRecords

_MAPPED = """
left join public.integration_entity_mappings as {alias}
    on {alias}.project_integration_id = %(integration_id)s and {alias}.entity_type = {kind}
    and {alias}.internal_id = {internal}
"""


class LineRow(BaseModel):
    number: int
    description: str | None
    quantity: Decimal | None
    unit_amount: Decimal | None
    amount: Decimal | None
    account_id: str | None
    tax_code_id: str | None
    class_id: str | None


class TransactionRow(BaseModel):
    id: str
    relationship_id: str | None
    transaction_type: str
    transaction_direction: str
    reference: str | None
    description: str | None
    transaction_date: str
    due_date: str | None
    currency_code: str
    payment_type: str | None
    payment_account_id: str | None
    vendor_id: str | None
    customer_id: str | None
    mapped_id: str | None
    mapped_version: str | None
    mapped_hash: str | None
    lines: list[LineRow]


class RelationshipRow(BaseModel):
    id: str
    entity_type: str
    display_name: str
    legal_name: str | None
    email: str | None
    phone: str | None
    website: str | None
    address_line1: str | None
    address_line2: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country_code: str | None
    currency_code: str | None
    mapped_id: str | None
    mapped_version: str | None
    mapped_hash: str | None
    mapped_via: str | None  # 'match': linked to QuickBooks' record of the same name


TRANSACTIONS_SQL = (
    """
select t.id::text, t.relationship_id::text, t.transaction_type, t.transaction_direction,
    t.reference, t.description, t.transaction_date::text, t.due_date::text, t.currency_code,
    private.quickbooks_payment_method(t.payment_method) ->> 'payment_type' as payment_type,
    pay.external_id as payment_account_id, ven.external_id as vendor_id,
    cus.external_id as customer_id, own.external_id as mapped_id,
    own.external_version as mapped_version, own.sync_hash as mapped_hash,
    coalesce((
        select jsonb_agg(jsonb_build_object(
            'number', l.line_number, 'description', l.description,
            'quantity', l.quantity::text, 'unit_amount', l.unit_amount::text,
            'amount', l.amount::text, 'account_id', acc.external_id,
            'tax_code_id', tax.external_id, 'class_id', cls.external_id
        ) order by l.line_number)
        from public.transaction_lines as l
    """
    + _MAPPED.format(alias="acc", kind="'account'", internal="l.account_code")
    + _MAPPED.format(alias="tax", kind="'tax_code'", internal="l.tax_code")
    + _MAPPED.format(alias="cls", kind="'class'", internal="l.class_code")
    + """
        where l.transaction_id = t.id
    ), '[]') as lines
from public.transactions as t
"""
    + _MAPPED.format(alias="pay", kind="'account'", internal="t.payment_account_code")
    + _MAPPED.format(alias="ven", kind="'vendor'", internal="t.relationship_id::text")
    + _MAPPED.format(alias="cus", kind="'customer'", internal="t.relationship_id::text")
    + _MAPPED.format(alias="own", kind="'transaction'", internal="t.id::text")
    + """
where t.id = any(%(ids)s::uuid[]) and t.project_id = %(project_id)s
order by t.id
"""
)

RELATIONSHIPS_SQL = (
    """
select r.id::text, r.entity_type, r.display_name, r.legal_name, r.email, r.phone, r.website,
    r.address_line1, r.address_line2, r.city, r.region, r.postal_code, r.country_code,
    r.currency_code, own.external_id as mapped_id, own.external_version as mapped_version,
    own.sync_hash as mapped_hash, own.created_via as mapped_via
from public.project_relationships as r
"""
    + _MAPPED.format(alias="own", kind="%(kind)s", internal="r.id::text")
    + """
where r.id = any(%(ids)s::uuid[]) and r.project_id = %(project_id)s
order by r.id
"""
)


async def transactions(
    host: HostRecords, integration_id: UUID, ids: list[str]
) -> list[TransactionRow]:
    return await host.fetch(
        "transactions", ids, TRANSACTIONS_SQL, {"integration_id": integration_id}, TransactionRow
    )


async def relationships(
    host: HostRecords, integration_id: UUID, ids: list[str], kind: str
) -> list[RelationshipRow]:
    return await host.fetch(
        "project_relationships", ids, RELATIONSHIPS_SQL,
        {"integration_id": integration_id, "kind": kind}, RelationshipRow,
    )  # fmt: skip
