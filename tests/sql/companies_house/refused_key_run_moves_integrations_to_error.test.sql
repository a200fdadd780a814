-- Proves: a sync run of a global-credential provider (Companies House) that ends failed
-- with invalid_api_key moves every integration of the provider to Error with the reason;
-- a run failing for another reason (an unknown company) or a retry
-- still pending leaves them Connected; a per-project provider's refusal does not touch
-- other projects.
begin;
select plan(5);
select tests.companies_house_fixture();
insert into public.integration_credentials (provider_id, scope, vault_secret_id, verified_at)
select p.id, 'global', tests.id('ch_key_secret'), now() from public.integration_providers as p
where p.key = 'companies_house';

create function pg_temp.run_log(p_project text, p_provider text) returns uuid language sql as $$
    insert into public.integration_sync_logs (project_id, project_integration_id, provider_id, trigger_type, direction,
        action, status)
    select pi.project_id, pi.id, pi.provider_id, 'on_manual', 'inbound', 'testConnection', 'in_progress'
    from public.project_integrations as pi
    where pi.id = tests.integration_id(p_project, p_provider)
    returning id
$$;
create function pg_temp.statuses() returns text language sql as $$
    select string_agg(pi.status::text || coalesce('/' || pi.last_error_code, ''), ',' order by pr.name)
    from public.project_integrations as pi
    join public.projects as pr on pr.id = pi.project_id
    join public.integration_providers as p on p.id = pi.provider_id
    where p.key = 'companies_house' and pr.id in (tests.id('ca_project'), tests.id('ch_other'))
$$;

create temporary table logs on commit drop as
select pg_temp.run_log('ca_project', 'companies_house') as not_found, pg_temp.run_log('ca_project', 'companies_house') as retried,
    pg_temp.run_log('ca_project', 'companies_house') as refused, pg_temp.run_log('ca_project', 'quickbooks') as qb_refused;

update public.integration_sync_logs set status = 'failed', error_code = 'company_not_found', error_message = 'no company'
where id = (select not_found from logs);
select is(pg_temp.statuses(), 'Connected,Connected', 'an unknown company fails its run, not the connection');

update public.integration_sync_logs set status = 'pending', error_code = 'invalid_api_key', error_message = 'refused'
where id = (select retried from logs);
select is(pg_temp.statuses(), 'Connected,Connected', 'an attempt waiting for a retry changes nothing yet');

update public.integration_sync_logs set status = 'failed', error_code = 'invalid_api_key',
    error_message = 'Companies House refused the API key (401): set a valid key'
where id = (select refused from logs);
select is(pg_temp.statuses(), 'Error/invalid_api_key,Error/invalid_api_key',
    'a refused key: every Companies House integration is in Error with the reason');
select is(
    (select last_error_message from public.project_integrations where id = tests.integration_id('ch_other', 'companies_house')),
    'Companies House refused the API key (401): set a valid key', 'the reason as the run said it');

update public.project_integrations set status = 'Connected', last_error_code = null
where id = tests.integration_id('ca_project', 'companies_house');
update public.integration_sync_logs set status = 'failed', error_code = 'invalid_api_key', error_message = 'refused'
where id = (select qb_refused from logs);
select is(
    (select status::text from public.project_integrations where id = tests.integration_id('ca_project', 'companies_house')),
    'Connected', 'a per-project provider''s refusal leaves the global one alone');

select * from finish();
rollback;
