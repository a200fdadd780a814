-- The six enums of the original design, every value as it names them.

create type public.integration_auth_method as enum (
    'oauth2', 'api_key', 'basic_auth', 'saml', 'jwt', 'certificate', 'webhook', 'none'
);

create type public.integration_credential_scope as enum ('global', 'per_project');

create type public.integration_connection_status as enum (
    'Connected', 'Disconnected', 'Error', 'Expired', 'Pending'
);

create type public.sync_trigger_type as enum (
    'on_status_change', 'on_manual', 'on_schedule', 'on_link', 'realtime'
);

create type public.sync_status as enum (
    'pending', 'in_progress', 'success', 'partial_success', 'failed'
);

create type public.sync_direction as enum ('inbound', 'outbound', 'bidirectional');
