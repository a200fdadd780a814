-- The queue priority of a sync run: a run someone waits for (a host record's status change,
-- a person's "sync now", a link, a realtime change) goes ahead of scheduled runs, which a
-- busy day can queue by the thousand (plugboard bench scale).
create function private.sync_run_priority(p_trigger public.sync_trigger_type)
returns integer
language sql immutable
set search_path = ''
as $$
    select case when p_trigger = 'on_schedule' then 0 else 1 end
$$;

comment on function private.sync_run_priority(public.sync_trigger_type) is
'procrastinate priority of a sync run of this trigger: scheduled 0, every other 1.';

revoke all on function private.sync_run_priority(public.sync_trigger_type) from public;
