-- Who is refreshing each OAuth credential, until when (python_workers/credentials/refresh.py,
-- issue #22): single-flight refreshes without a transaction open across the token call.
create table private.credential_refresh_leases (
    credential_id uuid primary key references public.integration_credentials (id) on delete cascade,
    holder uuid not null,
    expires_at timestamptz not null,
    taken_at timestamptz not null default now()
);

comment on table private.credential_refresh_leases is
'Which refresher holds each credential''s refresh (service_role only): live until expires_at.';

revoke all on table private.credential_refresh_leases from public;

grant select, insert, update, delete on table private.credential_refresh_leases to service_role;
