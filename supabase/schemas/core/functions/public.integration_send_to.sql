-- integration_send_to(provider, entity type, entity id): the original design's "Send To"
-- button. One relationship or transaction goes to one provider through every enabled
-- outbound feature that takes it (a relationship that is both supplier and customer goes
-- as a QuickBooks Vendor and a Customer). Needs integration:sync:<provider>. Each feature's
-- client validation runs first; if any refuses, nothing is written and its errors return.
-- Returns {"queued": bool, "log_ids": [uuid, ...], "errors": [{entity_id, feature, code,
-- field, message}]}. Raises PB422 (entity type not relationship / transaction), PB404
-- (unknown provider, or no such record in a project you belong to), PB409 (the project has
-- no such integration or it is off), PB403 (no permission).
create or replace function public.integration_send_to(p_provider text, p_entity_type text, p_entity_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_entity text := case p_entity_type
        when 'relationship' then 'project_relationships'
        when 'transaction' then 'transactions'
    end;
    v_provider public.integration_providers;
    v_project_id uuid;
    v_integration public.project_integrations;
    v_row jsonb;
    v_features public.integration_features [];
    v_errors jsonb;
    v_log_ids uuid [];
begin
    if v_entity is null then
        raise exception using errcode = 'PB422', message = format(
            'entity type "%s": use relationship or transaction', coalesce(private.input_excerpt(p_entity_type), 'null'));
    end if;
    select p.* into v_provider from public.integration_providers as p where p.key = p_provider and p.is_active;
    if not found then
        raise exception using errcode = 'PB404',
            message = format('unknown provider "%s"', coalesce(private.input_excerpt(p_provider), 'null'));
    end if;
    v_project_id := private.entity_project_id(v_entity, p_entity_id);
    if v_project_id is null or not private.rpc_sees_project(v_project_id) then
        raise exception using errcode = 'PB404', message = format(
            'no %s %s in a project you belong to', p_entity_type, coalesce(p_entity_id::text, 'null'));
    end if;
    select pi.* into v_integration
    from public.project_integrations as pi
    where pi.project_id = v_project_id and pi.provider_id = v_provider.id;
    if not found then
        raise exception using errcode = 'PB409', message = format('this project has no %s integration', v_provider.name);
    end if;
    v_integration := private.rpc_integration(v_integration.id, 'integration:sync:<provider>');
    if not v_integration.is_enabled then
        raise exception using errcode = 'PB409', message = format('%s is switched off for this project', v_provider.name);
    end if;

    -- the features that would push it: outbound, guarded, watching this table, filter
    -- matched on everything but status (the validation reports status itself)
    execute format('select pg_catalog.to_jsonb(r) from public.%I as r where r.id = $1', v_entity)
    into v_row using p_entity_id;
    select pg_catalog.array_agg(f order by f.sort_order) into v_features
    from public.v_project_integration_features as s
    inner join public.integration_features as f on s.feature_id = f.id
    where s.project_integration_id = v_integration.id
        and s.is_enabled
        and f.validation_action is not null
        and f.sync_direction <> 'inbound'
        and s.trigger_config ->> 'entity' = v_entity
        and pg_catalog.cardinality(
            private.filter_mismatches(s.trigger_config -> 'filter', v_row, array['status'])
        ) = 0;
    if v_features is null then
        return pg_catalog.jsonb_build_object('queued', false, 'log_ids', '[]'::jsonb, 'errors',
            pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('entity_id', p_entity_id, 'feature', null)
                || private.client_action_error('no_feature_covers', 'entity_type', format(
                    'No enabled %s feature sends this %s', v_provider.name, p_entity_type))));
    end if;

    select coalesce(pg_catalog.jsonb_agg(e.error order by i.i, e.ordinality), '[]') into v_errors
    from pg_catalog.generate_subscripts(v_features, 1) as i (i)
    cross join lateral pg_catalog.jsonb_array_elements(
        private.send_errors(v_integration, v_features[i.i], v_entity, p_entity_id::text)
    ) with ordinality as e (error, ordinality);
    if pg_catalog.jsonb_array_length(v_errors) > 0 then
        return pg_catalog.jsonb_build_object('queued', false, 'log_ids', '[]'::jsonb, 'errors', v_errors);
    end if;

    v_log_ids := array(
        select private.enqueue_sync_run(
            v_integration.id, (v_features[i.i]).id, 'on_manual', (v_features[i.i]).server_action,
            (v_features[i.i]).entity_type, p_entity_id::text,
            pg_catalog.jsonb_build_object('feature', (v_features[i.i]).key, 'entity_id', p_entity_id),
            (select private.caller_uid())
        )
        from pg_catalog.generate_subscripts(v_features, 1) as i (i)
        order by i.i
    );
    return pg_catalog.jsonb_build_object(
        'queued', true, 'log_ids', pg_catalog.to_jsonb(v_log_ids), 'errors', '[]'::jsonb
    );
end
$$;

comment on function public.integration_send_to(text, text, uuid) is
'"Send To": pushes one relationship or transaction to a provider after its client validation: '
'{queued, log_ids, errors}. Needs integration:sync:<provider>. See docs/rpc.md.';

revoke all on function public.integration_send_to(text, text, uuid) from public, anon;

grant execute on function public.integration_send_to(text, text, uuid) to authenticated, service_role;
