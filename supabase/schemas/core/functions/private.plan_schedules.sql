-- private.plan_schedules(now): one planning tick for every project's on_schedule features.
-- Due runs are found through the partial index on next_run_at and claimed with
-- FOR UPDATE SKIP LOCKED (overlapping ticks never take the same row); each due feature's
-- next_run_at moves to the first minute after `now` its schedule names (computed once per
-- distinct schedule), so a second tick within the minute finds nothing and a tick after
-- an outage runs a feature once, not once per missed minute. A run is queued unless the
-- same run is still waiting for a worker (then it is the run); the job's lock keeps two
-- runs of one feature from overlapping. pg_cron calls it every minute
-- (supabase/schemas/core/cron.sql); without pg_cron, `plugboard worker --plan-schedules` does. Returns
-- how many runs it queued.
create or replace function private.plan_schedules(p_now timestamptz default now())
returns integer
language plpgsql
set search_path = ''
as $$
declare
    c_batch constant integer := 1000;
    v_ids uuid [];
    v_due integer;
begin
    if exists (
        select
        from procrastinate.procrastinate_jobs as j
        where j.task_name = 'plugboard.plan_schedule_batch' and j.status in ('todo', 'doing')
    ) then
        return 0;
    end if;
    v_ids := array(
        select pif.id
        from public.project_integration_features as pif
        where pif.next_run_at <= p_now
    );
    v_due := pg_catalog.cardinality(v_ids);
    if v_due <= c_batch then
        return private.plan_schedule_batch(v_ids, p_now);
    end if;
    perform private.defer_queue_jobs(
        'plugboard',
        'plugboard.plan_schedule_batch',
        pg_catalog.array_fill(null::text, array[b.batches]),
        pg_catalog.array_fill(null::text, array[b.batches]),
        array(
            select pg_catalog.jsonb_build_object(
                'ids', pg_catalog.to_jsonb(v_ids[i * c_batch + 1:(i + 1) * c_batch]),
                'now', p_now
            )
            from generate_series(0, b.batches - 1) as i
        )
    )
    from (select (v_due + c_batch - 1) / c_batch as batches) as b;
    return v_due;
end
$$;

revoke all on function private.plan_schedules(timestamptz) from public;

comment on function private.plan_schedules(timestamptz) is
'One planning tick: plans every due on_schedule feature once (up to 1,000 itself, more '
'in plugboard.plan_schedule_batch jobs of 1,000 that workers run) and returns how many '
'were due; plans nothing while batches of an earlier tick are still queued. pg_cron runs '
'it every minute.';
