create table public.transactions (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references public.projects (id) on delete cascade,
    relationship_id uuid,
    transaction_type text not null check (
        transaction_type in ('Expense', 'Invoice', 'Payroll Invoice', 'Reimbursement')
    ),
    transaction_direction text not null check (transaction_direction in ('inbound', 'outbound')),
    status text not null default 'Draft' check (
        status in ('Draft', 'Submitted', 'Approved', 'Rejected', 'Paid')
    ),
    reference text,
    description text,
    transaction_date date not null default current_date,
    due_date date,
    currency_code text not null check (currency_code ~ '^[A-Z]{3}$'),
    subtotal_amount numeric(18, 2),
    tax_amount numeric(18, 2),
    total_amount numeric(18, 2),
    payment_method text check (
        payment_method in ('Cash', 'Bank Transfer', 'Credit Card', 'Debit Card', 'Check')
    ),
    payment_account_code text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (due_date is null or due_date >= transaction_date),
    -- a transaction's relationship is one of its own project's
    constraint transactions_relationship_id_fkey foreign key (relationship_id, project_id)
    references public.project_relationships (id, project_id) on delete restrict
);

comment on column public.transactions.payment_account_code is
'Internal code of the account an expense was paid from (mapped like line accounts).';

create index transactions_project_id_status_idx on public.transactions (project_id, status);

alter table public.transactions enable row level security;

create index transactions_relationship_id_idx on public.transactions (relationship_id, project_id);
