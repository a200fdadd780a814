-- Proves: the six enums of the original design exist in public with every value, in the
-- original design's order (enum_has_labels compares the ordered label list).
begin;
select plan(12);

select has_enum('public', 'integration_auth_method', 'enum integration_auth_method exists');
select enum_has_labels(
    'public', 'integration_auth_method',
    array['oauth2', 'api_key', 'basic_auth', 'saml', 'jwt', 'certificate', 'webhook', 'none'],
    'integration_auth_method: oauth2, api_key, basic_auth, saml, jwt, certificate, webhook, none'
);

select has_enum('public', 'integration_credential_scope', 'enum integration_credential_scope exists');
select enum_has_labels(
    'public', 'integration_credential_scope', array['global', 'per_project'],
    'integration_credential_scope: global, per_project'
);

select has_enum('public', 'integration_connection_status', 'enum integration_connection_status exists');
select enum_has_labels(
    'public', 'integration_connection_status',
    array['Connected', 'Disconnected', 'Error', 'Expired', 'Pending'],
    'integration_connection_status: Connected, Disconnected, Error, Expired, Pending'
);

select has_enum('public', 'sync_trigger_type', 'enum sync_trigger_type exists');
select enum_has_labels(
    'public', 'sync_trigger_type',
    array['on_status_change', 'on_manual', 'on_schedule', 'on_link', 'realtime'],
    'sync_trigger_type: on_status_change, on_manual, on_schedule, on_link, realtime'
);

select has_enum('public', 'sync_status', 'enum sync_status exists');
select enum_has_labels(
    'public', 'sync_status',
    array['pending', 'in_progress', 'success', 'partial_success', 'failed'],
    'sync_status: pending, in_progress, success, partial_success, failed'
);

select has_enum('public', 'sync_direction', 'enum sync_direction exists');
select enum_has_labels(
    'public', 'sync_direction', array['inbound', 'outbound', 'bidirectional'],
    'sync_direction: inbound, outbound, bidirectional'
);

select * from finish();
rollback;
