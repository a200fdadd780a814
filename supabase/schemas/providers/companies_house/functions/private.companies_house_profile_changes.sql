-- What changed between the cached profile and the new one.
create function private.companies_house_profile_changes(p_previous jsonb, p_current jsonb)
returns jsonb
language sql immutable
set search_path = ''
as $$
    select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'kind', c.kind, 'previous', c.previous, 'current', c.current, 'detected_at', now()
    )), '[]')
    from (
        values
        (
            case
                when p_current ->> 'company_status' = 'dissolved' then 'dissolved'
                else 'status_changed'
            end,
            p_previous ->> 'company_status', p_current ->> 'company_status'
        ),
        ('name_changed', p_previous ->> 'company_name', p_current ->> 'company_name')
    ) as c (kind, previous, current)
    where p_previous is not null and c.previous is distinct from c.current
$$;

revoke all on function private.companies_house_profile_changes(jsonb, jsonb) from public;
