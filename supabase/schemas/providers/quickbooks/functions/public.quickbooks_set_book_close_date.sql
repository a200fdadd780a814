-- quickbooks_set_book_close_date(project integration, date): the date up to which the
-- QuickBooks company's books are closed (QuickBooks: Account and Settings > Advanced >
-- Close the books). validate_transaction_send_to refuses a transaction dated on or before
-- it (date_in_closed_period). A null date removes it (books not closed).
-- Needs integration:manage. Returns {"saved": true, "settings": {...}}.
-- Raises PB404 / PB403 as private.rpc_integration does, PB422 for an integration that is
-- not QuickBooks.
create function public.quickbooks_set_book_close_date(p_project_integration_id uuid, p_date date)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_settings jsonb;
begin
    if (select p.key from public.integration_providers as p where p.id = v_integration.provider_id)
        <> 'quickbooks' then
        raise exception using errcode = 'PB422',
            message = 'quickbooks_set_book_close_date: not a QuickBooks integration';
    end if;
    v_settings := case
        when p_date is null then v_integration.settings - 'book_close_date'
        else v_integration.settings || pg_catalog.jsonb_build_object('book_close_date', p_date)
    end;
    update public.project_integrations as pi set settings = v_settings where pi.id = v_integration.id;
    return pg_catalog.jsonb_build_object('saved', true, 'settings', v_settings);
end
$$;

comment on function public.quickbooks_set_book_close_date(uuid, date) is
'Saves the date up to which the QuickBooks books are closed (null: not closed) in the '
'integration''s settings: {saved, settings}. Needs integration:manage. See docs/rpc.md.';

revoke all on function public.quickbooks_set_book_close_date(uuid, date) from public, anon;

grant execute on function public.quickbooks_set_book_close_date(uuid, date) to authenticated, service_role;
