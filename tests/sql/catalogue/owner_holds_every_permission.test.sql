-- Proves: project:owner holds every permission that exists, by rule: a permission added
-- later is the owner's at once (and not a member's), a project's owner passes its check
-- with no re-grant; a misspelt or unknown permission is held by nobody, owners included;
-- no statement may take a permission from the owner while it exists (PB409, as delete
-- and as update), while deleting the permission itself withdraws it from every role; a
-- role renamed to project:owner receives every permission.
begin;
select plan(9);

select tests.create_user('own_owner');
select tests.create_user('own_member');
insert into public.projects (id, name, created_by) values (tests.id('own_project'), 'Own', tests.user_id('own_owner'));
select tests.add_member(tests.id('own_project'), 'own_member', 'project:member');

insert into public.permissions (key, description) values ('own:later', 'Added after the roles');
select set_eq(
    $$select r.key from public.role_permissions as rp join public.roles as r on r.id = rp.role_id where rp.permission_key = 'own:later'$$,
    array['project:owner'], 'a permission added later is the owner''s at once, and only the owner''s'
);

select tests.authenticate_as('own_owner');
select ok(private.has_permission(tests.id('own_project'), 'own:later'), 'the project''s owner passes its check');
select ok(not private.has_permission(tests.id('own_project'), 'own:latre'), 'the owner does not hold a misspelt permission');
select tests.clear_authentication();
select tests.authenticate_as('own_member');
select ok(not private.has_permission(tests.id('own_project'), 'own:later'), 'a member does not hold it');
select tests.clear_authentication();

select throws_ok(
    $$delete from public.role_permissions
      where permission_key = 'own:later' and role_id = (select id from public.roles where key = 'project:owner')$$,
    'PB409', 'project:owner holds every permission: own:later cannot be taken from it',
    'the owner''s permission cannot be deleted from it'
);
select throws_ok(
    $$update public.role_permissions set role_id = (select id from public.roles where key = 'project:member')
      where permission_key = 'own:later' and role_id = (select id from public.roles where key = 'project:owner')$$,
    'PB409', 'project:owner holds every permission: own:later cannot be taken from it',
    'nor moved to another role'
);

select lives_ok($$delete from public.permissions where key = 'own:later'$$, 'the permission itself may be deleted');
select is_empty($$select from public.role_permissions where permission_key = 'own:later'$$, 'and no role holds it any more');

insert into public.permissions (key, description) values ('own:second', 'Another');
insert into public.roles (key, name) values ('own:future_owner', 'Future owner');
delete from public.project_members where project_id = tests.id('own_project') and user_id = tests.user_id('own_owner');
delete from public.roles where key = 'project:owner';
update public.roles set key = 'project:owner' where key = 'own:future_owner';
select set_eq(
    $$select rp.permission_key from public.role_permissions as rp join public.roles as r on r.id = rp.role_id where r.key = 'project:owner'$$,
    $$select key from public.permissions$$,
    'a role renamed to project:owner receives every permission'
);

select * from finish();
rollback;
