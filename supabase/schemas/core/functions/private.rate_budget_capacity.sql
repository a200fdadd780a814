-- The capacity in force at p_now: the learned one grown by a tenth (at least one slot)
-- per whole window since it was learned, up to the defined capacity.
create function private.rate_budget_capacity(p_budget private.rate_budgets, p_now timestamptz)
returns integer
language sql stable
set search_path = ''
as $$
    select case
        when p_budget.learned_capacity is null then p_budget.capacity
        else least(
            p_budget.capacity::double precision,
            greatest(
                p_budget.learned_capacity + w.windows,
                pg_catalog.floor(p_budget.learned_capacity * pg_catalog.power(1.1, least(100, w.windows)))
            )
        )::integer
    end
    from (
        select pg_catalog.floor(
            extract(epoch from p_now - p_budget.learned_at)
            / greatest(extract(epoch from p_budget.window_length), 0.001)
        )::double precision as windows
    ) as w
$$;

revoke all on function private.rate_budget_capacity(private.rate_budgets, timestamptz) from public;

grant execute on function private.rate_budget_capacity(private.rate_budgets, timestamptz) to service_role;
