-- Who is changing the configuration, for the history: the signed-in person (with their
-- name), else the service role, else Plugboard itself. One call per history statement.
create function private.config_change_actor(out kind text, out id uuid, out name text)
returns record
language plpgsql stable security definer
set search_path = ''
as $$
begin
    id := private.caller_uid();
    if id is not null then
        kind := 'user';
        select coalesce(u.raw_user_meta_data ->> 'full_name', u.raw_user_meta_data ->> 'name', u.email)
        into name
        from auth.users as u where u.id = config_change_actor.id;
    elsif private.caller_is_service_role() then
        kind := 'service_role';
    else
        kind := 'system';
    end if;
end
$$;

revoke all on function private.config_change_actor() from public;
