-- on_link: a person linking an internal record to an external id by hand (an entity
-- mapping inserted with created_via 'link') queues the fetch-and-verify run of every
-- on_link feature of that integration for the mapping's entity type, when the linked
-- host record matches the feature's filter. In the same transaction as the link.
-- The host record p_entity (a table private.trigger_entities names) with id p_id matches
-- p_filter; false when there is no such record.
create function private.host_record_matches(p_entity text, p_id text, p_filter jsonb)
returns boolean
language plpgsql stable
set search_path = ''
as $$
declare
    v_record jsonb;
begin
    if not p_entity = any (private.trigger_entities()) then
        return false;
    end if;
    begin
        execute format('select pg_catalog.to_jsonb(t) from public.%I as t where t.id = $1', p_entity)
        into v_record using p_id::uuid;
    exception
        when invalid_text_representation then
            return false;  -- not a uuid: no host record has it
    end;
    return v_record is not null and private.record_matches_filter(v_record, p_filter);
end
$$;

revoke all on function private.host_record_matches(text, text, jsonb) from public;
