-- Refuses a change of project_id; tg_argv[0] names the record for the message.
create function private.tg_keep_project()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    if new.project_id is distinct from old.project_id then
        raise exception using errcode = 'PB409',
            message = format('a %s stays in the project it was created in', tg_argv[0]),
            hint = 'Create it anew in the other project instead of moving it.';
    end if;
    return new;
end
$$;

revoke all on function private.tg_keep_project() from public;
