-- Companies House company profiles: cached per project integration (integration_reference_data,
-- kind company, external_id the company number, data {"profile", "filled", "changes"}), and
-- what a profile fills in on the relationship linked to it.
--
-- Filling: the relationship gets the registered address (as one group: address lines,
-- city, region, postcode, country), the SIC codes, the company status and the legal name
-- from the profile, group by group, only where the relationship has nothing there yet or
-- still holds exactly what Plugboard filled in last time (data.filled). A value a person
-- typed or changed is never overwritten.
-- Changes: compared with the cached profile, a company that became dissolved, changed its
-- name or otherwise changed status is recorded in data.changes (kind, previous, current,
-- detected_at) and its link (the entity mapping) is flagged stale with the reason.
-- The relationship's columns, grouped, as a profile gives them (null when it gives none).
create function private.companies_house_relationship_groups(p_profile jsonb)
returns jsonb
language sql immutable parallel safe
set search_path = ''
as $$
    with address as (select p_profile -> 'registered_office_address' as a),

    groups as (
        select
            pg_catalog.jsonb_build_object(
                'address', case when a.a is not null then pg_catalog.jsonb_build_object(
                    'address_line1', nullif(pg_catalog.concat_ws(' ', a.a ->> 'premises', a.a ->> 'address_line_1'), ''),
                    'address_line2', a.a ->> 'address_line_2',
                    'city', a.a ->> 'locality',
                    'region', a.a ->> 'region',
                    'postal_code', a.a ->> 'postal_code',
                    -- the registered office of a UK company is in one of the UK's countries
                    'country_code', case when pg_catalog.lower(a.a ->> 'country') in (
                        'england', 'wales', 'scotland', 'northern ireland', 'united kingdom', 'england and wales',
                        'great britain', 'uk'
                    ) then 'GB' end
                ) end,
                'sic_codes', case
                    when pg_catalog.jsonb_array_length(coalesce(p_profile -> 'sic_codes', '[]')) > 0
                        then pg_catalog.jsonb_build_object('sic_codes', p_profile -> 'sic_codes')
                end,
                'company_status', case when p_profile ? 'company_status'
                    then pg_catalog.jsonb_build_object('company_status', p_profile ->> 'company_status') end,
                'legal_name', pg_catalog.jsonb_build_object('legal_name', p_profile ->> 'company_name')
            ) as value
        from address as a
    )

    -- groups the profile gives nothing for are left out; within a group, null is a value
    select coalesce(pg_catalog.jsonb_object_agg(e.key, e.value), '{}')
    from groups as g
    cross join lateral pg_catalog.jsonb_each(g.value) as e (key, value)
    where e.value <> 'null'::jsonb
$$;

revoke all on function private.companies_house_relationship_groups(jsonb) from public;
