-- A project's override changing: its schedule restarts from now when what is scheduled
-- changed, else next_run_at stays.
-- The next run is at least the provider's minimum schedule interval from now.
create or replace function private.tg_project_integration_features__schedule()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
    v_feature public.integration_features;
    v_schedule text;
begin
    select * into v_integration from public.project_integrations as pi where pi.id = new.project_integration_id;
    select * into v_feature from public.integration_features as f where f.id = new.feature_id;
    v_schedule := private.schedule_of(v_integration, v_feature, new.is_enabled, new.trigger_type, new.trigger_config);
    if v_schedule is null then
        new.next_run_at := null;
    elsif tg_op = 'INSERT' or new.next_run_at is null
        or v_schedule is distinct from private.schedule_of(
            v_integration, v_feature, old.is_enabled, old.trigger_type, old.trigger_config) then
        new.next_run_at := private.schedule_next(
            v_schedule,
            now(),
            (select p.min_schedule_interval from public.integration_providers as p where p.id = v_feature.provider_id)
        );
    end if;
    return new;
end
$$;

revoke all on function private.tg_project_integration_features__schedule() from public;
