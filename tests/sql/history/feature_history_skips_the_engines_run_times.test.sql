-- Proves: the engine's writes of a feature's run times (last_run_at when a run ends,
-- next_run_at when a schedule is planned) do not call the feature history trigger
-- (counted with this transaction's function statistics) and record nothing, while a
-- switch and a trigger change on the same row are still recorded.
begin;
select plan(3);
select tests.create_rls_fixture();
set local track_functions = 'pl';

create function pg_temp.calls() returns bigint language sql as $$
    select coalesce((select f.calls from pg_stat_xact_user_functions as f
        where f.funcid = 'private.tg_project_integration_features__record_history()'::regprocedure), 0)
$$;
create temporary table mark on commit drop as
select pg_temp.calls() as calls, (select count(*) from public.integration_config_history) as rows;

update public.project_integration_features set last_run_at = now() where id = tests.id('pif_a');
update public.project_integration_features set next_run_at = now() + interval '1 hour' where id = tests.id('pif_a');
select is(
    (select row(pg_temp.calls() - m.calls, (select count(*) from public.integration_config_history) - m.rows)::text
     from mark as m),
    row(0::bigint, 0::bigint)::text,
    'run times written: the history trigger is not called, nothing recorded'
);

update public.project_integration_features set is_enabled = true where id = tests.id('pif_a');
update public.project_integration_features
set trigger_type = 'on_schedule', trigger_config = '{"entity": "projects", "schedule": "0 6 * * *"}'
where id = tests.id('pif_a');
select is(
    (select array_agg(action order by id) from public.integration_config_history
     where id > (select coalesce(max(id), 0) - 2 from public.integration_config_history)),
    array['enabled', 'trigger_changed'],
    'a switch and a trigger change are recorded'
);
select is(pg_temp.calls() - (select calls from mark), 2::bigint, 'called once for each of them');

select * from finish();
rollback;
