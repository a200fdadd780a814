-- The client action: params, the transaction as the caller's RLS shows it, then the check.
create function client_actions.quickbooks__validate_transaction_send_to(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(
        p_params, array['transaction_id', 'feature'], array['transaction_id']
    );
    v_id uuid := private.client_action_uuid(v_params, 'transaction_id');
    v_feature text := private.client_action_text(v_params, 'feature');
begin
    if not exists (select from public.transactions as t where t.id = v_id) then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'not_found', 'transaction_id', 'No such transaction in a project you belong to'
        )), null);
    end if;
    return private.quickbooks_validate_transaction(v_id, v_feature);
end
$$;

revoke all on function client_actions.quickbooks__validate_transaction_send_to(jsonb) from public;

grant execute on function client_actions.quickbooks__validate_transaction_send_to(jsonb)
to authenticated, service_role;
