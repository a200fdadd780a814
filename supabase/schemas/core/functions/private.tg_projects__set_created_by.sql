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

revoke all on function private.tg_projects__set_created_by() from public;
