-- The project a host record belongs to (null when there is no such record).
create function private.entity_project_id(p_entity text, p_id uuid)
returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return (
        select case p_entity
            when 'projects' then (select p.id from public.projects as p where p.id = p_id)
            when 'project_relationships' then (select r.project_id from public.project_relationships as r where r.id = p_id)
            when 'transactions' then (select t.project_id from public.transactions as t where t.id = p_id)
            when 'transaction_lines' then (
                select t.project_id
                from public.transaction_lines as l
                inner join public.transactions as t on l.transaction_id = t.id
                where l.id = p_id
            )
        end
    );
end
$$;

revoke all on function private.entity_project_id(text, uuid) from public;
