-- QuickBooks reference data refreshes (qb_chart_of_accounts, qb_classes, qb_tax_codes)
-- flag the mappings that point at what QuickBooks no longer offers: a project's account,
-- tax code or class mapped to a QuickBooks item that was made inactive or is gone is
-- is_stale, with a reason a person can act on; a mapping whose item is back is cleared.
-- The mapping's entity_type is the reference data kind (account, tax_code, class).
create function private.flag_stale_reference_mappings(p_project_integration_id uuid, p_kind text)
returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
    v_flagged integer;
begin
    with state as (
        select
            m.id,
            case
                when r.id is null then format(
                    'QuickBooks %s %s no longer exists; map %s to another one',
                    pg_catalog.replace(p_kind, '_', ' '), m.external_id, m.internal_id)
                when not r.is_active then format(
                    'QuickBooks %s "%s" is inactive; map %s to an active one',
                    pg_catalog.replace(p_kind, '_', ' '), r.name, m.internal_id)
            end as reason
        from public.integration_entity_mappings as m
        inner join public.project_integrations as pi on m.project_integration_id = pi.id
        left join public.integration_reference_data as r
            on
                r.project_integration_id = m.project_integration_id
                and r.provider_id = pi.provider_id
                and r.kind = p_kind
                and r.external_id = m.external_id
        where m.project_integration_id = p_project_integration_id and m.entity_type = p_kind
    )

    update public.integration_entity_mappings as m
    set is_stale = s.reason is not null, stale_reason = s.reason
    from state as s
    where m.id = s.id and (m.is_stale, m.stale_reason) is distinct from (s.reason is not null, s.reason);
    select pg_catalog.count(*)::integer into v_flagged
    from public.integration_entity_mappings as m
    where m.project_integration_id = p_project_integration_id and m.entity_type = p_kind and m.is_stale;
    return v_flagged;
end
$$;

comment on function private.flag_stale_reference_mappings(uuid, text) is
'Flags (is_stale, stale_reason) the mappings of kind p_kind whose QuickBooks item is inactive or '
'gone, clears the others; returns how many are stale. Workers only.';

revoke all on function private.flag_stale_reference_mappings(uuid, text) from public;

grant execute on function private.flag_stale_reference_mappings(uuid, text) to service_role;
