-- The cron schedule a feature runs on for a project, or null when it is not schedulable.
create function private.schedule_of(
    p_integration public.project_integrations,
    p_feature public.integration_features,
    p_is_enabled boolean,
    p_trigger_type public.sync_trigger_type,
    p_trigger_config jsonb
)
returns text
language sql immutable
set search_path = ''
as $$
    -- one expression, no FROM: the planner inlines it into set-based queries
    select case
        when p_integration.is_enabled
            and p_integration.status = 'Connected'
            and p_feature.is_active
            and coalesce(p_is_enabled, true)
            and coalesce(p_trigger_type, p_feature.default_trigger) = 'on_schedule'
            then coalesce(p_trigger_config, p_feature.default_trigger_config) ->> 'schedule'
    end
$$;

revoke all on function private.schedule_of(
    public.project_integrations, public.integration_features, boolean,
    public.sync_trigger_type, jsonb
) from public;
