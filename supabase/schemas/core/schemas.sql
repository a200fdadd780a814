-- The private schema: security-definer helpers and trigger functions, never exposed
-- through PostgREST.

create schema if not exists private;

revoke all on schema private from public;

grant usage on schema private to authenticated, service_role;

-- Client actions: the original design's instant, pure checks ("can this be sent?",
-- dropdown filters), as SQL any client app reaches through one RPC,
-- public.integration_client_action(provider, action, params).
--
-- Every client action is `client_actions.<provider>__<action>(p_params jsonb) returns jsonb`:
-- stable, security invoker (the caller's RLS applies), `set search_path = ''`; it reads the
-- project's records, mappings and cached reference data and never writes, calls out or
-- touches a secret. It returns {"valid": bool, "errors": [{code, field, message}], "data": {}}.
-- The client_actions schema holds client actions only (the conformance test checks it
-- against the catalogue); the shared helpers (private.client_action_*) live in private.
--
-- Errors: params that are not an object, name an unknown key, miss a required key or hold
-- a value of the wrong type raise PB422 (docs/errors.md); everything about the data itself
-- is an entry in "errors", with a stable code, the field (or line) and a message.
create schema if not exists client_actions;

revoke all on schema client_actions from public;

grant usage on schema client_actions to authenticated, service_role;

comment on schema client_actions is
'Client actions: client_actions.<provider>__<action>(jsonb) returns jsonb, one per catalogue '
'entry (integration_providers.client_actions), called through public.integration_client_action.';
