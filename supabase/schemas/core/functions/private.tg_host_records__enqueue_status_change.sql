-- Shared by the host tables with a status (project_relationships, transactions).
create function private.tg_host_records__enqueue_status_change()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_changes jsonb [];
begin
    if not exists (
        select
        from private.features_triggered_by(
            'on_status_change', array(select distinct n.project_id from new_rows as n), null
        ) as f
        where f.trigger_config ->> 'entity' = tg_table_name
    ) then
        return null;
    end if;
    if tg_op = 'INSERT' then
        v_changes := array(
            select pg_catalog.jsonb_build_object('new', pg_catalog.to_jsonb(n), 'old', null)
            from new_rows as n
        );
    else
        v_changes := array(
            select pg_catalog.jsonb_build_object('new', pg_catalog.to_jsonb(n), 'old', pg_catalog.to_jsonb(o))
            from new_rows as n
            inner join old_rows as o on n.id = o.id
            where n.status is distinct from o.status
        );
    end if;
    if pg_catalog.cardinality(v_changes) > 0 then
        perform private.enqueue_status_changes(tg_table_name, v_changes);
    end if;
    return null;
end
$$;

revoke all on function private.tg_host_records__enqueue_status_change() from public;
