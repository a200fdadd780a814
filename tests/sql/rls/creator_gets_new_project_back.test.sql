-- Proves: a signed-in user who creates a project gets the row back in the same request
-- (PostgREST's insert with return=representation; supabase-js .insert().select()), becomes
-- its owner, and sees it through membership afterwards; a creator removed from the
-- project no longer sees it; nobody sees someone else's project by creating rows for it.
begin;
select plan(7);

select tests.create_user('creator');
select tests.create_user('co_owner');

select tests.authenticate_as('creator');
select lives_ok(
    $$create temp table created on commit drop as
      with pgrst_source as (
          insert into public.projects (id, name, country_code, created_by)
          values (tests.id('created'), 'Created', 'GB', auth.uid())
          returning *
      )
      select id, name from pgrst_source$$,
    'creating a project with insert ... returning succeeds for its creator'
);
select results_eq(
    $$select id, name from created$$,
    $$values (tests.id('created'), 'Created')$$,
    'the new row comes back to the creator'
);
select results_eq(
    $$select r.key from public.project_members as m join public.roles as r on r.id = m.role_id
      where m.project_id = tests.id('created') and m.user_id = auth.uid()$$,
    $$values ('project:owner')$$,
    'the creator is the project''s owner'
);
select is(
    (select count(*)::int from public.v_project_integrations where project_id = tests.id('created')),
    (select count(*)::int from public.integration_provider_countries as pc
     join public.integration_providers as p on p.id = pc.provider_id
     where pc.country_code = 'GB' and p.auto_enable_for_country and p.is_active),
    'the creator sees the GB integrations the project got (one per auto-enabled GB provider)'
);
select tests.clear_authentication();

-- a second owner removes the creator
select tests.add_member(tests.id('created'), 'co_owner', 'project:owner');
select tests.authenticate_as('co_owner');
select results_eq(
    $$with removed as (delete from public.project_members where project_id = tests.id('created') and user_id = tests.user_id('creator') returning 1)
      select count(*)::int from removed$$,
    $$values (1)$$,
    'a co-owner removes the creator from the project'
);
select tests.clear_authentication();

select tests.authenticate_as('creator');
select is(
    (select count(*)::int from public.projects where id = tests.id('created')),
    0,
    'the removed creator no longer sees the project'
);
select results_eq(
    $$with claimed as (update public.projects set created_by = auth.uid(), name = 'Mine again' where id = tests.id('created') returning 1)
      select count(*)::int from claimed$$,
    $$values (0)$$,
    'nor can they update it (to claim it back)'
);
select tests.clear_authentication();

select * from finish();
rollback;
