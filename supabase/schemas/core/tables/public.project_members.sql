create table public.project_members (
    project_id uuid not null references public.projects (id) on delete cascade,
    user_id uuid not null references auth.users (id) on delete cascade,
    role_id uuid not null references public.roles (id) on delete restrict,
    created_at timestamptz not null default now(),
    primary key (project_id, user_id)
);

create index project_members_user_id_idx on public.project_members (user_id);

create index project_members_role_id_idx on public.project_members (role_id);

alter table public.project_members enable row level security;
