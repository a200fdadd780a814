-- OAuth 2.0 authorization requests in flight: the `state` sent to the provider is bound to
-- the person who started the connection and the project integration, works once and
-- expires. Only its SHA-256 is kept, so a leaked table cannot forge a callback. The PKCE
-- code verifier of the request waits here for the code exchange.
create table private.oauth_states (
    state_hash text primary key check (state_hash ~ '^[0-9a-f]{64}$'),
    project_integration_id uuid not null
    references public.project_integrations (id) on delete cascade,
    user_id uuid not null references auth.users (id) on delete cascade,
    code_verifier text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz,
    browser_hash text not null check (browser_hash ~ '^[0-9a-f]{64}$')
);

comment on table private.oauth_states is
'OAuth authorization requests in flight: state (hashed) bound to user and project '
'integration, single use, expiring. service_role only.';

create index oauth_states_project_integration_id_idx
on private.oauth_states (project_integration_id);

create index oauth_states_user_id_idx on private.oauth_states (user_id);

create index oauth_states_expires_at_idx on private.oauth_states (expires_at);

alter table private.oauth_states enable row level security;

revoke all on private.oauth_states from public, anon, authenticated;

grant select, insert, update, delete on private.oauth_states to service_role;

comment on column private.oauth_states.browser_hash is
'SHA-256 of the nonce in the starting browser''s plugboard_oauth_<provider> cookie.';
