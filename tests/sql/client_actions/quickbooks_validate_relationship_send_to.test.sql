-- Proves: quickbooks.validate_relationship_send_to accepts a valid supplier, reports
-- new / changed / unchanged against its mapping, and refuses each broken variant with
-- exactly the expected errors (code@field): the feature's entity type and role, status,
-- QuickBooks DisplayName rules and uniqueness across vendors and customers, e-mail, phone
-- and web formats, QuickBooks field lengths, currencies, the integration and the feature.
begin;
select plan(35);
select tests.client_action_fixture();

create temporary table cases (n integer, description text, setup text, params jsonb, expected text[])
on commit drop;

insert into cases (n, description, setup, params, expected) values
(1, 'an unmapped business supplier is valid', null, '{"r": "rel_new", "feature": "vendors"}', '{}'),
(2, 'a mapped supplier is valid', null, '{"r": "rel_vendor", "feature": "vendors"}', '{}'),
(3, 'an individual is not a vendor (Vendors take businesses)',
    $$update public.project_relationships set entity_type = 'Individual' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{not_covered_by_feature@entity_type}'),
(4, 'a relationship that cannot be a vendor',
    $$update public.project_relationships set role_can_be_vendor = false where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{not_covered_by_feature@role_can_be_vendor}'),
(5, 'a supplier sent as a customer', null, '{"r": "rel_new", "feature": "customers"}',
    '{not_covered_by_feature@role_can_be_customer}'),
(6, 'an archived relationship',
    $$update public.project_relationships set status = 'Archived' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{inactive@status}'),
(7, 'a blank display name',
    $$update public.project_relationships set display_name = '   ' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{required@display_name}'),
(8, 'a display name over 500 characters',
    $$update public.project_relationships set display_name = repeat('B', 501) where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{too_long@display_name}'),
(9, 'a colon in the display name',
    $$update public.project_relationships set display_name = 'Bolt: Ltd' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{invalid_characters@display_name}'),
(10, 'a tab in the display name',
    $$update public.project_relationships set display_name = E'Bolt\tLtd' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{invalid_characters@display_name}'),
(11, 'a line break in the display name',
    $$update public.project_relationships set display_name = E'Bolt\nLtd' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{invalid_characters@display_name}'),
(12, 'an emoji in the display name',
    $$update public.project_relationships set display_name = 'Bolt Ltd 🚀' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{invalid_characters@display_name}'),
(13, 'a display name already mapped (case and spaces ignored)',
    $$update public.project_relationships set display_name = ' ACME supplies LTD' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{duplicate_display_name@display_name}'),
(14, 'a vendor sent as a customer under the same name',
    $$update public.project_relationships set role_can_be_customer = true where id = tests.id('rel_vendor')$$,
    '{"r": "rel_vendor", "feature": "customers"}', '{duplicate_display_name@display_name}'),
(15, 'an e-mail without a domain',
    $$update public.project_relationships set email = 'bob@' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{invalid_format@email}'),
(16, 'an e-mail over 100 characters',
    $$update public.project_relationships set email = repeat('a', 90) || '@example.com' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{too_long@email}'),
(17, 'a phone number of letters',
    $$update public.project_relationships set phone = 'call me' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{invalid_format@phone}'),
(18, 'a phone number over 21 characters',
    $$update public.project_relationships set phone = '+44 20 7946 0000 ext 12345' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{too_long@phone}'),
(19, 'a website that is not a web address',
    $$update public.project_relationships set website = 'not a site' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{invalid_format@website}'),
(20, 'a legal name over 100 characters (CompanyName)',
    $$update public.project_relationships set legal_name = repeat('L', 101) where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{too_long@legal_name}'),
(21, 'a postal code over 30 characters',
    $$update public.project_relationships set postal_code = repeat('9', 31) where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{too_long@postal_code}'),
(22, 'a currency the company does not take',
    $$update public.project_relationships set currency_code = 'USD' where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{currency_not_supported@currency_code}'),
(23, 'vendors switched off',
    $$insert into public.project_integration_features (project_integration_id, feature_id, is_enabled)
      select pi.id, f.id, false from public.project_integrations pi join public.integration_features f
      on f.provider_id = pi.provider_id and f.key = 'vendors' where pi.project_id = tests.id('ca_project')
      on conflict (project_integration_id, feature_id) do update set is_enabled = false$$,
    '{"r": "rel_new", "feature": "vendors"}', '{feature_disabled@feature}'),
(24, 'no QuickBooks integration',
    $$delete from public.project_integrations where project_id = tests.id('ca_project')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{integration_missing@project_id}'),
(25, 'a valid phone with an extension and a website without scheme',
    $$update public.project_relationships set phone = '(020) 7946-0000 x12', website = 'www.bolt.example'
      where id = tests.id('rel_new')$$,
    '{"r": "rel_new", "feature": "vendors"}', '{}');

select is(
    tests.error_keys(tests.client_action_after(
        'ca_owner', c.setup, 'quickbooks', 'validate_relationship_send_to',
        jsonb_build_object('relationship_id', tests.id(c.params ->> 'r')) || (c.params - 'r')
    )),
    c.expected,
    format('%s: %s', c.n, c.description)
)
from cases as c
order by c.n;

-- sync state against the mapping
select is(
    tests.client_action_after('ca_owner', null, 'quickbooks', 'validate_relationship_send_to',
        jsonb_build_object('relationship_id', tests.id('rel_new'), 'feature', 'vendors')) #>> '{data,sync_state}',
    'new', 'not mapped: new');
select is(
    tests.client_action_after('ca_owner', null, 'quickbooks', 'validate_relationship_send_to',
        jsonb_build_object('relationship_id', tests.id('rel_vendor'), 'feature', 'vendors')) -> 'data',
    jsonb_build_object('relationship_id', tests.id('rel_vendor'), 'feature', 'vendors', 'quickbooks_entity', 'Vendor',
        'external_id', '56', 'sync_state', 'unchanged'),
    'mapped and not edited since the last sync: unchanged, with its QuickBooks id');
select is(
    tests.client_action_after('ca_owner',
        $$update public.integration_entity_mappings set last_synced_at = now() - interval '1 day'
          where internal_id = tests.id('rel_vendor')::text$$,
        'quickbooks', 'validate_relationship_send_to',
        jsonb_build_object('relationship_id', tests.id('rel_vendor'), 'feature', 'vendors')) #>> '{data,sync_state}',
    'changed', 'edited after the last sync: changed');
select is(
    tests.client_action_after('ca_owner',
        $$update public.integration_entity_mappings set is_stale = true where internal_id = tests.id('rel_vendor')::text$$,
        'quickbooks', 'validate_relationship_send_to',
        jsonb_build_object('relationship_id', tests.id('rel_vendor'), 'feature', 'vendors')) #>> '{data,sync_state}',
    'changed', 'a stale mapping: changed');

-- messages a person can act on
select is(
    tests.client_action_after('ca_owner',
        $$update public.project_relationships set display_name = repeat('B', 612) where id = tests.id('rel_new')$$,
        'quickbooks', 'validate_relationship_send_to',
        jsonb_build_object('relationship_id', tests.id('rel_new'), 'feature', 'vendors')) #>> '{errors,0,message}',
    'Display name is 612 characters; QuickBooks allows at most 500', 'the length message says by how much');
select is(
    tests.client_action_after('ca_owner', null, 'quickbooks', 'validate_relationship_send_to',
        jsonb_build_object('relationship_id', tests.id('rel_new'), 'feature', 'customers')) #>> '{errors,0,message}',
    'Sync Customers takes relationships whose role can be customer is true; this one''s is false',
    'the coverage message names the feature and the column');

-- who sees what; params errors
select is(
    tests.error_keys(tests.client_action_after('ca_outsider', null, 'quickbooks', 'validate_relationship_send_to',
        jsonb_build_object('relationship_id', tests.id('rel_new'), 'feature', 'vendors'))),
    '{not_found@relationship_id}'::text[], 'an outsider sees no such relationship');
select is(
    tests.client_action_after('ca_owner', null, 'quickbooks', 'validate_relationship_send_to',
        jsonb_build_object('relationship_id', tests.id('rel_new'), 'feature', 'expenses')) ->> 'sqlstate',
    'PB422', 'a feature that does not send relationships is a params error');
select is(
    tests.client_action_after('ca_owner', null, 'quickbooks', 'validate_relationship_send_to',
        jsonb_build_object('relationship_id', tests.id('rel_new'))) ->> 'message',
    'params.feature: required', 'the feature is required');
select is(
    tests.client_action_after('ca_owner', null, 'quickbooks', 'validate_relationship_send_to',
        jsonb_build_object('relationship_id', 42, 'feature', 'vendors')) ->> 'message',
    'params.relationship_id: must be a string, not number', 'a number is not a relationship id');

select * from finish();
rollback;
