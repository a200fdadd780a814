-- Baseline (issue #19): The private and client_actions schemas, the enums, and the one function table checks call.
-- The schema files below, in supabase/schemas/load_order.txt's order; a later change is a
-- new migration plus the edited schema file (docs/contributing.md).

-- supabase/schemas/core/schemas.sql

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

-- supabase/schemas/core/types.sql

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

-- supabase/schemas/core/functions/private.is_iso_country.sql

-- ISO 3166-1 alpha-2, all 249 officially assigned codes.
create function private.is_iso_country(p_code text)
returns boolean
language sql immutable parallel safe
set search_path = ''
as $$
    select p_code = any (array[
        'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW',
        'AX', 'AZ', 'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN',
        'BO', 'BQ', 'BR', 'BS', 'BT', 'BV', 'BW', 'BY', 'BZ', 'CA', 'CC', 'CD', 'CF', 'CG',
        'CH', 'CI', 'CK', 'CL', 'CM', 'CN', 'CO', 'CR', 'CU', 'CV', 'CW', 'CX', 'CY', 'CZ',
        'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ', 'EC', 'EE', 'EG', 'EH', 'ER', 'ES', 'ET', 'FI',
        'FJ', 'FK', 'FM', 'FO', 'FR', 'GA', 'GB', 'GD', 'GE', 'GF', 'GG', 'GH', 'GI', 'GL',
        'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GW', 'GY', 'HK', 'HM', 'HN', 'HR',
        'HT', 'HU', 'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT', 'JE', 'JM',
        'JO', 'JP', 'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KY', 'KZ', 'LA',
        'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY', 'MA', 'MC', 'MD', 'ME',
        'MF', 'MG', 'MH', 'MK', 'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS', 'MT', 'MU',
        'MV', 'MW', 'MX', 'MY', 'MZ', 'NA', 'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP',
        'NR', 'NU', 'NZ', 'OM', 'PA', 'PE', 'PF', 'PG', 'PH', 'PK', 'PL', 'PM', 'PN', 'PR',
        'PS', 'PT', 'PW', 'PY', 'QA', 'RE', 'RO', 'RS', 'RU', 'RW', 'SA', 'SB', 'SC', 'SD',
        'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS', 'ST', 'SV',
        'SX', 'SY', 'SZ', 'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TO',
        'TR', 'TT', 'TV', 'TW', 'TZ', 'UA', 'UG', 'UM', 'US', 'UY', 'UZ', 'VA', 'VC', 'VE',
        'VG', 'VI', 'VN', 'VU', 'WF', 'WS', 'YE', 'YT', 'ZA', 'ZM', 'ZW'
    ])
$$;

revoke all on function private.is_iso_country(text) from public;

grant execute on function private.is_iso_country(text) to authenticated, service_role;
