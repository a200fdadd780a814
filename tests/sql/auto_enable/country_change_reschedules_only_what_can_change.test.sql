-- Proves: a country change reschedules only integrations whose schedules can change: one
-- switched off that was never connected (no next run set) is left alone, so
-- private.reschedule_integrations is not called for it; a Connected one with a scheduled
-- feature, switched off, has its next run cleared, and switched on again gets it back.
-- The fixture providers (tests.register_auto_enable_providers) play the catalogue:
-- fixture_wide (GB, US, CA, IE) has the on_schedule feature `pulls`.
begin;
select plan(5);
select tests.register_auto_enable_providers();
set local track_functions = 'pl';

create function pg_temp.reschedules() returns bigint language sql as $$
    select coalesce((select f.calls from pg_stat_xact_user_functions as f
        where f.funcid = 'private.reschedule_integrations(uuid[],boolean)'::regprocedure), 0)
$$;
create temporary table calls (step text primary key, n bigint);

insert into public.projects (id, name, country_code) values
(tests.id('rs_pending'), 'Never connected', 'GB'),
(tests.id('rs_connected'), 'Connected', 'GB');

insert into calls values ('before', pg_temp.reschedules());
update public.projects set country_code = 'FR' where id = tests.id('rs_pending');
select is(pg_temp.reschedules() - (select n from calls where step = 'before'), 0::bigint,
    'integrations switched off that were never connected: nothing rescheduled');
select is(
    (select count(*) from public.project_integrations where project_id = tests.id('rs_pending') and is_enabled),
    0::bigint, 'and they are switched off all the same');

update public.project_integrations as pi set status = 'Connected'
from public.integration_providers as p
where pi.provider_id = p.id and p.key = 'fixture_wide' and pi.project_id = tests.id('rs_connected');

create function pg_temp.next_run() returns timestamptz language sql as $$
    select pif.next_run_at
    from public.project_integration_features as pif
    inner join public.project_integrations as pi on pif.project_integration_id = pi.id
    inner join public.integration_features as f on pif.feature_id = f.id
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.project_id = tests.id('rs_connected') and p.key = 'fixture_wide' and f.key = 'pulls'
$$;
select isnt(pg_temp.next_run(), null, 'Connected: its scheduled feature has a next run');
update public.projects set country_code = 'FR' where id = tests.id('rs_connected');
select is(pg_temp.next_run(), null, 'switched off by the move to FR: its next run cleared');
update public.projects set country_code = 'IE' where id = tests.id('rs_connected');
select isnt(pg_temp.next_run(), null, 'switched on again by the move to IE: scheduled again');

select * from finish();
rollback;
