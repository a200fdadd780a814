-- Takes p_cost free slots of budget p_key for project p_project_id, held for at most
-- p_lease. Returns them, or no slots and how many seconds until one frees up (the
-- caller waits and asks again): the budget's next free slot or, past the project's
-- share, its own next one.
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

comment on function private.rate_budget_take(text, integer, interval, uuid) is
'Takes p_cost free slots of a budget for a project (null: no project), within the global '
'capacity and the project''s share: {slots}, or {} and the seconds to wait.';

revoke all on function private.rate_budget_take(text, integer, interval, uuid) from public;

grant execute on function private.rate_budget_take(text, integer, interval, uuid) to service_role;
