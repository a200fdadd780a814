-- History of an integration row: removed (added: tg_project_integrations__record_added,
-- one statement for all new rows); a status change (connect, disconnect,
-- or status_changed for Error / Expired / Pending); switched on or off; settings changed
-- (the HMRC identifiers recorded as references, other keys as settings, each with only the
-- keys that changed). Timestamps, errors and account facts alone record nothing.
-- Security definer: it writes the history, which no API role may.
create function private.tg_project_integrations__record_history()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_reference_keys constant text[] := array[
        'vrn', 'utr', 'employer_paye_reference', 'accounts_office_reference'
    ];
    v_changed text[];
    v_keys text[];
    v_object text;
begin
    if tg_op = 'DELETE' then
        perform private.record_config_change(
            old.project_id, old.id, old.provider_id, null, 'integration', 'removed',
            pg_catalog.jsonb_build_object('status', old.status, 'is_enabled', old.is_enabled), null
        );
        return null;
    end if;
    if new.status is distinct from old.status then
        perform private.record_config_change(
            new.project_id, new.id, new.provider_id, null, 'integration',
            case
                when new.status = 'Connected' then 'connect'
                when new.status = 'Disconnected' then 'disconnect'
                else 'status_changed'
            end,
            pg_catalog.jsonb_build_object('status', old.status),
            pg_catalog.jsonb_build_object('status', new.status)
        );
    end if;
    if new.is_enabled is distinct from old.is_enabled then
        perform private.record_config_change(
            new.project_id, new.id, new.provider_id, null, 'integration',
            case when new.is_enabled then 'enabled' else 'disabled' end,
            pg_catalog.jsonb_build_object('is_enabled', old.is_enabled),
            pg_catalog.jsonb_build_object('is_enabled', new.is_enabled)
        );
    end if;
    if new.settings is distinct from old.settings then
        select coalesce(pg_catalog.array_agg(k.key), '{}') into v_changed
        from (
            select o.key from pg_catalog.jsonb_object_keys(old.settings) as o (key)
            union
            select n.key from pg_catalog.jsonb_object_keys(new.settings) as n (key)
        ) as k
        where old.settings -> k.key is distinct from new.settings -> k.key;
        foreach v_object in array array['references', 'settings'] loop
            v_keys := array(
                select c.key from pg_catalog.unnest(v_changed) as c (key)
                where (c.key = any(v_reference_keys)) = (v_object = 'references')
                order by c.key
            );
            if pg_catalog.cardinality(v_keys) > 0 then
                perform private.record_config_change(
                    new.project_id, new.id, new.provider_id, null, v_object, v_object || '_changed',
                    (
                        select coalesce(pg_catalog.jsonb_object_agg(k.key, old.settings -> k.key), '{}')
                        from pg_catalog.unnest(v_keys) as k (key) where old.settings ? k.key
                    ),
                    (
                        select coalesce(pg_catalog.jsonb_object_agg(k.key, new.settings -> k.key), '{}')
                        from pg_catalog.unnest(v_keys) as k (key) where new.settings ? k.key
                    )
                );
            end if;
        end loop;
    end if;
    return null;
end
$$;

revoke all on function private.tg_project_integrations__record_history() from public;
