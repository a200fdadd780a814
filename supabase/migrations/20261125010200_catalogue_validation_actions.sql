-- Which client action guards each outbound feature: integration_send_to and
-- integration_request_sync re-run it before writing a pending sync log, and the worker
-- runs the same function again before every push (one rule, one place).

alter table public.integration_features add column validation_action text;

comment on column public.integration_features.validation_action is
'The provider''s client action that must return valid before a record is pushed by this '
'feature (called with the record''s id and the feature key); null when nothing is pushed.';

update public.integration_features as f
set validation_action = v.action
from (
    values
    ('quickbooks', 'vendors', 'validate_relationship_send_to'),
    ('quickbooks', 'customers', 'validate_relationship_send_to'),
    ('quickbooks', 'expenses', 'validate_transaction_send_to'),
    ('quickbooks', 'bills', 'validate_transaction_send_to'),
    ('quickbooks', 'invoices', 'validate_transaction_send_to')
) as v (provider_key, feature_key, action),
    public.integration_providers as p
where
    p.key = v.provider_key
    and f.provider_id = p.id
    and f.key = v.feature_key
    and f.validation_action is distinct from v.action;
