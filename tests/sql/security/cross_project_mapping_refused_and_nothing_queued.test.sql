-- Proves (issue #18): the owner of project B cannot tie B's Companies House integration to
-- a relationship of project A -- not by inserting a mapping (clients no longer write
-- mappings), not through integration_link_record (PB409, the same message as for a record
-- that does not exist), and not as a worker or service_role would (the database's check
-- applies to every writer); each time no mapping, no sync log and no job is written.
-- companies_house_link_company on A's relationship answers B's owner with the message a
-- missing relationship gets, naming only the id they passed (not A's integration).
-- The same mapping onto B's own relationship is accepted and queues its on_link runs.
begin;
select plan(13);
select tests.companies_house_fixture();

create function pg_temp.attempt(p_actor text, p_sql text)
returns jsonb language sql as $$
    select tests.rpc_outcome(p_actor, null, p_sql,
        $w$select (select count(*) from public.integration_sync_logs)
            + (select count(*) from procrastinate.procrastinate_jobs)
            + (select count(*) from public.integration_entity_mappings)$w$) - 'result'
$$;

create function pg_temp.b_integration() returns uuid language sql stable as $$
    select pi.id from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where p.key = 'companies_house' and pi.project_id = tests.id('ch_other')
$$;

create function pg_temp.insert_mapping(p_relationship text) returns text language sql stable as $$
    select format(
        $s$with m as (insert into public.integration_entity_mappings
            (project_integration_id, entity_type, internal_id, external_id, created_via, created_by)
            values (%L, 'company', %L, '01234567', 'link', tests.user_id('ca_owner')) returning 1)
        select count(*) from m$s$,
        pg_temp.b_integration(), tests.id(p_relationship))
$$;

select is(
    pg_temp.attempt('ch_other_owner', pg_temp.insert_mapping('ch_rel')),
    '{"outcome": "42501", "message": "permission denied for table integration_entity_mappings", "written": 0}',
    'owner of B inserting a mapping from B''s integration to A''s relationship: no privilege, nothing written'
);
select is(
    pg_temp.attempt('ch_other_owner', pg_temp.insert_mapping('ch_other_rel')) ->> 'outcome',
    '42501',
    'clients insert no mappings at all, even onto their own records'
);
select is(
    pg_temp.attempt('ch_other_owner', format(
        'select public.integration_link_record(%L, %L, %L, %L)',
        pg_temp.b_integration(), 'company', tests.id('ch_rel'), '01234567')),
    jsonb_build_object('outcome', 'PB409', 'written', 0, 'message',
        format('company %s is not a record of this integration''s project', tests.id('ch_rel'))),
    'owner of B linking A''s relationship by RPC: PB409, nothing written'
);
select is(
    pg_temp.attempt('ch_other_owner', format(
        'select public.integration_link_record(%L, %L, %L, %L)',
        pg_temp.b_integration(), 'company', tests.id('no_such_relationship'), '01234567')) ->> 'message',
    format('company %s is not a record of this integration''s project', tests.id('no_such_relationship')),
    'a relationship that does not exist gets the same message (no existence oracle)'
);
select is(
    pg_temp.attempt('postgres', pg_temp.insert_mapping('ch_rel')) - 'message',
    '{"outcome": "PB409", "written": 0}',
    'as the workers'' role: refused by the database, nothing written'
);
select is(
    pg_temp.attempt('service_role', pg_temp.insert_mapping('ch_rel')) - 'message',
    '{"outcome": "PB409", "written": 0}',
    'as service_role: refused by the database, nothing written'
);
select is(
    pg_temp.attempt('postgres', replace(pg_temp.insert_mapping('ch_rel'), '''company''', '''nonsense''')) - 'message',
    '{"outcome": "PB422", "written": 0}',
    'an entity type Plugboard does not map: PB422'
);
select is(
    pg_temp.attempt('ch_other_owner', format(
        'select public.integration_link_record(%L, %L, %L, %L)',
        pg_temp.b_integration(), 'account', tests.id('ch_other_rel'), '01234567')) - 'message',
    '{"outcome": "PB422", "written": 0}',
    'integration_link_record links records, not reference codes: PB422'
);
select is(
    pg_temp.attempt('ch_other_owner', format(
        'select public.integration_map_code(%L, %L, %L, %L)',
        pg_temp.b_integration(), 'vendor', tests.id('ch_rel'), '58')) - 'message',
    '{"outcome": "PB422", "written": 0}',
    'integration_map_code maps codes, not records: PB422'
);
select is(
    pg_temp.attempt('ch_other_owner', format(
        'select public.companies_house_link_company(%L, %L)', tests.id('ch_rel'), '01234567')),
    jsonb_build_object('outcome', 'PB404', 'written', 0, 'message', format(
        'no relationship %s with a Companies House integration in a project you belong to', tests.id('ch_rel'))),
    'companies_house_link_company on A''s relationship: PB404 naming only the id passed'
);
select is(
    pg_temp.attempt('ch_other_owner', format(
        'select public.companies_house_link_company(%L, %L)', tests.id('no_such_relationship'), '01234567')) ->> 'message',
    format('no relationship %s with a Companies House integration in a project you belong to',
        tests.id('no_such_relationship')),
    'and the same message for a relationship that does not exist'
);
-- the same link within B: a mapping and its three on_link runs (a log and a job each)
select is(
    pg_temp.attempt('ch_other_owner', format(
        'select public.integration_link_record(%L, %L, %L, %L)',
        pg_temp.b_integration(), 'company', tests.id('ch_other_rel'), '01234567')),
    '{"outcome": "ok", "written": 7}',
    'owner of B linking B''s own relationship: a mapping, three runs queued'
);
select is(
    (select count(*)::int from public.integration_entity_mappings
     where internal_id in (tests.id('ch_rel')::text, tests.id('ch_other_rel')::text)), 0,
    'no mapping is left from any attempt'
);

select * from finish();
rollback;
