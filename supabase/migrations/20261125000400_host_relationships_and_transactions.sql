-- Host-app records the sync features point at: relationships (suppliers, customers) and
-- transactions with their lines.

create table public.project_relationships (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references public.projects (id) on delete cascade,
    entity_type text not null check (entity_type in ('Business', 'Individual')),
    role_can_be_vendor boolean not null default false,
    role_can_be_customer boolean not null default false,
    display_name text not null,
    legal_name text,
    email text,
    phone text,
    website text,
    address_line1 text,
    address_line2 text,
    city text,
    region text,
    postal_code text,
    country_code text check (private.is_iso_country(country_code)),
    currency_code text check (currency_code ~ '^[A-Z]{3}$'),
    tax_number text,
    company_number text,
    sic_codes text[],
    company_status text,
    status text not null default 'Active' check (status in ('Active', 'Inactive', 'Archived')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create index project_relationships_project_id_idx on public.project_relationships (project_id);
create index project_relationships_company_number_idx
on public.project_relationships (company_number) where company_number is not null;

create table public.transactions (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references public.projects (id) on delete cascade,
    relationship_id uuid references public.project_relationships (id) on delete restrict,
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
    check (due_date is null or due_date >= transaction_date)
);

comment on column public.transactions.payment_account_code is
'Internal code of the account an expense was paid from (mapped like line accounts).';

create index transactions_project_id_status_idx on public.transactions (project_id, status);
create index transactions_relationship_id_idx on public.transactions (relationship_id);

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

create trigger "10_set_updated_at"
before update on public.project_relationships
for each row execute function private.tg_set_updated_at();

create trigger "10_set_updated_at"
before update on public.transactions
for each row execute function private.tg_set_updated_at();
