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

revoke all on function private.raise_not_in_project(text, text) from public;
