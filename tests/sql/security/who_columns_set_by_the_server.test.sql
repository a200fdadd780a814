-- Proves (issue #18): the columns that record who and how are the server's. A client that
-- creates a project in someone else's name creates it in its own (the forged created_by is
-- ignored), and cannot hand a project to someone else later; a record linked by hand is
-- created_via 'link', created_by the caller, and its on_link runs are requested_by the
-- caller; a reference code mapped by hand likewise; clients cannot rewrite a mapping's
-- created_by or created_via.
begin;
select plan(8);
select tests.companies_house_fixture();

select tests.act_as('ca_outsider');
insert into public.projects (id, name, country_code, created_by)
values (tests.id('forged'), 'Forged', 'GB', tests.user_id('ca_owner'));
select tests.act_as('postgres');
select is(
    (select created_by from public.projects where id = tests.id('forged')),
    tests.user_id('ca_outsider'),
    'a forged created_by is ignored: the project is the creating user''s'
);
select is(
    (select array_agg(tests.user_id('ca_outsider') = m.user_id) from public.project_members as m where m.project_id = tests.id('forged')),
    array[true],
    'and only they became its owner'
);

select tests.act_as('ca_outsider');
update public.projects set created_by = tests.user_id('ca_owner') where id = tests.id('forged');
select tests.act_as('postgres');
select is(
    (select created_by from public.projects where id = tests.id('forged')),
    tests.user_id('ca_outsider'),
    'a client cannot change who created a project'
);

select tests.act_as('ca_owner');
select public.integration_link_record(
    (select pi.id from public.project_integrations as pi
     inner join public.integration_providers as p on pi.provider_id = p.id
     where p.key = 'companies_house' and pi.project_id = tests.id('ca_project')),
    'company', tests.id('ch_rel'), '09876543'
);
select tests.act_as('postgres');
select is(
    (select jsonb_build_object('via', created_via, 'by', created_by = tests.user_id('ca_owner'))
     from public.integration_entity_mappings where internal_id = tests.id('ch_rel')::text),
    '{"via": "link", "by": true}',
    'a record linked by hand: created_via link, created_by the caller'
);
select is(
    (select array_agg(distinct requested_by = tests.user_id('ca_owner')) from public.integration_sync_logs
     where entity_id = tests.id('ch_rel')::text and trigger_type = 'on_link'),
    array[true],
    'its on_link runs are requested by the caller'
);
select tests.act_as('ca_owner');
select public.integration_map_code(
    (select pi.id from public.project_integrations as pi
     inner join public.integration_providers as p on pi.provider_id = p.id
     where p.key = 'quickbooks' and pi.project_id = tests.id('ca_project')),
    'class', 'SITE7', '5000000000000000001'
);
select tests.act_as('postgres');
select is(
    (select jsonb_build_object('via', created_via, 'by', created_by = tests.user_id('ca_owner'), 'to', external_id)
     from public.integration_entity_mappings where entity_type = 'class' and internal_id = 'SITE7'),
    '{"via": "link", "by": true, "to": "5000000000000000001"}',
    'a reference code mapped by hand: created_via link, created_by the caller'
);
select is(
    tests.outcome('ca_member', $$select count(*) from (select public.integration_map_code(
        (select pi.id from public.project_integrations as pi
         inner join public.integration_providers as p on pi.provider_id = p.id
         where p.key = 'quickbooks' and pi.project_id = tests.id('ca_project')),
        'class', 'SITE8', '1')) as x$$),
    'PB403: you need the integration:manage permission in this project',
    'mapping a code needs integration:manage'
);
select is(
    tests.outcome('ca_owner', $$update public.integration_entity_mappings
        set created_by = tests.user_id('ca_member'), created_via = 'sync'$$),
    'permission denied',
    'clients cannot rewrite who or how a record was linked'
);

select * from finish();
rollback;
