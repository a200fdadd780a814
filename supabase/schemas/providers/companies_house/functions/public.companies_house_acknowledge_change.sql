-- companies_house_acknowledge_change(mapping): a person has reviewed what the Companies
-- House refresh found on a linked company (dissolved, renamed, status changed) and clears
-- the flag. Every change of that company not yet acknowledged gets acknowledged_at and
-- acknowledged_by (kept in the cached profile's data.changes, so the history stays), and
-- the link (the entity mapping, entity type company) is no longer stale. A change the
-- refresh finds later flags the link again. Acknowledging twice changes nothing.
-- Needs integration:sync:companies_house. Returns {"mapping_id", "company_number",
-- "acknowledged": n changes cleared now, "needs_review": false}.
-- Raises PB404 (no Companies House company link with that id in a project you belong to),
-- PB403 (no permission).
--
-- v_companies_house_company_changes gains acknowledged_at and acknowledged_by; its
-- needs_review is now per change: the link is flagged and this change is not acknowledged.
create or replace function public.companies_house_acknowledge_change(p_mapping_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_mapping public.integration_entity_mappings;
    v_acknowledged integer;
begin
    select m.* into v_mapping
    from public.integration_entity_mappings as m
    inner join public.project_integrations as pi on m.project_integration_id = pi.id
    inner join public.integration_providers as p on pi.provider_id = p.id
    where m.id = p_mapping_id and m.entity_type = 'company' and p.key = 'companies_house'
        and private.rpc_sees_project(pi.project_id);
    if not found then
        raise exception using errcode = 'PB404', message = format(
            'no Companies House company link %s in a project you belong to', coalesce(p_mapping_id::text, 'null'));
    end if;
    perform private.rpc_integration(v_mapping.project_integration_id, 'integration:sync:<provider>');

    with pending as (
        select r.id, c.ordinality
        from public.integration_reference_data as r
        inner join public.integration_providers as p on r.provider_id = p.id
        cross join lateral pg_catalog.jsonb_array_elements(coalesce(r.data -> 'changes', '[]'))
            with ordinality as c (value, ordinality)
        where p.key = 'companies_house' and r.project_integration_id = v_mapping.project_integration_id
            and r.kind = 'company' and r.external_id = v_mapping.external_id
            and not c.value ? 'acknowledged_at'
    ),

    acknowledged as (
        update public.integration_reference_data as r
        set data = pg_catalog.jsonb_set(r.data, '{changes}', (
            select pg_catalog.jsonb_agg(
                case when c.ordinality in (select pe.ordinality from pending as pe)
                    then c.value || pg_catalog.jsonb_build_object(
                        'acknowledged_at', now(), 'acknowledged_by', (select private.caller_uid())
                    )
                    else c.value
                end
                order by c.ordinality
            )
            from pg_catalog.jsonb_array_elements(r.data -> 'changes') with ordinality as c (value, ordinality)
        ))
        where r.id in (select pe.id from pending as pe)
        returning r.id
    )

    select pg_catalog.count(*)::integer into v_acknowledged
    from pending as pe
    where pe.id in (select a.id from acknowledged as a);

    update public.integration_entity_mappings as m
    set is_stale = false, stale_reason = null
    where m.id = v_mapping.id and m.is_stale;
    return pg_catalog.jsonb_build_object(
        'mapping_id', v_mapping.id, 'company_number', v_mapping.external_id,
        'acknowledged', v_acknowledged, 'needs_review', false
    );
end
$$;

comment on function public.companies_house_acknowledge_change(uuid) is
'Clears the review flag of a linked Companies House company after a person saw its changes: '
'{mapping_id, company_number, acknowledged, needs_review}. Needs integration:sync:companies_house.';

revoke all on function public.companies_house_acknowledge_change(uuid) from public, anon;

grant execute on function public.companies_house_acknowledge_change(uuid) to authenticated, service_role;
