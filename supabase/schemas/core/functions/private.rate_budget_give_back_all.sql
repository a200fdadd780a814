-- Gives back slot p_slots[i] of budget p_keys[i], each free one window from now.
create function private.rate_budget_give_back_all(p_keys text[], p_slots integer[])
returns void
language plpgsql volatile
set search_path = ''
as $$
begin
    for v_index in 1..pg_catalog.cardinality(p_keys) loop
        perform private.rate_budget_give_back(p_keys[v_index], array[p_slots[v_index]]);
    end loop;
end
$$;

revoke all on function private.rate_budget_give_back_all(text[], integer[]) from public;

grant execute on function private.rate_budget_give_back_all(text[], integer[]) to service_role;
