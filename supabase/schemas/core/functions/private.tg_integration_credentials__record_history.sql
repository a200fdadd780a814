-- History of a project's credential: set (a first save, e.g. an API key or the OAuth
-- tokens of a connect) or removed. Records that it happened and its non-secret facts
-- (scopes), never the secret or its Vault id. Updates (token refreshes, a replaced secret
-- under the same Vault id) record nothing: a reconnect shows as the integration's
-- status change. A global credential belongs to no project and is not recorded here.
-- Security definer: it writes the history, which no API role may.
create function private.tg_integration_credentials__record_history()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_row public.integration_credentials := case tg_op when 'DELETE' then old else new end;
    v_integration public.project_integrations;
begin
    if v_row.project_integration_id is null then
        return null;
    end if;
    select pi.* into v_integration from public.project_integrations as pi
    where pi.id = v_row.project_integration_id;
    if not found then
        return null;
    end if;
    perform private.record_config_change(
        v_integration.project_id, v_integration.id, v_integration.provider_id, null, 'credential',
        case tg_op when 'INSERT' then 'key_set' else 'key_removed' end,
        case tg_op when 'DELETE' then pg_catalog.jsonb_build_object('scopes', old.scopes) end,
        case tg_op when 'INSERT' then pg_catalog.jsonb_build_object('scopes', new.scopes) end
    );
    return null;
end
$$;

revoke all on function private.tg_integration_credentials__record_history() from public;
