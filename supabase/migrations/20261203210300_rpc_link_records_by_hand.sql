-- Clients no longer write integration_entity_mappings (issue #18): a mapping steers the
-- integration's workers, so a person links a record by hand through an RPC that checks
-- their permission and sets who and how (created_via 'link', created_by the caller) on
-- the server. Workers and service_role keep writing mappings; the same-project check
-- (20261203100100) applies to every writer.
--   integration_link_record(integration, entity_type, internal_id, external_id)
--   integration_unlink_record(integration, entity_type, internal_id)
--   integration_map_code(integration, entity_type, code, external_id or null to unmap):
--     the reference codes (account, tax_code, class) a person maps to the provider's ids
-- All need integration:manage. companies_house_link_company (20261125050500, redefined
-- here) links through the same private.link_mapping and no longer names another
-- project's integration in its error.
-- projects.created_by is the creating client's own id whatever the request says.

revoke insert, update, delete on public.integration_entity_mappings from anon, authenticated;
drop policy integration_entity_mappings_insert on public.integration_entity_mappings;
drop policy integration_entity_mappings_update on public.integration_entity_mappings;
drop policy integration_entity_mappings_delete on public.integration_entity_mappings;

-- Links p_internal_id (a host record's id, or a reference code) to the provider's
-- p_external_id (replacing another link of it, which runs the on_link features again);
-- linking the same pair again changes nothing. Whether the record is one of the
-- integration's project is the mappings' own check (20261203100100).
-- Returns {"mapping_id", "log_ids": the pending on_link runs}.
create function private.link_mapping(
    p_integration public.project_integrations, p_entity_type text, p_internal_id text, p_external_id text
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_external_id text := pg_catalog.btrim(p_external_id);
    v_mapping public.integration_entity_mappings;
begin
    if coalesce(pg_catalog.length(v_external_id), 0) not between 1 and 200 then
        raise exception using errcode = 'PB422',
            message = 'external_id: give the provider''s id of the record (1 to 200 characters)';
    end if;
    if exists (
        select from public.integration_entity_mappings as m
        where m.project_integration_id = p_integration.id and m.entity_type = p_entity_type
            and m.external_id = v_external_id and m.internal_id <> p_internal_id
    ) then
        raise exception using errcode = 'PB409',
            message = format('%s %s is already linked to another record of this integration',
                p_entity_type, pg_catalog.left(v_external_id, 40)),
            hint = 'Unlink that record first.';
    end if;

    select m.* into v_mapping
    from public.integration_entity_mappings as m
    where m.project_integration_id = p_integration.id and m.entity_type = p_entity_type
        and m.internal_id = p_internal_id;
    if v_mapping.external_id = v_external_id then
        return pg_catalog.jsonb_build_object('mapping_id', v_mapping.id, 'log_ids', '[]'::jsonb);
    end if;
    delete from public.integration_entity_mappings as m where m.id = v_mapping.id;
    insert into public.integration_entity_mappings (
        project_integration_id, entity_type, internal_id, external_id, created_via, created_by
    )
    values (p_integration.id, p_entity_type, p_internal_id, v_external_id, 'link', private.caller_uid())
    returning * into v_mapping;
    return pg_catalog.jsonb_build_object(
        'mapping_id', v_mapping.id,
        'log_ids', coalesce((
            select pg_catalog.jsonb_agg(l.id order by l.created_at, l.action)
            from public.integration_sync_logs as l
            where l.project_integration_id = p_integration.id and l.trigger_type = 'on_link'
                and l.entity_id = p_internal_id and l.status = 'pending'
        ), '[]')
    );
end
$$;

-- PB422 unless p_entity_type maps host records (p_records) or reference codes (not p_records).
create function private.require_mapping_kind(p_entity_type text, p_records boolean)
returns void
language plpgsql immutable
set search_path = ''
as $$
begin
    if (private.mapping_host_table(p_entity_type) is not null) <> p_records then
        raise exception using errcode = 'PB422',
            message = format('entity type "%s" maps %s', p_entity_type,
                case when p_records then 'reference codes, not records' else 'records, not reference codes' end),
            hint = case when p_records
                then 'Map a code with integration_map_code; link a vendor, customer, company or transaction here.'
                else 'Link a record with integration_link_record; map an account, tax_code or class here.' end;
    end if;
end
$$;

create function public.integration_link_record(
    p_project_integration_id uuid, p_entity_type text, p_internal_id uuid, p_external_id text
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
begin
    perform private.require_mapping_kind(p_entity_type, true);
    return pg_catalog.jsonb_build_object('linked', true)
        || private.link_mapping(v_integration, p_entity_type, p_internal_id::text, p_external_id);
end
$$;

-- Maps the project's reference code p_code to the provider's id; a null p_external_id
-- removes the code's mapping.
create function public.integration_map_code(
    p_project_integration_id uuid, p_entity_type text, p_code text, p_external_id text
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_code text := pg_catalog.btrim(p_code);
    v_mapping_id uuid;
begin
    perform private.require_mapping_kind(p_entity_type, false);
    if coalesce(pg_catalog.length(v_code), 0) not between 1 and 100 then
        raise exception using errcode = 'PB422', message = 'code: give the project''s code (1 to 100 characters)';
    end if;
    if p_external_id is not null then
        return pg_catalog.jsonb_build_object('mapped', true)
            || (private.link_mapping(v_integration, p_entity_type, v_code, p_external_id) - 'log_ids');
    end if;
    delete from public.integration_entity_mappings as m
    where m.project_integration_id = v_integration.id and m.entity_type = p_entity_type and m.internal_id = v_code
    returning m.id into v_mapping_id;
    return pg_catalog.jsonb_build_object('mapped', false, 'mapping_id', v_mapping_id);
end
$$;

create function public.integration_unlink_record(
    p_project_integration_id uuid, p_entity_type text, p_internal_id uuid
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_mapping_id uuid;
begin
    perform private.require_mapping_kind(p_entity_type, true);
    delete from public.integration_entity_mappings as m
    where m.project_integration_id = v_integration.id and m.entity_type = p_entity_type
        and m.internal_id = p_internal_id::text
    returning m.id into v_mapping_id;
    return pg_catalog.jsonb_build_object('unlinked', v_mapping_id is not null, 'mapping_id', v_mapping_id);
end
$$;

comment on function public.integration_link_record(uuid, text, uuid, text) is
'Links a host record of the integration''s project to its provider id by hand (runs the on_link '
'features): {linked, mapping_id, log_ids}. Needs integration:manage. See docs/rpc.md.';
comment on function public.integration_unlink_record(uuid, text, uuid) is
'Removes the hand or sync link of a host record: {unlinked, mapping_id}. Needs integration:manage.';
comment on function public.integration_map_code(uuid, text, text, text) is
'Maps a reference code (account, tax_code, class) to the provider''s id, or unmaps it (null): '
'{mapped, mapping_id}. Needs integration:manage. See docs/rpc.md.';

-- Redefines companies_house_link_company (20261125050500, last 20261203200100): links through
-- private.link_mapping,
-- and one PB404 naming only the caller's relationship id whether the relationship is
-- missing, in a project without Companies House or in a project the caller is not in.
create or replace function public.companies_house_link_company(p_relationship_id uuid, p_company_number text)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_relationship public.project_relationships;
    v_integration public.project_integrations;
    v_checked jsonb;
    v_number text;
    v_error jsonb;
begin
    select r.* into v_relationship from public.project_relationships as r where r.id = p_relationship_id;
    select pi.* into v_integration
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where p.key = 'companies_house' and pi.project_id = v_relationship.project_id;
    begin
        v_integration := private.rpc_integration(v_integration.id, 'integration:sync:<provider>');
    exception
        when sqlstate 'PB404' then
            raise exception using errcode = 'PB404', message = format(
                'no relationship %s with a Companies House integration in a project you belong to',
                coalesce(p_relationship_id::text, 'null'));
    end;

    v_checked := public.integration_client_action(
        'companies_house', 'validate_company_number',
        pg_catalog.jsonb_build_object('company_number', coalesce(p_company_number, ''))
    );
    v_number := v_checked -> 'data' ->> 'company_number';
    if v_relationship.entity_type <> 'Business' then
        v_error := private.client_action_error('not_a_business', 'relationship_id',
            format('%s is an individual; only businesses are on the Companies House register',
                v_relationship.display_name));
    elsif v_number is null then
        v_error := v_checked -> 'errors' -> 0;
    elsif exists (
        select from public.integration_entity_mappings as m
        where m.project_integration_id = v_integration.id and m.entity_type = 'company'
            and m.external_id = v_number and m.internal_id <> p_relationship_id::text
    ) then
        v_error := private.client_action_error('already_linked', 'company_number', format(
            'Company %s is already linked to another relationship in this project', v_number));
    end if;
    if v_error is not null then
        return pg_catalog.jsonb_build_object('linked', false, 'company_number', v_number, 'mapping_id', null,
            'log_ids', '[]'::jsonb, 'errors', pg_catalog.jsonb_build_array(v_error));
    end if;

    update public.project_relationships as r set company_number = v_number
    where r.id = p_relationship_id and r.company_number is distinct from v_number;
    return pg_catalog.jsonb_build_object('linked', true, 'company_number', v_number, 'errors', '[]'::jsonb)
        || private.link_mapping(v_integration, 'company', p_relationship_id::text, v_number);
end
$$;

create function private.tg_projects__set_created_by()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    -- a client's own request (PostgREST's roles); RPCs and workers run as the owner
    if current_user in ('anon', 'authenticated') then
        new.created_by := case tg_op when 'INSERT' then private.caller_uid() else old.created_by end;
    end if;
    return new;
end
$$;

create trigger "05_set_created_by"
before insert or update of created_by on public.projects
for each row execute function private.tg_projects__set_created_by();

revoke all on function private.link_mapping(public.project_integrations, text, text, text) from public;
revoke all on function private.require_mapping_kind(text, boolean) from public;
revoke all on function private.tg_projects__set_created_by() from public;
revoke all on function public.integration_link_record(uuid, text, uuid, text) from public, anon;
revoke all on function public.integration_unlink_record(uuid, text, uuid) from public, anon;
grant execute on function public.integration_link_record(uuid, text, uuid, text) to authenticated, service_role;
grant execute on function public.integration_unlink_record(uuid, text, uuid) to authenticated, service_role;
revoke all on function public.integration_map_code(uuid, text, text, text) from public, anon;
grant execute on function public.integration_map_code(uuid, text, text, text) to authenticated, service_role;
