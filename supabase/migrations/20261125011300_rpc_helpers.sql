-- Helpers the client-app RPCs share: who may act (PB403), which project integration and
-- feature a call means (PB404), and the "Send To" re-validation of one record.
-- service_role (a trusted server app, JWT role service_role) may do what any permission allows.

create function private.rpc_may(p_project_id uuid, p_permission text)
returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
    return (
        select (select auth.role()) = 'service_role' or private.has_permission(p_project_id, p_permission)
    );
end
$$;

-- The project integration p_id, if the caller belongs to its project (else PB404) and holds
-- p_permission there (else PB403). '<provider>' in p_permission stands for the provider key.
create function private.rpc_integration(p_id uuid, p_permission text)
returns public.project_integrations
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
    v_permission text;
begin
    select pi.* into v_integration from public.project_integrations as pi where pi.id = p_id;
    if not found or not (
        (select auth.role()) = 'service_role'
        or v_integration.project_id in (select private.member_project_ids())
    ) then
        raise exception using errcode = 'PB404',
            message = format('no project integration %s in a project you belong to', coalesce(p_id::text, 'null'));
    end if;
    v_permission := pg_catalog.replace(p_permission, '<provider>', (
        select p.key from public.integration_providers as p where p.id = v_integration.provider_id
    ));
    if not private.rpc_may(v_integration.project_id, v_permission) then
        raise exception using errcode = 'PB403',
            message = format('you need the %s permission in this project', v_permission);
    end if;
    return v_integration;
end
$$;

-- The active feature p_key of the integration's provider, else PB404 listing the features.
create function private.rpc_feature(p_integration public.project_integrations, p_key text)
returns public.integration_features
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_feature public.integration_features;
begin
    select f.* into v_feature
    from public.integration_features as f
    where f.provider_id = p_integration.provider_id and f.key = p_key and f.is_active;
    if not found then
        raise exception using errcode = 'PB404',
            message = format('no feature "%s" for this integration', coalesce(p_key, 'null')),
            hint = 'Features: ' || (
                select pg_catalog.string_agg(f.key, ', ' order by f.sort_order)
                from public.integration_features as f
                where f.provider_id = p_integration.provider_id and f.is_active
            );
    end if;
    return v_feature;
end
$$;

-- The project a host record belongs to (null when there is no such record).
create function private.entity_project_id(p_entity text, p_id uuid)
returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return (
        select case p_entity
            when 'projects' then (select p.id from public.projects as p where p.id = p_id)
            when 'project_relationships' then (select r.project_id from public.project_relationships as r where r.id = p_id)
            when 'transactions' then (select t.project_id from public.transactions as t where t.id = p_id)
            when 'transaction_lines' then (
                select t.project_id
                from public.transaction_lines as l
                inner join public.transactions as t on l.transaction_id = t.id
                where l.id = p_id
            )
        end
    );
end
$$;

-- Why one record may not be pushed by a feature: [] when it may; else errors as the
-- feature's validation action gives them, each tagged with entity_id and feature.
-- p_entity is the host table the feature watches; the record must be in the integration's project.
create function private.send_errors(
    p_integration public.project_integrations,
    p_feature public.integration_features,
    p_entity text,
    p_entity_id text
)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_tag jsonb := pg_catalog.jsonb_build_object('entity_id', p_entity_id, 'feature', p_feature.key);
    v_result jsonb;
begin
    if p_entity_id is null
        or p_entity_id !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        return pg_catalog.jsonb_build_array(v_tag || private.client_action_error('invalid_format', 'entity_ids',
            format('"%s" is not a record id (a uuid)', coalesce(p_entity_id, 'null'))));
    end if;
    if private.entity_project_id(p_entity, p_entity_id::uuid) is distinct from p_integration.project_id then
        return pg_catalog.jsonb_build_array(v_tag || private.client_action_error('not_found', 'entity_ids',
            format('No record %s in this project', p_entity_id)));
    end if;
    if p_feature.validation_action is null then
        return '[]'::jsonb;
    end if;
    v_result := public.integration_client_action(
        (select p.key from public.integration_providers as p where p.id = p_feature.provider_id),
        p_feature.validation_action,
        pg_catalog.jsonb_build_object(
            case p_entity when 'transactions' then 'transaction_id' else 'relationship_id' end, p_entity_id,
            'feature', p_feature.key
        )
    );
    return coalesce((
        select pg_catalog.jsonb_agg(v_tag || e.value order by e.ordinality)
        from pg_catalog.jsonb_array_elements(v_result -> 'errors') with ordinality as e (value, ordinality)
    ), '[]');
end
$$;

revoke all on function private.rpc_may(uuid, text) from public;
revoke all on function private.rpc_integration(uuid, text) from public;
revoke all on function private.rpc_feature(public.project_integrations, text) from public;
revoke all on function private.entity_project_id(text, uuid) from public;
revoke all on function private.send_errors(public.project_integrations, public.integration_features, text, text)
from public;
grant execute on function private.rpc_may(uuid, text) to authenticated, service_role;
grant execute on function private.rpc_integration(uuid, text) to authenticated, service_role;
grant execute on function private.rpc_feature(public.project_integrations, text) to authenticated, service_role;
