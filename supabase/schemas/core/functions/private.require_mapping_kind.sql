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

revoke all on function private.require_mapping_kind(text, boolean) from public;
