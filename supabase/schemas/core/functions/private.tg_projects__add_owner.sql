-- Whoever creates a project owns it.
create function private.tg_projects__add_owner()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    if new.created_by is not null then
        insert into public.project_members (project_id, user_id, role_id)
        select new.id, new.created_by, r.id from public.roles as r where r.key = 'project:owner'
        on conflict do nothing;
    end if;
    return null;
end
$$;

revoke all on function private.tg_projects__add_owner() from public;
