-- Proves: integration_set_enabled, integration_feature_set_enabled and
-- integration_feature_set_trigger -- permission matrix (integration:manage: owner and
-- service_role change; member PB403; outsider PB403 / PB404; anon no execute privilege;
-- nothing changes when refused), enabled_by becomes manual, a provider must cover the
-- project's country, overrides and their reset, PB400 for a bad trigger config.
begin;
select plan(23);
select tests.client_action_fixture();

create temporary table matrix (rpc text, actor text, expected text) on commit drop;
insert into matrix
select r.rpc, a.actor, case
    when a.actor in ('ca_owner', 'service_role') then 'ok'
    when a.actor = 'anon' then '42501'
    when a.actor = 'ca_outsider' and r.rpc <> 'set_enabled' then 'PB404'
    else 'PB403'
end
from (values ('set_enabled'), ('feature_set_enabled'), ('feature_set_trigger')) as r (rpc)
cross join (values ('ca_owner'), ('service_role'), ('ca_member'), ('ca_outsider'), ('anon')) as a (actor);

create temporary table calls (rpc text, sql text, watch text) on commit drop;
insert into calls values
('set_enabled',
    format('select public.integration_set_enabled(%L, %L, false)', tests.id('ca_project'), 'quickbooks'),
    format('select count(*) from public.project_integrations where project_id = %L and not is_enabled',
        tests.id('ca_project'))),
('feature_set_enabled',
    format('select public.integration_feature_set_enabled(%L, %L, false)',
        tests.integration_id('ca_project', 'quickbooks'), 'vendors'),
    'select count(*) from public.project_integration_features where not is_enabled'),
('feature_set_trigger',
    format('select public.integration_feature_set_trigger(%L, %L, %L)',
        tests.integration_id('ca_project', 'quickbooks'), 'expenses', 'on_manual'),
    'select count(*) from public.project_integration_features where trigger_type is not null');
grant select on calls to anon, authenticated, service_role;

select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'written', (o ->> 'written')::int)
     from (select tests.rpc_outcome(m.actor, null, c.sql, c.watch)) as q (o)),
    jsonb_build_object('outcome', m.expected, 'written', case m.expected when 'ok' then 1 else 0 end),
    format('%s as %s: %s', m.rpc, m.actor, m.expected)
)
from matrix as m
join calls as c using (rpc)
order by m.rpc, m.actor;

select is(
    (select o #>> '{result,enabled_by}' from (select tests.rpc_outcome('ca_owner', null,
        format('select public.integration_set_enabled(%L, %L, false)', tests.id('ca_project'), 'quickbooks'))) as q (o)),
    'manual', 'switching an integration makes it manual (the country trigger leaves it alone)');
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner',
        $$update public.projects set country_code = 'US' where id = tests.id('ca_project')$$,
        format('select public.integration_set_enabled(%L, %L, true)', tests.id('ca_project'), 'hmrc'))) as q (o)),
    'PB409', 'HMRC cannot be switched on for a US project');
select is(
    (select o #>> '{result,is_enabled}' from (select tests.rpc_outcome('ca_owner',
        $$update public.projects set country_code = 'US' where id = tests.id('ca_project')$$,
        format('select public.integration_set_enabled(%L, %L, true)', tests.id('ca_project'), 'quickbooks'))) as q (o)),
    'true', 'QuickBooks can be switched on for a US project');
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner', null,
        format('select public.integration_set_enabled(%L, %L, true)', tests.id('ca_project'), 'no-such-provider'))) as q (o)),
    'PB404', 'an unknown provider (a key the catalogue cannot hold): PB404');
select is(
    (select o #>> '{result,trigger_type}'
     from (select tests.rpc_outcome('ca_owner', null, format('select public.integration_feature_set_trigger(%L, %L, %L)',
        tests.integration_id('ca_project', 'quickbooks'), 'expenses', 'on_manual'))) as q (o)),
    'on_manual', 'a trigger override takes effect');
select is(
    (select o #>> '{result,is_overridden}' from (select tests.rpc_outcome('ca_owner',
        $$insert into public.project_integration_features (project_integration_id, feature_id, trigger_type)
          select tests.integration_id('ca_project', 'quickbooks'), f.id, 'on_manual' from public.integration_features f
          join public.integration_providers p on p.id = f.provider_id where p.key = 'quickbooks' and f.key = 'expenses'
          on conflict (project_integration_id, feature_id) do update set trigger_type = 'on_manual'$$,
        format('select public.integration_feature_set_trigger(%L, %L, null, null)',
            tests.integration_id('ca_project', 'quickbooks'), 'expenses'))) as q (o)),
    'false', 'null trigger and config: back to the catalogue''s default');
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner', null,
        format('select public.integration_feature_set_trigger(%L, %L, %L, %L)',
            tests.integration_id('ca_project', 'quickbooks'), 'expenses', 'on_schedule', '{"entity": "transactions"}')))
        as q (o)),
    'PB400', 'on_schedule without a schedule: PB400 from the trigger-config check');
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner', null,
        format('select public.integration_feature_set_enabled(%L, %L, true)',
            tests.integration_id('ca_project', 'quickbooks'), 'nope'))) as q (o)),
    'PB404', 'an unknown feature: PB404');

select * from finish();
rollback;
