-- Proves: the trigger handles many projects in one statement: a multi-row insert (GB, US,
-- FR, null at once) and a multi-row update moving each project to another country give
-- each project exactly what a single-row statement would (counting the integrations of
-- the fixture providers, tests.register_auto_enable_providers).
begin;
select plan(3);
select tests.register_auto_enable_providers();

insert into public.projects (id, name, country_code) values
(tests.id('m_gb'), 'm GB', 'GB'),
(tests.id('m_us'), 'm US', 'US'),
(tests.id('m_fr'), 'm FR', 'FR'),
(tests.id('m_none'), 'm none', null),
(tests.id('m_gb2'), 'm GB 2', 'GB');

select results_eq(
    $$select p.name, count(pi.id)::int, count(pi.id) filter (where pi.is_enabled and pi.enabled_by = 'auto')::int
      from public.projects as p
      left join public.project_integrations as pi on pi.project_id = p.id
          and pi.provider_id in (select id from public.integration_providers where key like 'fixture\_%')
      where p.name like 'm %' group by p.name order by p.name$$,
    $$values ('m FR', 0, 0), ('m GB', 3, 3), ('m GB 2', 3, 3), ('m US', 1, 1), ('m none', 0, 0)$$,
    'one insert of five projects: GB 3, GB 3, US 1, FR 0, none 0'
);

update public.projects as p
set country_code = v.country_code
from (values
    (tests.id('m_gb'), 'US'),
    (tests.id('m_us'), 'GB'),
    (tests.id('m_fr'), 'GB'),
    (tests.id('m_none'), 'IE'),
    (tests.id('m_gb2'), null)
) as v (id, country_code)
where p.id = v.id;

select results_eq(
    $$select p.name, string_agg(pr.key || ':' || case when pi.is_enabled then 'on' else 'off' end, ',' order by pr.key)
      from public.projects as p
      left join public.project_integrations as pi on pi.project_id = p.id
          and pi.provider_id in (select id from public.integration_providers where key like 'fixture\_%')
      left join public.integration_providers as pr on pr.id = pi.provider_id
      where p.name like 'm %' group by p.name order by p.name$$,
    $$values
      ('m FR', 'fixture_ledger:on,fixture_local:on,fixture_wide:on'),
      ('m GB', 'fixture_ledger:off,fixture_local:off,fixture_wide:on'),
      ('m GB 2', 'fixture_ledger:off,fixture_local:off,fixture_wide:off'),
      ('m US', 'fixture_ledger:on,fixture_local:on,fixture_wide:on'),
      ('m none', 'fixture_wide:on')$$,
    'one update of five projects: GB->US, US->GB, FR->GB, null->IE, GB->null each as on its own'
);
select is_empty(
    $$select 1 from public.v_project_integration_features as v join public.projects as p on p.id = v.project_id
      where p.name like 'm %' and v.integration_enabled and not v.is_enabled$$,
    'after the bulk update every feature of an enabled integration is enabled'
);

select * from finish();
rollback;
