create or replace function private.tg_project_integrations__reschedule()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_ids uuid [];
begin
    if tg_op = 'INSERT' then
        v_ids := array(select n.id from new_rows as n where n.status = 'Connected' and n.is_enabled);
    else
        v_ids := array(
            select n.id
            from new_rows as n
            inner join old_rows as o on n.id = o.id
            where n.status is distinct from o.status or n.is_enabled is distinct from o.is_enabled
        );
    end if;
    if pg_catalog.cardinality(v_ids) > 0 then
        perform private.reschedule_integrations(v_ids, false);
    end if;
    return null;
end
$$;

revoke all on function private.tg_project_integrations__reschedule() from public;
