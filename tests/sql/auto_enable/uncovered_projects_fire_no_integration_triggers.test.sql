-- Proves: projects created in a country no provider covers insert no project integration,
-- and their statement no longer runs the empty insert whose statement triggers on
-- project_integrations (the 'added' history, rescheduling) ran for no row: the trigger
-- functions are not called (counted with this transaction's function statistics); a
-- statement mixing covered and uncovered projects still enables the covered ones.
begin;
select plan(4);
set local track_functions = 'pl';

create function pg_temp.calls() returns bigint language sql as $$
    select coalesce(sum(f.calls), 0)::bigint from pg_stat_xact_user_functions as f
    where f.funcid in (
        'private.tg_project_integrations__record_added()'::regprocedure,
        'private.tg_project_integrations__reschedule()'::regprocedure
    )
$$;
create temporary table calls (step text primary key, n bigint);

insert into calls values ('before', pg_temp.calls());
insert into public.projects (id, name, country_code) values (tests.id('un_fr'), 'Uncovered', 'FR');
insert into public.projects (id, name, country_code) values (tests.id('un_none'), 'No country', null);
select is(pg_temp.calls() - (select n from calls where step = 'before'), 0::bigint,
    'uncovered projects, one statement each: no trigger of project_integrations runs');
select is(
    (select count(*) from public.project_integrations where project_id in (tests.id('un_fr'), tests.id('un_none'))),
    0::bigint, 'and they have no integrations'
);

insert into calls values ('mixed', pg_temp.calls());
insert into public.projects (id, name, country_code) values
(tests.id('mx_fr'), 'Uncovered', 'FR'),
(tests.id('mx_gb'), 'Covered', 'GB');
select cmp_ok(pg_temp.calls() - (select n from calls where step = 'mixed'), '>', 0::bigint,
    'a statement with a covered project runs them');
select is(
    (select array_agg(p.key order by p.key) from public.project_integrations as pi
     join public.integration_providers as p on p.id = pi.provider_id where pi.project_id = tests.id('mx_gb')),
    (select array_agg(p.key order by p.key) from public.integration_provider_countries as pc
     join public.integration_providers as p on p.id = pc.provider_id
     where pc.country_code = 'GB' and p.auto_enable_for_country and p.is_active),
    'the covered project gets every provider covering GB'
);

select * from finish();
rollback;
