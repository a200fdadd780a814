create schema if not exists private;

revoke all on schema private from public;

grant usage on schema private to authenticated, service_role;

create schema if not exists client_actions;

revoke all on schema client_actions from public;

grant usage on schema client_actions to authenticated, service_role;

comment on schema client_actions is
'Client actions: client_actions.<provider>__<action>(jsonb) returns jsonb, one per catalogue '
'entry (integration_providers.client_actions), called through public.integration_client_action.';
