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
    updated_at timestamptz not null default now(),
    -- what a transaction's (relationship_id, project_id) references: its own project's
    unique (id, project_id)
);

create index project_relationships_project_id_idx on public.project_relationships (project_id);

create index project_relationships_company_number_idx
on public.project_relationships (company_number) where company_number is not null;

alter table public.project_relationships enable row level security;
