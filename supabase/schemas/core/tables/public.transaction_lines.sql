create table public.transaction_lines (
    id uuid primary key default gen_random_uuid(),
    transaction_id uuid not null references public.transactions (id) on delete cascade,
    line_number integer not null check (line_number > 0),
    description text,
    quantity numeric(18, 4),
    unit_amount numeric(18, 4),
    amount numeric(18, 2),
    tax_amount numeric(18, 2),
    account_code text,
    tax_code text,
    class_code text,
    unique (transaction_id, line_number)
);

comment on column public.transaction_lines.account_code is
'Internal account code; mapped to a provider account through integration_entity_mappings.';

alter table public.transaction_lines enable row level security;
