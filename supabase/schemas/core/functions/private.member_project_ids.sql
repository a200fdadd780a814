-- The projects the signed-in user belongs to; policies use `in (select …)` so it runs once.
create or replace function private.member_project_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return query
    select m.project_id from public.project_members as m where m.user_id = (select private.caller_uid());
end
$$;

revoke all on function private.member_project_ids() from public;

grant execute on function private.member_project_ids() to authenticated, service_role;
