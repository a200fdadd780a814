-- Rate budgets shared by every worker on every machine: "at most N requests per window"
-- for one provider account (the Companies House API key: 600 per 5 minutes), kept in
-- PostgreSQL so any number of worker processes draw from the same budget.
--
-- A budget of capacity N is N slots. A request takes a free slot before it is sent and
-- gives it back when its answer arrived; the slot is free again one window after that.
-- So two requests of one slot reach the provider at least one window apart, and any
-- window of the provider's clock sees at most N requests, however long each one took
-- (the provider counts arrivals, which lie between our take and our give-back).
-- A slot taken by a worker that dies is free again after its lease plus the window
-- (the lease is longer than any request may take: the HTTP timeout).
-- With window 0 a budget is a concurrency limit (at most N requests in flight).
-- Slots are taken with FOR UPDATE SKIP LOCKED: takers never queue behind each other.

create table private.rate_budgets (
    key text primary key check (key ~ '^[a-z][a-z0-9_]*(:[A-Za-z0-9_.-]+)?$'),
    capacity integer not null check (capacity > 0),
    window_length interval not null check (window_length >= interval '0'),
    updated_at timestamptz not null default now()
);

comment on table private.rate_budgets is
'One shared request budget: at most capacity requests per window_length (service_role only).';

create table private.rate_budget_slots (
    budget_key text not null references private.rate_budgets (key) on delete cascade,
    slot integer not null check (slot >= 0),
    free_at timestamptz not null default '-infinity',
    primary key (budget_key, slot)
);

comment on column private.rate_budget_slots.free_at is
'When the slot may be taken again: give-back time plus the window, or, while a request '
'holds it, take time plus lease plus window.';

-- Creates or resizes budget p_key. Existing slots keep their state (a smaller capacity
-- drops the highest slots).
create function private.rate_budget_define(p_key text, p_capacity integer, p_window interval)
returns void
language plpgsql volatile
set search_path = ''
as $$
begin
    insert into private.rate_budgets as b (key, capacity, window_length)
    values (p_key, p_capacity, p_window)
    on conflict (key) do update
    set capacity = excluded.capacity, window_length = excluded.window_length, updated_at = now();
    delete from private.rate_budget_slots as s where s.budget_key = p_key and s.slot >= p_capacity;
    insert into private.rate_budget_slots (budget_key, slot)
    select p_key, i from pg_catalog.generate_series(0, p_capacity - 1) as i
    on conflict do nothing;
end
$$;

-- Takes p_cost free slots of budget p_key, held for at most p_lease. Returns them, or
-- no slots and how many seconds until one frees up (the caller waits and asks again).
create function private.rate_budget_take(p_key text, p_cost integer, p_lease interval)
returns table (slots integer[], wait_seconds double precision)
language plpgsql volatile
set search_path = ''
as $$
declare
    v_budget private.rate_budgets;
    v_now timestamptz := pg_catalog.clock_timestamp();
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
    v_slots := array(
        select s.slot
        from private.rate_budget_slots as s
        where s.budget_key = p_key and s.free_at <= v_now
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
        where s.budget_key = p_key and s.free_at > v_now;
        return;
    end if;
    update private.rate_budget_slots as s
    set free_at = v_now + p_lease + v_budget.window_length
    where s.budget_key = p_key and s.slot = any (v_slots);
    return query select v_slots, 0::double precision;
end
$$;

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

/** --- The Companies House API key: 600 requests per 5 minutes, every project and worker --- */

select private.rate_budget_define('companies_house', 600, interval '5 minutes');

revoke all on table private.rate_budgets, private.rate_budget_slots from public;
grant select, insert, update, delete on table private.rate_budgets, private.rate_budget_slots to service_role;
revoke all on function private.rate_budget_define(text, integer, interval) from public;
revoke all on function private.rate_budget_take(text, integer, interval) from public;
revoke all on function private.rate_budget_give_back(text, integer[]) from public;
grant execute on function private.rate_budget_define(text, integer, interval) to service_role;
grant execute on function private.rate_budget_take(text, integer, interval) to service_role;
grant execute on function private.rate_budget_give_back(text, integer[]) to service_role;
