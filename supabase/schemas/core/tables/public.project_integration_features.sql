create table public.project_integration_features (
    id uuid primary key default gen_random_uuid(),
    project_integration_id uuid not null
    references public.project_integrations (id) on delete cascade,
    feature_id uuid not null references public.integration_features (id) on delete cascade,
    is_enabled boolean not null default true,
    trigger_type public.sync_trigger_type,
    trigger_config jsonb,
    last_run_at timestamptz,
    next_run_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (project_integration_id, feature_id)
);

comment on column public.project_integration_features.trigger_type is
'Per-project override of the feature''s default trigger; null means the default.';

comment on column public.project_integration_features.trigger_config is
'Per-project override of the default trigger config; null means the default.';

create index project_integration_features_feature_id_idx
on public.project_integration_features (feature_id);

alter table public.project_integration_features enable row level security;

-- Signed-in users with integration:manage switch features and override triggers; the
-- engine's schedule state (next_run_at) is Plugboard's alone.
revoke insert, update on public.project_integration_features from authenticated;

grant insert (project_integration_id, feature_id, is_enabled, trigger_type, trigger_config)
on public.project_integration_features to authenticated;

grant update (is_enabled, trigger_type, trigger_config)
on public.project_integration_features to authenticated;

-- Schedule state: next_run_at is set exactly while a feature is schedulable (the
-- integration enabled and Connected, the feature active and enabled, its effective trigger
-- on_schedule) to the next minute its effective cron schedule names; the planner
-- (private.plan_schedules) finds due runs through this index. Kept up to date by the
-- triggers in supabase/schemas/core/triggers/.
create index project_integration_features_next_run_at_idx
on public.project_integration_features (next_run_at)
where next_run_at is not null;
