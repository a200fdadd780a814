-- Proves: the full SIC enumeration is global reference data (731 SIC 2007 + 534 SIC 2003
-- codes, project_integration_id null, kind sic_code) any signed-in user reads; and
-- companies_house.sic_code_search looks a code up, searches by code prefix and by words,
-- honours the limit and refuses bad input.
begin;
select plan(14);
select tests.create_user('sic_reader');

select is(
    (select count(*)::int from public.integration_reference_data as r
     join public.integration_providers as p on p.id = r.provider_id
     where p.key = 'companies_house' and r.kind = 'sic_code' and r.project_integration_id is null),
    1265, 'all 1,265 SIC codes of constants.yml are loaded once, as global reference data');
select is(
    (select count(*)::int from public.integration_reference_data where kind = 'sic_code' and data ->> 'version' = '2007'),
    731, '731 of them are SIC 2007 (5 digits)');

select tests.authenticate_as('sic_reader');
select is(
    (select count(*)::int from public.integration_reference_data where kind = 'sic_code'),
    1265, 'a signed-in user who belongs to no project reads them (RLS: global rows)');
select is(
    public.integration_client_action('companies_house', 'sic_code_search', '{"code": "62012"}') -> 'data',
    '{"code": "62012", "description": "Business and domestic software development", "version": "2007"}',
    'lookup by code');
select is(
    public.integration_client_action('companies_house', 'sic_code_search', '{"code": "99999"}') #>> '{data,description}',
    'Dormant Company', 'the dormant company code is there');
select is(
    tests.error_keys(public.integration_client_action('companies_house', 'sic_code_search', '{"code": "12345"}')),
    '{unknown_sic_code@code}', 'an unknown code');
select is(
    tests.error_keys(public.integration_client_action('companies_house', 'sic_code_search', '{"code": "62O12"}')),
    '{invalid_format@code}', 'a code with a letter');
select is(
    (select array_agg(e ->> 'code' order by n) from jsonb_array_elements(
        public.integration_client_action('companies_house', 'sic_code_search', '{"query": "620"}') #> '{data,results}'
    ) with ordinality as x (e, n)),
    '{62011,62012,62020,62030,62090}'::text[], 'a digit query matches code prefixes, SIC 2007 first');
select ok(
    (select bool_and(e ->> 'description' ilike '%software%' and e ->> 'description' ilike '%publish%')
     from jsonb_array_elements(public.integration_client_action('companies_house', 'sic_code_search',
        '{"query": "publishing SOFTWARE"}') #> '{data,results}') as e),
    'every word of a text query must occur, in any case');
select is(
    public.integration_client_action('companies_house', 'sic_code_search', '{"query": "software", "limit": 2}')
        #> '{data,total}',
    '8', 'total counts all matches');
select is(
    jsonb_array_length(public.integration_client_action('companies_house', 'sic_code_search',
        '{"query": "software", "limit": 2}') #> '{data,results}'),
    2, 'the limit caps the results');
select is(
    tests.error_keys(public.integration_client_action('companies_house', 'sic_code_search', '{"query": "  "}')),
    '{required@query}', 'an empty query');
select throws_ok(
    $$select public.integration_client_action('companies_house', 'sic_code_search', '{"query": "x", "limit": 500}')$$,
    'PB422', 'params.limit: must be a whole number from 1 to 100, not 500', 'a limit out of range is a params error');
select throws_ok(
    $$select public.integration_client_action('companies_house', 'sic_code_search', '{"query": "x", "code": "62012"}')$$,
    'PB422', null, 'both code and query is a params error');

select * from finish();
rollback;
