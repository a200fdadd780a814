-- Which features a trigger fires: the features of enabled, Connected project integrations
-- (of the given projects, or the given integrations) whose effective trigger — the
-- project's override, else the catalogue's default — is p_trigger, that are active,
-- enabled for the project and have a server action to run. And whether a record (as
-- jsonb, to_jsonb of its row) matches a trigger config's filter: every key equal to the
-- record's column, an array meaning any of its values (jsonb equality: 10 = 10.0).
create function private.features_triggered_by(
    p_trigger public.sync_trigger_type, p_project_ids uuid[], p_integration_ids uuid[]
)
returns table (
    project_id uuid,
    project_integration_id uuid,
    feature_id uuid,
    feature_key text,
    server_action text,
    entity_type text,
    trigger_config jsonb
)
language sql stable
set search_path = ''
as $$
    select
        pi.project_id,
        pi.id,
        f.id,
        f.key,
        f.server_action,
        f.entity_type,
        coalesce(pif.trigger_config, f.default_trigger_config)
    from public.project_integrations as pi
    inner join public.integration_features as f
        on pi.provider_id = f.provider_id and f.is_active and f.server_action is not null
    left join public.project_integration_features as pif
        on pi.id = pif.project_integration_id and f.id = pif.feature_id
    where (pi.project_id = any (p_project_ids) or pi.id = any (p_integration_ids))
        and pi.is_enabled
        and pi.status = 'Connected'
        and coalesce(pif.is_enabled, true)
        and coalesce(pif.trigger_type, f.default_trigger) = p_trigger
$$;

revoke all on function private.features_triggered_by(
    public.sync_trigger_type, uuid[], uuid[]
) from public;
