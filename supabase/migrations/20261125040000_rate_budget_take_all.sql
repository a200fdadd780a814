-- Taking one slot of each of several rate budgets at once, all or none, in one round trip.
-- A QuickBooks request counts against up to three limits of its realm at the same time
-- (500 requests a minute, 10 in flight, 40 batch requests a minute): it holds a slot of
-- each while in flight, and must not sit on one while it waits for another.
-- Built on private.rate_budget_take / rate_budget_give_back (20261125050000_rate_budgets;
-- plpgsql resolves them when called, so the order of the two files does not matter).

-- One slot of each budget in p_keys, in that order; or none and the seconds until the
-- scarcest one frees a slot.
create function private.rate_budget_take_all(p_keys text[], p_lease interval)
returns table (slots integer[], wait_seconds double precision)
language plpgsql volatile
set search_path = ''
as $$
declare
    v_key text;
    v_slots integer [] := '{}'::integer [];
    v_taken integer [];
    v_wait double precision;
begin
    begin
        foreach v_key in array p_keys loop
            select t.slots, t.wait_seconds into v_taken, v_wait
            from private.rate_budget_take(v_key, 1, p_lease) as t;
            if pg_catalog.cardinality(v_taken) = 0 then
                raise exception using errcode = 'PB429', message = v_wait::text;
            end if;
            v_slots := v_slots || v_taken[1];
        end loop;
    exception
        when sqlstate 'PB429' then
            -- the sub-block's rollback gives back the slots already taken
            return query select '{}'::integer [], v_wait;
            return;
    end;
    return query select v_slots, 0::double precision;
end
$$;

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

comment on function private.rate_budget_take_all(text[], interval) is
'One slot of each budget, all or none: {slots in key order} or {} and the seconds to wait.';

revoke all on function private.rate_budget_take_all(text[], interval) from public;
revoke all on function private.rate_budget_give_back_all(text[], integer[]) from public;
grant execute on function private.rate_budget_take_all(text[], interval) to service_role;
grant execute on function private.rate_budget_give_back_all(text[], integer[]) to service_role;
