-- A budget learns the provider's real limit from its 429s (issue #21). A QuickBooks
-- realm may allow fewer requests than the published 500 a minute; a budget that assumes
-- 500 sends into refusals. On a 429 the worker calls private.rate_budget_throttled: the
-- budget's learned capacity becomes what the provider let through in the last window
-- (never below the caller's floor, never above the capacity in force), and every slot
-- waits out the provider's pause, so no worker sends before it is over. The learned
-- capacity recovers by a tenth (at least one slot) per window without a 429, back to the
-- defined capacity; rate_budget_define leaves what was learned alone (a restarted worker
-- does not forget the realm's limit).
-- Redefines private.rate_budget_take (20261203500100): it takes only slots below the
-- capacity in force (private.rate_budget_capacity).

alter table private.rate_budgets
add column learned_capacity integer check (learned_capacity > 0),
add column learned_at timestamptz;

comment on column private.rate_budgets.learned_capacity is
'The capacity the provider allowed when it last answered 429 (null: none learned); grows by '
'a tenth per window since learned_at, up to capacity.';

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

create or replace function private.rate_budget_take(
    p_key text, p_cost integer, p_lease interval, p_project_id uuid default null
)
returns table (slots integer[], wait_seconds double precision)
language plpgsql volatile
set search_path = ''
as $$
declare
    v_budget private.rate_budgets;
    v_now timestamptz := pg_catalog.clock_timestamp();
    v_capacity integer;
    v_share integer;
    v_slots integer [];
begin
    select b.* into v_budget from private.rate_budgets as b where b.key = p_key;
    if not found then
        raise exception using errcode = 'PB404', message = format('no rate budget "%s"', p_key);
    end if;
    if p_cost < 1 or p_cost > v_budget.capacity then
        raise exception using errcode = 'PB422', message = format(
            'a request costs 1 to %s of budget "%s", not %s', v_budget.capacity, p_key, p_cost);
    end if;
    v_capacity := greatest(p_cost, private.rate_budget_capacity(v_budget, v_now));
    if p_project_id is not null and v_budget.project_share is not null then
        v_share := greatest(1, pg_catalog.floor(v_capacity * v_budget.project_share)::integer);
        if p_cost > v_share then
            raise exception using errcode = 'PB422', message = format(
                'a request costs 1 to %s of budget "%s" for one project, not %s', v_share, p_key, p_cost);
        end if;
        -- one project's takers count its slots one at a time (others do not wait)
        perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_key || '/' || p_project_id::text, 0));
        v_now := pg_catalog.clock_timestamp();
        if (
            select pg_catalog.count(*)
            from private.rate_budget_slots as s
            where s.budget_key = p_key and s.project_id = p_project_id and s.free_at > v_now
        ) + p_cost > v_share then
            return query
            select
                '{}'::integer [],
                greatest(0.001, extract(epoch from pg_catalog.min(s.free_at) - v_now)::double precision)
            from private.rate_budget_slots as s
            where s.budget_key = p_key and s.project_id = p_project_id and s.free_at > v_now;
            return;
        end if;
    end if;
    v_slots := array(
        select s.slot
        from private.rate_budget_slots as s
        where s.budget_key = p_key and s.slot < v_capacity and s.free_at <= v_now
        order by s.free_at, s.slot
        limit p_cost
        for update skip locked
    );
    if pg_catalog.cardinality(v_slots) < p_cost then
        return query
        select
            '{}'::integer [],
            greatest(0.001, coalesce(extract(epoch from pg_catalog.min(s.free_at) - v_now)::double precision, 0.01))
        from private.rate_budget_slots as s
        where s.budget_key = p_key and s.slot < v_capacity and s.free_at > v_now;
        return;
    end if;
    update private.rate_budget_slots as s
    set free_at = v_now + p_lease + v_budget.window_length, project_id = p_project_id
    where s.budget_key = p_key and s.slot = any (v_slots);
    return query select v_slots, 0::double precision;
end
$$;

revoke all on function private.rate_budget_capacity(private.rate_budgets, timestamptz) from public;
revoke all on function private.rate_budget_throttled(text, interval, integer) from public;
grant execute on function private.rate_budget_capacity(private.rate_budgets, timestamptz) to service_role;
grant execute on function private.rate_budget_throttled(text, interval, integer) to service_role;
