-- The relationship side: required for Bill and Invoice; mapped, or valid to be mapped now.
create function private.quickbooks_counterparty_errors(
    p_integration public.project_integrations, p_transaction public.transactions, p_entity text
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_feature public.integration_features;
    v_check jsonb;
begin
    if p_transaction.relationship_id is null then
        if p_entity = 'Purchase' then
            return '[]'::jsonb;
        end if;
        return pg_catalog.jsonb_build_array(private.client_action_error('relationship_required', 'relationship_id',
            format('A QuickBooks %s needs a %s', p_entity,
                case p_entity when 'Invoice' then 'customer' else 'supplier' end)));
    end if;
    select f.* into v_feature
    from public.integration_features as f
    where f.provider_id = p_integration.provider_id
        and f.key = case p_entity when 'Invoice' then 'customers' else 'vendors' end;
    if exists (
        select
        from public.integration_entity_mappings as m
        where m.project_integration_id = p_integration.id and m.entity_type = v_feature.entity_type
            and m.internal_id = p_transaction.relationship_id::text
    ) then
        return '[]'::jsonb;
    end if;
    v_check := private.quickbooks_validate_relationship(p_transaction.relationship_id, v_feature);
    if (v_check ->> 'valid')::boolean then
        return '[]'::jsonb;
    end if;
    return pg_catalog.jsonb_build_array(private.client_action_error('relationship_not_mappable', 'relationship_id',
        format('The %s is not in QuickBooks yet and cannot be sent: %s',
            case p_entity when 'Invoice' then 'customer' else 'supplier' end,
            (
                select pg_catalog.string_agg(e ->> 'message', '; ')
                from pg_catalog.jsonb_array_elements(v_check -> 'errors') as e
            ))));
end
$$;

revoke all on function private.quickbooks_counterparty_errors(public.project_integrations, public.transactions, text)
from public;

grant execute on function private.quickbooks_counterparty_errors(public.project_integrations, public.transactions, text)
to authenticated, service_role;
