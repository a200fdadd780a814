-- Why one record may not be pushed by a feature: [] when it may; else errors as the
-- feature's validation action gives them, each tagged with entity_id and feature.
-- p_entity is the host table the feature watches; the record must be in the integration's project.
create or replace function private.send_errors(
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
    v_tag jsonb := pg_catalog.jsonb_build_object(
        'entity_id', private.input_excerpt(p_entity_id), 'feature', p_feature.key
    );
    v_result jsonb;
begin
    if p_entity_id is null
        or p_entity_id !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        return pg_catalog.jsonb_build_array(v_tag || private.client_action_error('invalid_format', 'entity_ids',
            format('"%s" is not a record id (a uuid)', coalesce(private.input_excerpt(p_entity_id), 'null'))));
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

revoke all on function private.send_errors(public.project_integrations, public.integration_features, text, text)
from public;
