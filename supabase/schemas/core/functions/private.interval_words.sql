-- An interval as people write it: "1 hour", "90 minutes", "2 days".
create function private.interval_words(p_interval interval)
returns text
language sql immutable strict parallel safe
set search_path = ''
as $$
    select pg_catalog.format('%s %s', u.n, u.unit || case when u.n = 1 then '' else 's' end)
    from (select extract(epoch from p_interval)::bigint as s) as e
    cross join lateral (
        select
            case
                when e.s % 86400 = 0 then e.s / 86400
                when e.s % 3600 = 0 then e.s / 3600
                when e.s % 60 = 0 then e.s / 60
                else e.s
            end as n,
            case
                when e.s % 86400 = 0 then 'day'
                when e.s % 3600 = 0 then 'hour'
                when e.s % 60 = 0 then 'minute'
                else 'second'
            end as unit
    ) as u
$$;

revoke all on function private.interval_words(interval) from public;
