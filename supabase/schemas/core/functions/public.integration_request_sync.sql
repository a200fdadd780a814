-- integration_request_sync(project integration, feature key, entity ids): a person asks
-- for a feature to run now (trigger on_manual), for the whole project (entity ids null) or
-- for some of its records. Needs integration:sync:<provider>; the integration and the
-- feature must be on. Records pushed by the feature are re-validated with its client
-- action first; if any is refused nothing is written and the errors come back.
-- Returns {"queued": bool, "log_ids": [uuid, ...], "errors": [{entity_id, feature, code,
-- field, message}]}. Raises PB404 (unknown integration or feature), PB403 (no
-- permission), PB409 (integration or feature off, or nothing to run), PB422 (entity ids
-- given for a whole-project feature, or an empty list).
create or replace function public.integration_request_sync(
    p_project_integration_id uuid, p_feature_key text, p_entity_ids text[] default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:sync:<provider>'
    );
    v_feature public.integration_features := private.rpc_feature(v_integration, p_feature_key);
    v_state public.v_project_integration_features;
    v_entity text;
    v_ids text [];
    v_errors jsonb := '[]'::jsonb;
    v_log_ids uuid [];
begin
    if not v_integration.is_enabled then
        raise exception using errcode = 'PB409', message = 'this integration is switched off for the project';
    end if;
    select s.* into v_state
    from public.v_project_integration_features as s
    where s.project_integration_id = v_integration.id and s.feature_id = v_feature.id;
    if not v_state.is_enabled then
        raise exception using errcode = 'PB409', message = format('%s is switched off for this project', v_feature.name);
    end if;
    if v_feature.server_action is null then
        raise exception using errcode = 'PB409', message = format(
            '%s has nothing to run: it keeps data in Plugboard only', v_feature.name);
    end if;

    v_entity := v_state.trigger_config ->> 'entity';
    if p_entity_ids is not null then
        if v_entity = 'projects' then
            raise exception using errcode = 'PB422', message = format(
                '%s runs for the whole project; pass no entity ids', v_feature.name);
        end if;
        v_ids := array(select distinct i.id from pg_catalog.unnest(p_entity_ids) as i (id) order by i.id);
        if pg_catalog.cardinality(v_ids) = 0 then
            raise exception using errcode = 'PB422',
                message = 'entity ids: give at least one record id, or null for the whole feature';
        end if;
        select coalesce(pg_catalog.jsonb_agg(e.error order by i.id, e.ordinality), '[]') into v_errors
        from pg_catalog.unnest(v_ids) as i (id)
        cross join lateral pg_catalog.jsonb_array_elements(
            private.send_errors(v_integration, v_feature, v_entity, i.id)
        ) with ordinality as e (error, ordinality);
        if pg_catalog.jsonb_array_length(v_errors) > 0 then
            return pg_catalog.jsonb_build_object('queued', false, 'log_ids', '[]'::jsonb, 'errors', v_errors);
        end if;
    end if;

    v_log_ids := array(
        select private.enqueue_sync_run(
            v_integration.id, v_feature.id, 'on_manual', v_feature.server_action, v_feature.entity_type, i.id,
            pg_catalog.jsonb_build_object('feature', v_feature.key, 'entity_id', i.id), (select private.caller_uid())
        )
        from pg_catalog.unnest(coalesce(v_ids, array[null]::text [])) with ordinality as i (id, ordinality)
        order by i.ordinality
    );
    return pg_catalog.jsonb_build_object(
        'queued', true, 'log_ids', pg_catalog.to_jsonb(v_log_ids), 'errors', '[]'::jsonb
    );
end
$$;

comment on function public.integration_request_sync(uuid, text, text[]) is
'Runs a feature now (on_manual) for the whole project or some records: {queued, log_ids, errors}. '
'Needs integration:sync:<provider>. See docs/rpc.md.';

revoke all on function public.integration_request_sync(uuid, text, text[]) from public, anon;

grant execute on function public.integration_request_sync(uuid, text, text[]) to authenticated, service_role;
