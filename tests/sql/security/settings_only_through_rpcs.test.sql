-- Proves: a signed-in client cannot write project_integrations.settings (no column
-- privilege on insert or update; anon has no policy to write the table at all), so a VRN hmrc_set_references refuses (`../x?y`) cannot be stored by an
-- integration:manage holder writing the table; switching an integration through the table
-- still works. Every setting a person sets has a validated RPC: hmrc_set_references
-- refuses the bad VRN and saves a good one; quickbooks_set_book_close_date saves and clears
-- the close date (integration:manage: a member PB403, an outsider PB404, not QuickBooks PB422).
begin;
select plan(12);
select tests.hmrc_fixture();

select is(
    (select array_agg(format('%s %s', r.rolname, a.privilege) order by r.rolname, a.privilege)
     from pg_roles as r
     cross join unnest(array['INSERT', 'UPDATE']) as a (privilege)
     where r.rolname = 'authenticated'
         and has_column_privilege(r.rolname, 'public.project_integrations', 'settings', a.privilege)),
    null,
    'authenticated may not insert or update project_integrations.settings'
);
select is(
    tests.outcome('ca_owner', format(
        $$update public.project_integrations set settings = settings || '{"vrn": "../x?y"}' where id = %L$$,
        tests.integration_id('ca_project', 'hmrc'))),
    'permission denied',
    'an owner (integration:manage) writing a VRN into the settings: permission denied'
);
select is(
    tests.outcome('ca_owner', format(
        $$insert into public.project_integrations (project_id, provider_id, settings)
          select %L, p.id, '{"vrn": "../x?y"}' from public.integration_providers as p where p.key = 'quickbooks'$$,
        tests.id('hm_other'))),
    'permission denied',
    'inserting an integration with settings: permission denied'
);
select is(
    tests.outcome('ca_owner', format('update public.project_integrations set is_enabled = false where id = %L',
        tests.integration_id('ca_project', 'hmrc'))),
    'rows 1',
    'switching the integration through the table still works'
);

select tests.authenticate_as('ca_owner');
select is(
    (select r -> 'errors' -> 0 ->> 'code' from public.hmrc_set_references(
        tests.integration_id('ca_project', 'hmrc'), '{"vrn": "../x?y"}') as r),
    'invalid_format',
    'hmrc_set_references refuses the VRN ../x?y'
);
select is(
    (select r #>> '{settings,vrn}' from public.hmrc_set_references(
        tests.integration_id('ca_project', 'hmrc'), '{"vrn": "GB 339 0727 47"}') as r),
    '339072747',
    'hmrc_set_references saves a good VRN, normalised'
);
select is(
    (select r #>> '{settings,book_close_date}' from public.quickbooks_set_book_close_date(
        tests.integration_id('ca_project', 'quickbooks'), '2026-02-28') as r),
    '2026-02-28',
    'quickbooks_set_book_close_date saves the date'
);
select is(
    (select settings ->> 'book_close_date' from public.project_integrations
     where id = tests.integration_id('ca_project', 'quickbooks')),
    '2026-02-28',
    'the caller reads it back from project_integrations'
);
select ok(
    (select not (r -> 'settings' ? 'book_close_date') and r #>> '{settings,home_currency}' = 'GBP'
     from public.quickbooks_set_book_close_date(tests.integration_id('ca_project', 'quickbooks'), null) as r),
    'a null date clears it and keeps the other settings'
);
select tests.clear_authentication();

select is(
    tests.error_of(format($$select tests.act_as('ca_member');
        select public.quickbooks_set_book_close_date(%L, '2026-02-28')$$,
        tests.integration_id('ca_project', 'quickbooks'))),
    'PB403: you need the integration:manage permission in this project',
    'a member without integration:manage: PB403'
);
select is(
    tests.error_of(format($$select tests.act_as('hm_other_owner');
        select public.quickbooks_set_book_close_date(%L, '2026-02-28')$$,
        tests.integration_id('ca_project', 'quickbooks'))),
    format('PB404: no project integration %s in a project you belong to', tests.integration_id('ca_project', 'quickbooks')),
    'the owner of another project: PB404, as for a missing integration'
);
select is(
    tests.error_of(format($$select tests.act_as('ca_owner');
        select public.quickbooks_set_book_close_date(%L, '2026-02-28')$$,
        tests.integration_id('ca_project', 'hmrc'))),
    'PB422: quickbooks_set_book_close_date: not a QuickBooks integration',
    'an HMRC integration: PB422'
);

select * from finish();
rollback;
