-- project:owner holds every permission by rule (issue #19). Before, 20261125001400 granted
-- the owner the permissions that existed then, and a permission added later (a new
-- provider's integration:sync:<key>) needed its own re-grant, or owners silently lacked it.
-- Now, whenever a permission (or the owner role) appears, the owner is granted every
-- permission; and no statement may take one from the owner while the permission exists
-- (PB409; deleting the permission itself withdraws it from every role). role_permissions
-- stays the one record of who holds what (clients read it for the menu); permission checks
-- read it as before, so a permission that does not exist — a misspelt key — is held by
-- nobody, owners included.

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

create trigger "10_owner_holds_every_permission"
after insert on public.permissions
for each statement execute function private.tg_grant_every_permission_to_owner();

create trigger "10_owner_holds_every_permission"
after insert or update of key on public.roles
for each statement execute function private.tg_grant_every_permission_to_owner();

-- Security definer: a caller who could not read every row must not pass the check.
create function private.tg_role_permissions__owner_keeps_every_permission()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_missing text;
begin
    select p.key into v_missing
    from public.roles as r
    cross join public.permissions as p
    where r.key = 'project:owner'
        and not exists (
            select from public.role_permissions as rp where rp.role_id = r.id and rp.permission_key = p.key
        )
    order by p.key limit 1;
    if v_missing is not null then
        raise exception using errcode = 'PB409',
            message = pg_catalog.format('project:owner holds every permission: %s cannot be taken from it', v_missing),
            hint = 'delete the permission itself to withdraw it from every role';
    end if;
    return null;
end
$$;

create trigger "10_owner_keeps_every_permission"
after delete or update on public.role_permissions
for each statement execute function private.tg_role_permissions__owner_keeps_every_permission();

revoke all on function private.tg_grant_every_permission_to_owner() from public;
revoke all on function private.tg_role_permissions__owner_keeps_every_permission() from public;
