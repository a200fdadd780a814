-- No statement may take a permission from project:owner while the permission exists
-- (PB409); deleting the permission itself withdraws it from every role.
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

revoke all on function private.tg_role_permissions__owner_keeps_every_permission() from public;
