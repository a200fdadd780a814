-- Trigger configs follow the original design's entity + filter pattern:
--   {"entity": "<host table>", "filter": {"<column>": <scalar> | [<scalar>, …]},
--    "schedule": "<5-field cron>"}   (schedule: on_schedule only)
-- The entity must be a host table a feature may watch and every filter key one of its
-- columns; an array means any-of; on_status_change watches the `status` the filter names;
-- on_schedule needs a valid cron expression. python_workers/trigger_config.py holds the
-- same rules as a pydantic model (a property test shows both agree).
-- The host tables features may point at.
create function private.trigger_entities()
returns text[]
language sql immutable parallel safe
set search_path = ''
as $$
    select array['project_relationships', 'transactions', 'transaction_lines', 'projects']
$$;

revoke all on function private.trigger_entities() from public;
