-- The HMRC server actions whose calls a person makes carry WEB_APP_VIA_SERVER
-- fraud-prevention headers built from that person's browser values (docs/hmrc.md): a VAT
-- return submission always, an obligations fetch whenever a person asked for it. A run of
-- one of them can only be asked for again from the app, with fresh values
-- (hmrc_submit_vat_return, hmrc_fetch_vat_obligations); the values of the first run were
-- deleted when it became final. public.integration_retry_sync refuses them.
create function private.hmrc_action_needs_browser_values(p_action text)
returns boolean
language sql immutable
set search_path = ''
as $$
    select p_action in ('hmrc_submit_vat_return', 'hmrc_vat_obligations')
$$;

comment on function private.hmrc_action_needs_browser_values(text) is
'True for the HMRC server actions that, asked for by a person, need that person''s browser values '
'(private.hmrc_client_contexts): they cannot be retried without them.';

revoke all on function private.hmrc_action_needs_browser_values(text) from public;
