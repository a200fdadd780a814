-- The provider answered 429 to a request of budget p_key: learn its limit and pause every
-- slot for p_pause. What it let through is the slots taken within the last window (answered
-- or still in flight), less the refused request's own. Returns the capacity now in force.
create function private.rate_budget_throttled(p_key text, p_pause interval, p_floor integer)
returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
    v_budget private.rate_budgets;
    v_now timestamptz := pg_catalog.clock_timestamp();
    v_capacity integer;
    v_admitted integer;
begin
    select b.* into v_budget from private.rate_budgets as b where b.key = p_key for update;
    if not found then
        raise exception using errcode = 'PB404', message = format('no rate budget "%s"', p_key);
    end if;
    v_capacity := private.rate_budget_capacity(v_budget, v_now);
    select pg_catalog.count(*)::integer - 1 into v_admitted
    from private.rate_budget_slots as s
    where s.budget_key = p_key and s.slot < v_capacity and s.free_at > v_now;
    v_capacity := least(
        v_capacity, greatest(p_floor, v_admitted), v_budget.capacity
    );
    update private.rate_budgets as b
    set learned_capacity = v_capacity, learned_at = v_now, updated_at = v_now
    where b.key = p_key;
    update private.rate_budget_slots as s
    set free_at = greatest(s.free_at, v_now + p_pause)
    where s.budget_key = p_key;
    return v_capacity;
end
$$;

comment on function private.rate_budget_throttled(text, interval, integer) is
'The provider refused a request of this budget (429): learn its limit (at least p_floor) '
'and hold every slot for p_pause. Returns the capacity now in force.';

revoke all on function private.rate_budget_throttled(text, interval, integer) from public;

grant execute on function private.rate_budget_throttled(text, interval, integer) to service_role;
