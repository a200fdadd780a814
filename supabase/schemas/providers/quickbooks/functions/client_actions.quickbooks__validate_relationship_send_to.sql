-- The client action: params, the feature (PB422 unless it sends relationships), the
-- relationship as the caller's RLS shows it, then the check.
create function client_actions.quickbooks__validate_relationship_send_to(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(
        p_params, array['relationship_id', 'feature'], array['relationship_id', 'feature']
    );
    v_id uuid := private.client_action_uuid(v_params, 'relationship_id');
    v_feature_key text := private.client_action_text(v_params, 'feature');
    v_feature public.integration_features;
begin
    select f.* into v_feature
    from public.integration_features as f
    inner join public.integration_providers as p on f.provider_id = p.id
    where p.key = 'quickbooks' and f.key = v_feature_key
        and f.validation_action = 'validate_relationship_send_to';
    if not found then
        raise exception using errcode = 'PB422',
            message = format('params.feature: "%s" is not a QuickBooks relationship feature', v_feature_key),
            hint = 'Use one of: ' || (
                select pg_catalog.string_agg(f.key, ', ' order by f.sort_order)
                from public.integration_features as f
                inner join public.integration_providers as p on f.provider_id = p.id
                where p.key = 'quickbooks' and f.validation_action = 'validate_relationship_send_to'
            );
    end if;
    if not exists (select from public.project_relationships as r where r.id = v_id) then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'not_found', 'relationship_id', 'No such relationship in a project you belong to'
        )), null);
    end if;
    return private.quickbooks_validate_relationship(v_id, v_feature);
end
$$;

revoke all on function client_actions.quickbooks__validate_relationship_send_to(jsonb) from public;

grant execute on function client_actions.quickbooks__validate_relationship_send_to(jsonb)
to authenticated, service_role;
