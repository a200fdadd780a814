-- A client (PostgREST's role) enabling or disabling an integration takes it out of the
-- country trigger's hands; the trigger itself runs as the function owner, so it doesn't.
create function private.tg_project_integrations__mark_manual()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    if current_user = 'authenticated' then
        new.enabled_by := 'manual';
    end if;
    return new;
end
$$;

revoke all on function private.tg_project_integrations__mark_manual() from public;
