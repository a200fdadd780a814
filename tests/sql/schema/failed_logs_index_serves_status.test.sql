-- Proves: `plugboard status` (the last hour's failed runs of every project, by error
-- code) has an index of failed sync logs by finish time, partial so the other logs never
-- enter it, and its query can be answered from that index instead of the whole table.
begin;
select plan(2);

select is(
    pg_get_indexdef('public.integration_sync_logs_failed_finished_idx'::regclass),
    'CREATE INDEX integration_sync_logs_failed_finished_idx ON public.integration_sync_logs USING btree (finished_at) WHERE (status = ''failed''::sync_status)',
    'sync logs: failed ones by finish time, nothing else'
);

create temporary table plan_lines (line text) on commit drop;
set local enable_seqscan = off;
do $$
declare
    r record;
begin
    -- the WHERE clause of python_workers/engine/queue_stats.py's FAILURES_SQL
    for r in execute 'explain select error_code, count(*) from public.integration_sync_logs as l'
        ' where l.status = ''failed'' and l.finished_at > now() - make_interval(secs => 3600)'
        ' group by error_code'
    loop
        insert into plan_lines values (r."QUERY PLAN");
    end loop;
end;
$$;
select ok(
    exists (
        select from plan_lines
        where line like '%integration_sync_logs_failed_finished_idx%'
    ),
    'the last hour''s failures are read from that index'
);

select * from finish();
rollback;
