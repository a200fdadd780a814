-- QuickBooks client action validate_relationship_send_to: may this relationship be sent
-- as a Vendor (feature vendors) or a Customer (feature customers)?
--   params: {"relationship_id": uuid, "feature": "vendors" | "customers"}
--   data:   relationship_id, feature, quickbooks_entity, sync_state (new | changed |
--           unchanged: mapped and not edited since the last sync), external_id
-- Checks: the integration is there, on and connected; the feature is on and its filter
-- takes the relationship (entity type, role); the relationship is active; DisplayName rules
-- and uniqueness among the names already mapped (QuickBooks names are unique across
-- vendors and customers, case-insensitively); e-mail, phone, website formats; QuickBooks
-- field lengths; a currency the company takes.
-- The check itself: security definer, reads without RLS once the caller may read the
-- relationship's project (private.caller_can_read_project, the select policies' rule).
create function private.quickbooks_validate_relationship(p_id uuid, p_feature public.integration_features)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_relationship public.project_relationships;
    v_integration public.project_integrations;
    v_state public.v_project_integration_features;
    v_mapping public.integration_entity_mappings;
    v_key text;
    v_clash text;
    v_digits integer;
    v_errors jsonb := '[]'::jsonb;
begin
    select r.* into v_relationship
    from public.project_relationships as r
    where r.id = p_id and private.caller_can_read_project(r.project_id);
    if not found then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'not_found', 'relationship_id', 'No such relationship in a project you belong to'
        )), null);
    end if;

    v_integration := private.quickbooks_integration(v_relationship.project_id);
    v_errors := private.integration_state_errors(v_integration, 'QuickBooks');
    if v_integration.id is not null then
        select s.* into v_state
        from public.v_project_integration_features as s
        where s.project_integration_id = v_integration.id and s.feature_id = p_feature.id;
        if not v_state.is_enabled then
            v_errors := v_errors || private.client_action_error('feature_disabled', 'feature',
                format('%s is switched off for this project', p_feature.name));
        end if;
        foreach v_key in array private.filter_mismatches(
            v_state.trigger_config -> 'filter', pg_catalog.to_jsonb(v_relationship), '{}'
        ) loop
            v_errors := v_errors || private.client_action_error('not_covered_by_feature', v_key, format(
                '%s takes relationships whose %s is %s; this one''s is %s', p_feature.name,
                pg_catalog.replace(v_key, '_', ' '),
                private.filter_value_text(v_state.trigger_config -> 'filter' -> v_key),
                coalesce(pg_catalog.to_jsonb(v_relationship) ->> v_key, 'empty')));
        end loop;
    end if;

    if v_relationship.status <> 'Active' then
        v_errors := v_errors || private.client_action_error('inactive', 'status', format(
            'Only active relationships can be sent; this one is %s', v_relationship.status));
    end if;

    v_errors := v_errors || private.quickbooks_display_name_errors('display_name', v_relationship.display_name);
    if v_integration.id is not null then
        select m.entity_type into v_clash
        from public.project_relationships as r
        inner join public.integration_entity_mappings as m
            on m.project_integration_id = v_integration.id and m.internal_id = r.id::text
        inner join public.integration_features as f
            on f.provider_id = v_integration.provider_id and f.entity_type = m.entity_type
            and f.validation_action = 'validate_relationship_send_to'
        where r.project_id = v_relationship.project_id
            and pg_catalog.lower(pg_catalog.btrim(r.display_name))
            = pg_catalog.lower(pg_catalog.btrim(v_relationship.display_name))
            and not (r.id = v_relationship.id and m.entity_type = p_feature.entity_type)
        limit 1;
        if v_clash is not null then
            v_errors := v_errors || private.client_action_error('duplicate_display_name', 'display_name', format(
                'QuickBooks already has a %s named "%s"; vendors and customers need different display names',
                v_clash, v_relationship.display_name));
        end if;
    end if;

    if v_relationship.email is not null and v_relationship.email !~ (
        '^[A-Za-z0-9.!#$%&''*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
        || '(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$'
    ) then
        v_errors := v_errors || private.client_action_error('invalid_format', 'email', format(
            '"%s" is not an e-mail address QuickBooks accepts (name@example.com)', v_relationship.email));
    end if;
    if v_relationship.phone is not null then
        v_digits := pg_catalog.length(pg_catalog.regexp_replace(
            pg_catalog.regexp_replace(v_relationship.phone, '\s*(x|ext\.?)\s*[0-9]+$', '', 'i'), '[^0-9]', '', 'g'
        ));
        if v_relationship.phone !~* '^\+?[0-9(][0-9 ().-]*[0-9]( ?(x|ext\.?) ?[0-9]{1,6})?$'
            or v_digits not between 6 and 15 then
            v_errors := v_errors || private.client_action_error('invalid_format', 'phone', format(
                '"%s" is not a phone number (digits, spaces, + ( ) - ., an optional extension)',
                v_relationship.phone));
        end if;
    end if;
    if v_relationship.website is not null
        and v_relationship.website !~* '^(https?://)?[a-z0-9-]+(\.[a-z0-9-]+)+(:[0-9]{1,5})?([/?#]\S*)?$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'website', format(
            '"%s" is not a web address (example.com or https://example.com/page)', v_relationship.website));
    end if;
    v_errors := v_errors || private.client_action_length_errors(
        pg_catalog.to_jsonb(v_relationship),
        '{"legal_name": 100, "email": 100, "phone": 21, "website": 1000, "address_line1": 500,
          "address_line2": 500, "city": 255, "region": 255, "postal_code": 30}',
        'QuickBooks'
    );
    v_errors := v_errors || private.quickbooks_currency_errors(
        v_integration, 'currency_code', v_relationship.currency_code
    );

    select m.* into v_mapping
    from public.integration_entity_mappings as m
    where m.project_integration_id = v_integration.id
        and m.entity_type = p_feature.entity_type and m.internal_id = p_id::text;
    return private.client_action_result(v_errors, pg_catalog.jsonb_build_object(
        'relationship_id', p_id,
        'feature', p_feature.key,
        'quickbooks_entity', private.quickbooks_target_entity(p_feature.key),
        'external_id', v_mapping.external_id,
        'sync_state', case
            when v_mapping.id is null then 'new'
            when v_mapping.is_stale or v_mapping.last_synced_at is null
                or v_relationship.updated_at > v_mapping.last_synced_at then 'changed'
            else 'unchanged'
        end
    ));
end
$$;

revoke all on function private.quickbooks_validate_relationship(uuid, public.integration_features) from public;

grant execute on function private.quickbooks_validate_relationship(uuid, public.integration_features)
to authenticated, service_role;
