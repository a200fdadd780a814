create table public.roles (
    id uuid primary key default gen_random_uuid(),
    key text not null unique,
    name text not null
);

alter table public.roles enable row level security;
