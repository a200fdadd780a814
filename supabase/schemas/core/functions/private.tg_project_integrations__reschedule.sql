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
        -- an integration that cannot be scheduled now (off, or not Connected) only has
        -- next runs to clear: one without any is left alone (a country change switching
        -- off integrations never connected: rescheduling them planned a statement for
        -- nothing, half a millisecond a change)
        v_ids := array(
            select n.id
            from new_rows as n
            inner join old_rows as o on n.id = o.id
            where (n.status is distinct from o.status or n.is_enabled is distinct from o.is_enabled)
                and (
                    (n.status = 'Connected' and n.is_enabled)
                    or exists (
                        select from public.project_integration_features as pif
                        where pif.project_integration_id = n.id and pif.next_run_at is not null
                    )
                )
        );
    end if;
    if pg_catalog.cardinality(v_ids) > 0 then
        perform private.reschedule_integrations(v_ids, false);
    end if;
    return null;
end
$$;

revoke all on function private.tg_project_integrations__reschedule() from public;
