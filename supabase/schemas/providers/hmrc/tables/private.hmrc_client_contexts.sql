-- private.hmrc_client_contexts: the browser values (device id, public IP and port, screens,
-- user agent, …) a person's attended HMRC call needs for its WEB_APP_VIA_SERVER
-- fraud-prevention headers, kept apart from the sync log. The log's details.params are
-- read by every member with integration:logs:view; these values are personal data only
-- the worker needs, so they live here: no client role may read them, and the row goes as
-- soon as its run is final (success, partial_success or failed) — or with its log.
--   sync_log_id     the run the values belong to (one context per run)
--   user_id         the person who confirmed the call (Gov-Client-User-IDs)
--   client_context  as validate_client_context normalised it
-- private.hmrc_keep_client_context stores one (the RPCs call it); returns nothing.
-- Contexts that older versions kept in details.params.client_context move here (runs
-- still waiting) or are dropped (finished runs).
create table private.hmrc_client_contexts (
    sync_log_id uuid primary key references public.integration_sync_logs (id) on delete cascade,
    user_id uuid not null references auth.users (id) on delete cascade,
    client_context jsonb not null check (pg_catalog.jsonb_typeof(client_context) = 'object'),
    created_at timestamptz not null default now()
);

comment on table private.hmrc_client_contexts is
'Browser values for the HMRC fraud-prevention headers of one attended run; deleted once the '
'run is final. service_role (the worker) only.';

create index hmrc_client_contexts_user_id_idx on private.hmrc_client_contexts (user_id);

alter table private.hmrc_client_contexts enable row level security;

revoke all on private.hmrc_client_contexts from public, anon, authenticated;

grant select, insert, update, delete on private.hmrc_client_contexts to service_role;
