-- A project member's name for the console's "started by" (issue #23).

create or replace function public.project_member_name(p_project_id uuid, p_user_id uuid)
returns text
language plpgsql stable security definer
set search_path = ''
as $$
begin
    if not private.caller_can_read_project(p_project_id) then
        return null;
    end if;
    return (
        select coalesce(u.raw_user_meta_data ->> 'full_name', u.raw_user_meta_data ->> 'name', u.email)
        from public.project_members as m
        inner join auth.users as u on m.user_id = u.id
        where m.project_id = p_project_id and m.user_id = p_user_id
    );
end
$$;

comment on function public.project_member_name(uuid, uuid) is
'The name of a member of a project the caller may read (full_name, else name, else email); else null.';

revoke all on function public.project_member_name(uuid, uuid) from public, anon;

grant execute on function public.project_member_name(uuid, uuid) to authenticated, service_role;
