-- The host app's menu rows; the integration pages sit under Setup > Integrations.
create table public.menu_items (
    key text primary key,
    parent_key text references public.menu_items (key) on delete cascade,
    label text not null,
    icon text,
    sort_order integer not null default 0,
    permission_key text references public.permissions (key) on delete set null,
    path text
);

create index menu_items_parent_key_idx on public.menu_items (parent_key);

create index menu_items_permission_key_idx on public.menu_items (permission_key);

alter table public.menu_items enable row level security;
