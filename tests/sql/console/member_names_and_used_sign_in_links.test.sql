-- Proves: public.project_member_name gives a member's name (full_name, else email) only to
-- someone who may read that project, and only for its members -- a stranger, an outsider
-- and anon learn nothing; private.console_sign_ins (the console's used one-time links) is
-- the service role's alone: a link's jti is taken once, no API role reads or writes it.
begin;

select plan(9);

select tests.create_rls_fixture();
update auth.users set raw_user_meta_data = '{"full_name": "Max Member"}'
where id = tests.user_id('rls_member');

select tests.act_as('rls_owner');
select is(
    public.project_member_name(tests.id('project_a'), tests.user_id('rls_member')), 'Max Member',
    'an owner reads a member''s full name'
);
select is(
    public.project_member_name(tests.id('project_a'), tests.user_id('rls_stranger')), null,
    'no name for someone who is not a member of the project'
);
select is(
    public.project_member_name(tests.id('project_b'), tests.user_id('rls_stranger')), null,
    'no name in a project the caller is not in'
);
reset role;

select email as owner_email from auth.users where id = tests.user_id('rls_owner') \gset
select tests.act_as('rls_member');
select is(
    public.project_member_name(tests.id('project_a'), tests.user_id('rls_owner')), :'owner_email',
    'a member without a full name is named by their email'
);
reset role;

select tests.act_as('rls_outsider');
select is(
    public.project_member_name(tests.id('project_a'), tests.user_id('rls_member')), null,
    'an outsider learns no name'
);
reset role;

set local role anon;
select throws_ok(
    $$select public.project_member_name(gen_random_uuid(), gen_random_uuid())$$, '42501', null,
    'anon may not call it'
);
reset role;

set local role service_role;
with taken as (
    insert into private.console_sign_ins (jti, expires_at) values ('jti-1', now() + interval '5 minutes')
    on conflict (jti) do nothing returning 1
)
select is((select count(*) from taken), 1::bigint, 'the service role takes a link''s jti');
with taken as (
    insert into private.console_sign_ins (jti, expires_at) values ('jti-1', now() + interval '5 minutes')
    on conflict (jti) do nothing returning 1
)
select is((select count(*) from taken), 0::bigint, 'a second take of the same jti takes nothing');
reset role;

select tests.act_as('rls_owner');
select throws_ok(
    $$select * from private.console_sign_ins$$, '42501', null,
    'a signed-in person cannot read the used links'
);
reset role;

select * from finish();
rollback;
