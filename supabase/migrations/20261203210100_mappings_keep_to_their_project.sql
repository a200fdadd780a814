-- An entity mapping ties an integration to a host record by internal_id (text: a host
-- record's uuid, or a reference code). The database now checks that the record is one of
-- the integration's project, whoever writes the mapping: a mapping into another project
-- would steer the integration's workers into that project's books (issue #18).
-- private.mapping_entity_types says which entity types name a host table; the reference
-- codes (account, tax_code, class) have no host row. An unknown entity type is refused.

create function private.mapping_entity_types()
returns table (entity_type text, host_table text)
language sql immutable parallel safe
set search_path = ''
as $$
    values
    ('vendor', 'project_relationships'),
    ('customer', 'project_relationships'),
    ('company', 'project_relationships'),
    ('transaction', 'transactions'),
    ('account', null),
    ('tax_code', null),
    ('class', null)
$$;

comment on function private.mapping_entity_types() is
'The entity types of integration_entity_mappings and the host table their internal_id names '
'(null: a reference code, no host row).';

-- The host table of a mapping entity type (null for a reference code); PB422 for a type
-- Plugboard does not map.
create function private.mapping_host_table(p_entity_type text)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
    v_table text;
begin
    select t.host_table into v_table from private.mapping_entity_types() as t where t.entity_type = p_entity_type;
    if not found then
        raise exception using errcode = 'PB422',
            message = format('entity type "%s" is not one Plugboard maps', pg_catalog.left(p_entity_type, 40)),
            hint = (select 'Use one of: ' || pg_catalog.string_agg(t.entity_type, ', ')
                from private.mapping_entity_types() as t);
    end if;
    return v_table;
end
$$;

-- true when p_id (text) is the id of a row of host table p_table in project p_project_id;
-- false for any other id, a missing one or one that is not a uuid alike.
create function private.host_record_in_project(p_table text, p_id text, p_project_id uuid)
returns boolean
language plpgsql stable
set search_path = ''
as $$
declare
    v_id uuid;
begin
    if p_id !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        return false;
    end if;
    v_id := p_id::uuid;
    return case p_table
        when 'project_relationships' then exists (
            select from public.project_relationships as r where r.id = v_id and r.project_id = p_project_id
        )
        when 'transactions' then exists (
            select from public.transactions as t where t.id = v_id and t.project_id = p_project_id
        )
        else false
    end;
end
$$;

-- One message whether the record is in another project or does not exist (no oracle);
-- the input is echoed at most 40 characters.
create function private.raise_not_in_project(p_what text, p_id text)
returns void
language plpgsql
set search_path = ''
as $$
begin
    raise exception using errcode = 'PB409',
        message = format('%s %s is not a record of this integration''s project',
            p_what, pg_catalog.left(coalesce(p_id, 'null'), 40)),
        hint = 'Link and sync records of the integration''s own project only.';
end
$$;

create function private.tg_integration_entity_mappings__same_project()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_table text := private.mapping_host_table(new.entity_type);
begin
    if v_table is not null and not private.host_record_in_project(
        v_table, new.internal_id,
        (select pi.project_id from public.project_integrations as pi where pi.id = new.project_integration_id)
    ) then
        perform private.raise_not_in_project(new.entity_type, new.internal_id);
    end if;
    return null;
end
$$;

create constraint trigger "05_same_project"
after insert or update of project_integration_id, entity_type, internal_id
on public.integration_entity_mappings
for each row execute function private.tg_integration_entity_mappings__same_project();

revoke all on function private.mapping_entity_types() from public;
revoke all on function private.mapping_host_table(text) from public;
revoke all on function private.host_record_in_project(text, text, uuid) from public;
revoke all on function private.raise_not_in_project(text, text) from public;
revoke all on function private.tg_integration_entity_mappings__same_project() from public;
