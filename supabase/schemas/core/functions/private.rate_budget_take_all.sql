-- private.rate_budget_take_all reports a wait a taker can sleep through:
-- when the scarcest budget's next slot was given back, it frees exactly one window after
-- its answer (the wait is exact); when every slot is still in flight (a slot in flight
-- reports its lease, longer than the window), it frees as soon as an answer comes back,
-- so the taker asks again shortly (p_poll seconds). Sleeping through exact waits keeps
-- takers that wait for the next window from polling the slots in the meantime.
create or replace function private.rate_budget_take_all(
    p_keys text[], p_lease interval, p_poll double precision default 0.02
)
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
                raise exception using errcode = 'PB429', message = v_key;
            end if;
            v_slots := v_slots || v_taken[1];
        end loop;
    exception
        when sqlstate 'PB429' then
            -- the sub-block's rollback gives back the slots already taken
            return query
            select
                '{}'::integer [],
                case
                    when v_wait > extract(epoch from b.window_length) then p_poll
                    else v_wait
                end
            from private.rate_budgets as b
            where b.key = v_key;
            return;
    end;
    return query select v_slots, 0::double precision;
end
$$;

comment on function private.rate_budget_take_all(text[], interval, double precision) is
'One slot of each budget, all or none: {slots in key order}, or {} and the seconds until one '
'frees (exact for a given-back slot; p_poll while every slot is in flight).';

revoke all on function private.rate_budget_take_all(text[], interval, double precision) from public;

grant execute on function private.rate_budget_take_all(text[], interval, double precision) to service_role;
