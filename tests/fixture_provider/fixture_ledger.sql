-- The fixture provider, Fixture Ledger: a fourth provider present in every test database
-- (tests/testdb.py loads this file into the template right after the migrations), so the
-- whole suite shows that adding a provider breaks no test (issue #19). It is what a new
-- provider adds in SQL — one registration call and its client action — and nothing else:
-- oauth2, per project, switched on for projects in GB and NZ, one outbound feature whose
-- pushes its validation action guards. Never a migration: no real database holds it.

-- Client action validate_entry: can this transaction be pushed to Fixture Ledger?
--   params: {"transaction_id": uuid, "feature": text} (what the engine sends a validation
--           action: the record's id and the feature key)
--   errors: not_found (no such transaction the caller may read), currency_not_supported
--           (Fixture Ledger books GBP only)
--   data:   transaction_id
create function client_actions.fixture_ledger__validate_entry(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(p_params, array['transaction_id', 'feature'], array['transaction_id']);
    v_id uuid := private.client_action_uuid(v_params, 'transaction_id');
    v_currency text;
begin
    perform private.client_action_text(v_params, 'feature');
    select t.currency_code into v_currency from public.transactions as t where t.id = v_id;
    if not found then
        return private.client_action_result(jsonb_build_array(private.client_action_error(
            'not_found', 'transaction_id', format('No transaction %s in this project', v_id)
        )), null);
    end if;
    return private.client_action_result(
        case when v_currency is distinct from 'GBP' then jsonb_build_array(private.client_action_error(
            'currency_not_supported', 'currency_code',
            format('Fixture Ledger books GBP only, not %s', coalesce(v_currency, 'no currency'))
        )) end,
        jsonb_build_object('transaction_id', v_id)
    );
end
$$;

revoke all on function client_actions.fixture_ledger__validate_entry(jsonb) from public;
grant execute on function client_actions.fixture_ledger__validate_entry(jsonb) to authenticated, service_role;

select private.register_provider($json$
{
    "key": "fixture_ledger",
    "name": "Fixture Ledger",
    "description": "A ledger that exists only in tests: the fourth provider every test runs with.",
    "auth_method": "oauth2",
    "credential_scope": "per_project",
    "auto_enable_for_country": true,
    "sort_order": 90,
    "countries": ["GB", "NZ"],
    "client_actions": ["validate_entry"],
    "server_actions": ["testConnection", "push_entry"],
    "features": [
        {
            "key": "entries",
            "name": "Ledger entries",
            "description": "Push a transaction to Fixture Ledger as an entry.",
            "default_trigger": "on_manual",
            "default_trigger_config": {"entity": "transactions"},
            "sync_direction": "outbound",
            "entity_type": "transaction",
            "server_action": "push_entry",
            "validation_action": "validate_entry",
            "sort_order": 10
        }
    ]
}
$json$::jsonb);
