-- The RPCs that read the caller themselves, redefined with private.caller_uid() and
-- private.rpc_sees_project() (20261203200000) in place of auth.uid() / auth.role(), so a
-- caller with missing, empty or malformed claims is refused (PB404 / PB403) rather than let
-- through or answered with a JSON error. Redefined (bodies otherwise unchanged unless said):
--   integration_request_sync      20261125011400
--   integration_send_to           20261125011500: and the provider key and entity type
--     it was given are quoted at most 40 characters long (private.input_excerpt)
--   (companies_house_link_company is redefined by 20261203210300, which links through
--     private.link_mapping and answers another project's relationship as a missing one)
--   companies_house_acknowledge_change  20261125060100: likewise for another project's link
--   (hmrc_submit_vat_return is redefined by 20261204300000, with the same caller checks)
--   hmrc_fetch_vat_obligations    20261125061200

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

create or replace function public.companies_house_acknowledge_change(p_mapping_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_mapping public.integration_entity_mappings;
    v_acknowledged integer;
begin
    select m.* into v_mapping
    from public.integration_entity_mappings as m
    inner join public.project_integrations as pi on m.project_integration_id = pi.id
    inner join public.integration_providers as p on pi.provider_id = p.id
    where m.id = p_mapping_id and m.entity_type = 'company' and p.key = 'companies_house'
        and private.rpc_sees_project(pi.project_id);
    if not found then
        raise exception using errcode = 'PB404', message = format(
            'no Companies House company link %s in a project you belong to', coalesce(p_mapping_id::text, 'null'));
    end if;
    perform private.rpc_integration(v_mapping.project_integration_id, 'integration:sync:<provider>');

    with pending as (
        select r.id, c.ordinality
        from public.integration_reference_data as r
        inner join public.integration_providers as p on r.provider_id = p.id
        cross join lateral pg_catalog.jsonb_array_elements(coalesce(r.data -> 'changes', '[]'))
            with ordinality as c (value, ordinality)
        where p.key = 'companies_house' and r.project_integration_id = v_mapping.project_integration_id
            and r.kind = 'company' and r.external_id = v_mapping.external_id
            and not c.value ? 'acknowledged_at'
    ),

    acknowledged as (
        update public.integration_reference_data as r
        set data = pg_catalog.jsonb_set(r.data, '{changes}', (
            select pg_catalog.jsonb_agg(
                case when c.ordinality in (select pe.ordinality from pending as pe)
                    then c.value || pg_catalog.jsonb_build_object(
                        'acknowledged_at', now(), 'acknowledged_by', (select private.caller_uid())
                    )
                    else c.value
                end
                order by c.ordinality
            )
            from pg_catalog.jsonb_array_elements(r.data -> 'changes') with ordinality as c (value, ordinality)
        ))
        where r.id in (select pe.id from pending as pe)
        returning r.id
    )

    select pg_catalog.count(*)::integer into v_acknowledged
    from pending as pe
    where pe.id in (select a.id from acknowledged as a);

    update public.integration_entity_mappings as m
    set is_stale = false, stale_reason = null
    where m.id = v_mapping.id and m.is_stale;
    return pg_catalog.jsonb_build_object(
        'mapping_id', v_mapping.id, 'company_number', v_mapping.external_id,
        'acknowledged', v_acknowledged, 'needs_review', false
    );
end
$$;

create or replace function public.hmrc_fetch_vat_obligations(p_project_integration_id uuid, p_client_context jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:sync:<provider>'
    );
    v_feature public.integration_features := private.rpc_feature(v_integration, 'vat_obligations');
    v_user uuid := (select private.caller_uid());
    v_context jsonb;
    v_errors jsonb;
    v_log_id uuid;
begin
    if v_user is null then
        raise exception using errcode = 'PB403',
            message = 'an attended HMRC fetch is asked for by a signed-in person: call this as that user';
    end if;
    if not v_integration.is_enabled or not (
        select s.is_enabled from public.v_project_integration_features as s
        where s.project_integration_id = v_integration.id and s.feature_id = v_feature.id
    ) then
        raise exception using errcode = 'PB409', message = format('%s is switched off for this project', v_feature.name);
    end if;

    v_context := public.integration_client_action('hmrc', 'validate_client_context', coalesce(p_client_context, '{}'));
    v_errors := v_context -> 'errors';
    if v_integration.settings ->> 'vrn' is null then
        v_errors := v_errors || private.client_action_error('vrn_missing', 'vrn',
            'Save the project''s VAT registration number first (hmrc_set_references)');
    end if;
    if pg_catalog.jsonb_array_length(v_errors) > 0 then
        return pg_catalog.jsonb_build_object('queued', false, 'log_ids', '[]'::jsonb, 'errors', v_errors);
    end if;

    v_log_id := private.enqueue_sync_run(
        v_integration.id, v_feature.id, 'on_manual', v_feature.server_action, v_feature.entity_type, null,
        pg_catalog.jsonb_build_object('feature', v_feature.key), v_user
    );
    perform private.hmrc_keep_client_context(v_log_id, v_user, v_context -> 'data');
    return pg_catalog.jsonb_build_object(
        'queued', true, 'log_ids', pg_catalog.jsonb_build_array(v_log_id), 'errors', '[]'::jsonb
    );
end
$$;
