-- project:owner holds every permission by rule: whenever a permission (or the owner role)
-- appears, the owner is granted every permission, so a permission added later (a new
-- provider's integration:sync:<key>) needs no re-grant. role_permissions stays the one
-- record of who holds what (clients read it for the menu); permission checks read it, so a
-- permission that does not exist — a misspelt key — is held by nobody, owners included.

create function private.tg_grant_every_permission_to_owner()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    insert into public.role_permissions (role_id, permission_key)
    select r.id, p.key
    from public.roles as r
    cross join public.permissions as p
    where r.key = 'project:owner'
    on conflict do nothing;
    return null;
end
$$;

revoke all on function private.tg_grant_every_permission_to_owner() from public;
