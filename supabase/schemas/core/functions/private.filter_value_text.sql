-- A filter value as people read it: "Business", or "Invoice, Payroll Invoice or Reimbursement".
create function private.filter_value_text(p_value jsonb)
returns text
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case pg_catalog.jsonb_typeof(p_value)
            when 'array' then (
                select pg_catalog.regexp_replace(
                    pg_catalog.string_agg(e.value, ', ' order by e.ordinality), ', ([^,]*)$', ' or \1'
                )
                from pg_catalog.jsonb_array_elements_text(p_value) with ordinality as e (value, ordinality)
            )
            else p_value #>> '{}'
        end
    );
end
$$;

revoke all on function private.filter_value_text(jsonb) from public;

grant execute on function private.filter_value_text(jsonb) to authenticated, service_role;
