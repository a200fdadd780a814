create table public.permissions (
    key text primary key,
    description text not null
);

alter table public.permissions enable row level security;
