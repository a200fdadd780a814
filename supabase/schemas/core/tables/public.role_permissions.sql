create table public.role_permissions (
    role_id uuid not null references public.roles (id) on delete cascade,
    permission_key text not null references public.permissions (key) on delete cascade,
    primary key (role_id, permission_key)
);

create index role_permissions_permission_key_idx on public.role_permissions (permission_key);

alter table public.role_permissions enable row level security;
