-- Gives slots back once their requests were answered: each is free one window from now.
create function private.rate_budget_give_back(p_key text, p_slots integer[])
returns void
language sql volatile
set search_path = ''
as $$
    update private.rate_budget_slots as s
    set free_at = pg_catalog.clock_timestamp() + b.window_length
    from private.rate_budgets as b
    where b.key = p_key and s.budget_key = b.key and s.slot = any (p_slots)
$$;

revoke all on function private.rate_budget_give_back(text, integer[]) from public;

grant execute on function private.rate_budget_give_back(text, integer[]) to service_role;
