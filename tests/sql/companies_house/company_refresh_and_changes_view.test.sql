-- Proves: the company_refresh feature is in the catalogue as a nightly
-- on_schedule run of ch_company_refresh, a server action Companies House declares, and is
-- enabled on a GB project; v_companies_house_company_changes
-- lists one row per detected change with the linked relationship, needs_review while the
-- link is flagged and the change not acknowledged; it is security_invoker, so members see
-- their own project's changes only and anon none.
begin;
select plan(9);
select tests.companies_house_fixture();

select is(
    (select row(f.default_trigger, f.default_trigger_config, f.sync_direction, f.entity_type, f.server_action,
        f.server_action = any(p.server_actions))::text
     from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
     where p.key = 'companies_house' and f.key = 'company_refresh'),
    row('on_schedule'::public.sync_trigger_type, '{"entity": "projects", "schedule": "30 3 * * *"}'::jsonb,
        'inbound'::public.sync_direction, 'company', 'ch_company_refresh', true)::text,
    'company_refresh: nightly at 03:30, inbound, ch_company_refresh (a declared server action)'
);
select is(
    (select row(is_enabled, trigger_type, next_run_at is not null)::text from public.v_project_integration_features
     where project_integration_id = tests.integration_id('ca_project', 'companies_house') and feature_key = 'company_refresh'),
    row(true, 'on_schedule'::public.sync_trigger_type, true)::text,
    'a GB project has it enabled, with its next run planned'
);

create temporary table ch on commit drop as
select tests.integration_id('ca_project', 'companies_house') as pi, tests.integration_id('ch_other', 'companies_house') as other;
insert into public.integration_entity_mappings (id, project_integration_id, entity_type, internal_id, external_id)
values
(tests.id('map_bright'), (select pi from ch), 'company', tests.id('ch_rel'), '09876543'),
(tests.id('map_other'), (select other from ch), 'company', tests.id('ch_other_rel'), '07654321');
select private.companies_house_apply_profile((select pi from ch), tests.id('ch_rel'),
    tests.ch_profile('09876543', 'BRIGHTWATER SOFTWARE LTD'));
select private.companies_house_apply_profile((select pi from ch), tests.id('ch_rel'),
    tests.ch_profile('09876543', 'BRIGHTWATER HOLDINGS LTD', 'liquidation'));
select private.companies_house_apply_profile((select other from ch), tests.id('ch_other_rel'),
    tests.ch_profile('07654321', 'NORTHGATE LOGISTICS LIMITED'));
select private.companies_house_apply_profile((select other from ch), tests.id('ch_other_rel'),
    tests.ch_profile('07654321', 'NORTHGATE LOGISTICS LIMITED', 'dissolved'));

select results_eq(
    format($$select mapping_id, relationship_id, relationship_name, company_number, company_name, change,
               previous_value, current_value, needs_review, acknowledged_at
             from public.v_companies_house_company_changes where project_id = %L order by change$$, tests.id('ca_project')),
    format($$values
        (%1$L::uuid, %2$L::uuid, 'Brightwater', '09876543', 'BRIGHTWATER HOLDINGS LTD', 'name_changed',
            'BRIGHTWATER SOFTWARE LTD', 'BRIGHTWATER HOLDINGS LTD', true, null::timestamptz),
        (%1$L::uuid, %2$L::uuid, 'Brightwater', '09876543', 'BRIGHTWATER HOLDINGS LTD', 'status_changed',
            'active', 'liquidation', true, null::timestamptz)$$, tests.id('map_bright'), tests.id('ch_rel')),
    'one row per change, with the link and the relationship, needing review'
);
select ok(
    (select bool_and(detected_at between now() - interval '1 minute' and now()) from public.v_companies_house_company_changes),
    'each change says when it was detected'
);

update public.integration_entity_mappings set is_stale = false where id = tests.id('map_bright');
select is(
    (select count(*)::int from public.v_companies_house_company_changes
     where project_id = tests.id('ca_project') and needs_review),
    0, 'a link no longer flagged: nothing needs review'
);

select is(tests.outcome('ca_member', 'select count(*) from public.v_companies_house_company_changes'), 'rows 2',
    'a member sees their project''s changes only');
select is(tests.outcome('ch_other_owner', 'select count(*) from public.v_companies_house_company_changes'), 'rows 1',
    'the other project''s owner sees theirs only');
select is(tests.outcome('anon', 'select count(*) from public.v_companies_house_company_changes'), 'permission denied',
    'anon sees nothing');
select is(
    (select reloptions from pg_class where oid = 'public.v_companies_house_company_changes'::regclass),
    '{security_invoker=true}', 'the view runs with the caller''s rights');

select * from finish();
rollback;
