-- Proves: an RPC called with another project's id (integration, relationship, transaction,
-- company link, sync log, project) answers exactly as for an id that exists nowhere -- the
-- same code and message but for the id the caller gave -- so it tells nothing about
-- whether the id exists, and no error names any other id of that project (before,
-- companies_house_link_company and companies_house_acknowledge_change answered with the
-- other project's integration id). The caller owns a project of their own (ca_owner: every
-- permission in ca_project).
begin;
select tests.hmrc_fixture();

-- hm_other's records (owner hm_other_owner): a business, a transaction, a company link, a log
insert into public.project_relationships (id, project_id, entity_type, display_name, role_can_be_vendor)
values (tests.id('other_rel'), tests.id('hm_other'), 'Business', 'Other Ltd', true);
insert into public.transactions (
    id, project_id, relationship_id, transaction_type, transaction_direction, status, currency_code, total_amount
) values (tests.id('other_tx'), tests.id('hm_other'), tests.id('other_rel'), 'Invoice', 'inbound', 'Approved', 'GBP', 1);
insert into public.integration_entity_mappings (id, project_integration_id, entity_type, internal_id, external_id, is_stale)
values (tests.id('other_company'), tests.integration_id('hm_other', 'companies_house'), 'company',
    tests.id('other_rel'), '07654321', true);
insert into public.integration_sync_logs (
    id, project_id, project_integration_id, provider_id, trigger_type, direction, action
)
select tests.id('other_log'), pi.project_id, pi.id, pi.provider_id, 'on_manual', 'inbound', 'vat_obligations'
from public.project_integrations as pi where pi.id = tests.integration_id('hm_other', 'hmrc');

-- every id of hm_other an answer must not name (unless the caller gave it)
create temporary table other_ids on commit drop as
select id::text from public.project_integrations where project_id = tests.id('hm_other')
union all select tests.id('hm_other')::text
union all select unnest(array[tests.id('other_rel'), tests.id('other_tx'), tests.id('other_company'),
    tests.id('other_log')])::text;

-- each call takes one id (%L): the other project's, then one that exists nowhere
create temporary table calls (what text, call text, other_id uuid) on commit drop;
insert into calls values
('integration_request_sync', 'select count(*) from public.integration_request_sync(%L, ''vat_obligations'')',
    tests.integration_id('hm_other', 'hmrc')),
('integration_request_sync, another project''s record', format(
    'select count(*) from public.integration_request_sync(%L, %L, array[%%L]) as r where (r ->> ''queued'')::boolean',
    tests.integration_id('ca_project', 'quickbooks'), 'vendors'), tests.id('other_rel')),
('integration_send_to', 'select count(*) from public.integration_send_to(''quickbooks'', ''transaction'', %L)',
    tests.id('other_tx')),
('integration_set_enabled', 'select count(*) from public.integration_set_enabled(%L, ''quickbooks'', false)',
    tests.id('hm_other')),
('integration_feature_set_enabled',
    'select count(*) from public.integration_feature_set_enabled(%L, ''vat_obligations'', false)',
    tests.integration_id('hm_other', 'hmrc')),
('integration_feature_set_trigger',
    'select count(*) from public.integration_feature_set_trigger(%L, ''vat_obligations'', null)',
    tests.integration_id('hm_other', 'hmrc')),
('integration_sync_logs_page', 'select count(*) from public.integration_sync_logs_page(%L)', tests.id('hm_other')),
('integration_sync_log_status', 'select count(*) from public.integration_sync_log_status(array[%L]::uuid[])',
    tests.id('other_log')),
('integration_client_action', 'select count(*) from public.integration_client_action(''quickbooks'','
    || ' ''validate_transaction_send_to'', jsonb_build_object(''transaction_id'', %L::text)) as r'
    || ' where r::text ~ ''not_found''', tests.id('other_tx')),
('companies_house_link_company', 'select count(*) from public.companies_house_link_company(%L, ''01234567'')',
    tests.id('other_rel')),
('companies_house_acknowledge_change', 'select count(*) from public.companies_house_acknowledge_change(%L)',
    tests.id('other_company')),
('hmrc_set_references', 'select count(*) from public.hmrc_set_references(%L, ''{"vrn": "123456782"}'')',
    tests.integration_id('hm_other', 'hmrc')),
('hmrc_submit_vat_return', 'select count(*) from public.hmrc_submit_vat_return(%L, ''{}'', ''{}'')',
    tests.integration_id('hm_other', 'hmrc')),
('hmrc_fetch_vat_obligations', 'select count(*) from public.hmrc_fetch_vat_obligations(%L, ''{}'')',
    tests.integration_id('hm_other', 'hmrc')),
('quickbooks_set_book_close_date', 'select count(*) from public.quickbooks_set_book_close_date(%L, null)',
    tests.integration_id('hm_other', 'quickbooks'));

create temporary table answers on commit drop as
select c.what, c.other_id,
    tests.outcome('ca_owner', format(c.call, c.other_id)) as other,
    replace(tests.outcome('ca_owner', format(c.call, tests.id('nowhere'))), tests.id('nowhere')::text,
        c.other_id::text) as missing
from calls as c;

select plan((select count(*)::integer * 2 from answers));

select is(a.other, a.missing, format('%s: another project''s id answers as a missing one (%s)', a.what, a.other))
from answers as a order by a.what;

select is(
    (select array_agg(o.id) from other_ids as o where o.id <> a.other_id::text and strpos(a.other, o.id) > 0),
    null,
    format('%s: the answer names no other id of that project', a.what)
)
from answers as a order by a.what;

select * from finish();
rollback;
