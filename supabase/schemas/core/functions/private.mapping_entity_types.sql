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

revoke all on function private.mapping_entity_types() from public;
