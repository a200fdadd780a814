-- Proves: a project's feature overrides (is_enabled, trigger_type, trigger_config on
-- project_integration_features) survive GB -> US -> GB, and the effective state
-- (v_project_integration_features) shows them again once the integration is back on.
begin;
select plan(6);

insert into public.projects (id, name, country_code) values (tests.id('ovr'), 'Overrides', 'GB');

-- quickbooks expenses: synced by hand instead of on approval; quickbooks vendors: off;
-- hmrc vat_obligations: a different schedule
insert into public.project_integration_features (project_integration_id, feature_id, is_enabled, trigger_type, trigger_config)
select pi.id, f.id, o.is_enabled, o.trigger_type::public.sync_trigger_type, o.trigger_config::jsonb
from (values
    ('quickbooks', 'expenses', true, 'on_manual', '{"entity": "transactions", "filter": {"transaction_type": "Expense"}}'),
    ('quickbooks', 'vendors', false, null, null),
    ('hmrc', 'vat_obligations', true, 'on_schedule', '{"entity": "projects", "schedule": "30 7 * * 1"}')
) as o (provider_key, feature_key, is_enabled, trigger_type, trigger_config)
inner join public.integration_providers as p on p.key = o.provider_key
inner join public.integration_features as f on f.provider_id = p.id and f.key = o.feature_key
inner join public.project_integrations as pi on pi.provider_id = p.id and pi.project_id = tests.id('ovr');

create temp table overrides_before on commit drop as
select id, project_integration_id, feature_id, is_enabled, trigger_type, trigger_config
from public.project_integration_features
where project_integration_id in (select id from public.project_integrations where project_id = tests.id('ovr'));

select is((select count(*)::int from overrides_before), 3, 'three overrides stored');

update public.projects set country_code = 'US' where id = tests.id('ovr');
select set_eq(
    $$select id, project_integration_id, feature_id, is_enabled, trigger_type, trigger_config from public.project_integration_features
      where project_integration_id in (select id from public.project_integrations where project_id = tests.id('ovr'))$$,
    $$select * from overrides_before$$,
    'GB->US: every override row is kept unchanged, including hmrc''s while hmrc is off'
);
select results_eq(
    $$select provider_key, feature_key, integration_enabled, is_enabled, trigger_type::text from public.v_project_integration_features
      where project_id = tests.id('ovr') and feature_key in ('expenses', 'vendors', 'vat_obligations') order by 1, 2$$,
    $$values ('hmrc', 'vat_obligations', false, true, 'on_schedule'), ('quickbooks', 'expenses', true, true, 'on_manual'), ('quickbooks', 'vendors', true, false, 'on_manual')$$,
    'in the US: quickbooks overrides in effect, hmrc''s override kept under a disabled integration'
);

update public.projects set country_code = 'GB' where id = tests.id('ovr');
select set_eq(
    $$select id, project_integration_id, feature_id, is_enabled, trigger_type, trigger_config from public.project_integration_features
      where project_integration_id in (select id from public.project_integrations where project_id = tests.id('ovr'))$$,
    $$select * from overrides_before$$,
    'GB->US->GB: the overrides are exactly as they were'
);
select results_eq(
    $$select provider_key, feature_key, integration_enabled, is_enabled, trigger_type::text, trigger_config, is_overridden from public.v_project_integration_features
      where project_id = tests.id('ovr') and feature_key in ('expenses', 'vendors', 'vat_obligations') order by 1, 2$$,
    $$values
      ('hmrc', 'vat_obligations', true, true, 'on_schedule', '{"entity": "projects", "schedule": "30 7 * * 1"}'::jsonb, true),
      ('quickbooks', 'expenses', true, true, 'on_manual', '{"entity": "transactions", "filter": {"transaction_type": "Expense"}}'::jsonb, true),
      ('quickbooks', 'vendors', true, false, 'on_manual', '{"entity": "project_relationships", "filter": {"entity_type": "Business", "role_can_be_vendor": true}}'::jsonb, false)$$,
    'back in GB: the effective state shows every override again'
);
select is(
    (select count(*)::int from public.v_project_integration_features
     where project_id = tests.id('ovr') and is_enabled and integration_enabled and not is_overridden),
    (select count(*)::int from public.v_project_integration_features where project_id = tests.id('ovr')) - 3,
    'back in GB: every other feature is enabled on its default trigger'
);

select * from finish();
rollback;
