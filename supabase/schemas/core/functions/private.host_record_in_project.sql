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

revoke all on function private.host_record_in_project(text, text, uuid) from public;
