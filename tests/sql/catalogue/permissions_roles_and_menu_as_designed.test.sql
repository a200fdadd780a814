-- Proves: the original design's five integration permissions exist and all belong to the
-- project:owner role (project:member has none of them); private.has_permission answers for
-- the signed-in user; and the menu is Setup > Integrations (Plug, 35) > Configuration
-- (Settings, 10, integration:manage) and Logs (ScrollText, 20, integration:logs:view).
begin;
select plan(8);

select set_has(
    $$select key from public.permissions$$,
    $$values ('integration:manage'), ('integration:logs:view'), ('integration:sync:quickbooks'), ('integration:sync:companies_house'), ('integration:sync:hmrc')$$,
    'the five integration permissions exist'
);
select set_has(
    $$select rp.permission_key from public.role_permissions as rp join public.roles as r on r.id = rp.role_id where r.key = 'project:owner'$$,
    $$values ('integration:manage'), ('integration:logs:view'), ('integration:sync:quickbooks'), ('integration:sync:companies_house'), ('integration:sync:hmrc')$$,
    'project:owner holds all five'
);
select is_empty(
    $$select rp.permission_key from public.role_permissions as rp join public.roles as r on r.id = rp.role_id
      where r.key = 'project:member' and rp.permission_key like 'integration:%'$$,
    'project:member holds none of them'
);

select results_eq(
    $$select key, parent_key, label, icon, sort_order, permission_key from public.menu_items
      where key in ('setup.integrations', 'setup.integrations.configuration', 'setup.integrations.logs') order by sort_order desc, key$$,
    $$values
      ('setup.integrations'::text, 'setup'::text, 'Integrations'::text, 'Plug'::text, 35, null::text),
      ('setup.integrations.logs', 'setup.integrations', 'Logs', 'ScrollText', 20, 'integration:logs:view'),
      ('setup.integrations.configuration', 'setup.integrations', 'Configuration', 'Settings', 10, 'integration:manage')$$,
    'menu: Setup > Integrations (Plug, 35) with Configuration (Settings, 10) and Logs (ScrollText, 20)'
);
select is((select label from public.menu_items where key = 'setup'), 'Setup', 'the Integrations item sits under Setup');

select tests.create_user('perm_owner');
select tests.create_user('perm_member');
insert into public.projects (id, name, created_by) values (tests.id('perm_project'), 'Perm', tests.user_id('perm_owner'));
select tests.add_member(tests.id('perm_project'), 'perm_member', 'project:member');

select tests.authenticate_as('perm_owner');
select ok(private.has_permission(tests.id('perm_project'), 'integration:logs:view'), 'has_permission: the owner may view logs');
select tests.clear_authentication();
select tests.authenticate_as('perm_member');
select ok(not private.has_permission(tests.id('perm_project'), 'integration:manage'), 'has_permission: a member may not manage integrations');
select ok(not private.has_permission(tests.id('perm_project'), 'no:such:permission'), 'has_permission: an unknown permission is false');
select tests.clear_authentication();

select * from finish();
rollback;
