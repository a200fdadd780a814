-- The date the company's books are closed to, or null (also when the cached value is not a date).
create function private.quickbooks_book_close_date(p_integration public.project_integrations)
returns date
language plpgsql stable
set search_path = ''
as $$
begin
    return (p_integration.settings ->> 'book_close_date')::date;
exception
    when invalid_datetime_format or datetime_field_overflow then
        return null;
end
$$;

revoke all on function private.quickbooks_book_close_date(public.project_integrations) from public;

grant execute on function private.quickbooks_book_close_date(public.project_integrations)
to authenticated, service_role;
