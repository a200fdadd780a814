-- HMRC client action validate_client_context: the values HMRC's fraud-prevention headers
-- for WEB_APP_VIA_SERVER need from the person's browser and from the host app's server,
-- checked before a VAT return may be queued. The worker turns them into Gov-Client-*
-- headers (python_workers/providers/hmrc/fraud_headers.py); a value that is missing is
-- reported here, never made up later.
--   params (the `client_context` of hmrc_submit_vat_return; docs in README "HMRC"):
--     device_id            uuid the browser keeps (localStorage/cookie) for this device
--     user_agent           navigator.userAgent
--     screens              [{width, height, scaling_factor, colour_depth}] (window.screen,
--                          devicePixelRatio; one entry per screen)
--     window_size          {width, height} (window.innerWidth / innerHeight)
--     timezone             "UTC±hh:mm" of the browser
--     multi_factor         optional [{type: TOTP|AUTH_CODE|OTHER, timestamp, unique_reference}];
--                          absent or [] when the sign-in had one factor
--     public_ip            the browser's public IP as the host app's server saw it
--     public_port          the browser's source port as that server saw it
--     public_ip_timestamp  when the server saw them (ISO 8601 UTC)
--   data: the context, normalised (what the worker will send)
create function private.client_context_required_error(p_field text, p_what text)
returns jsonb
language sql immutable
set search_path = ''
as $$
    select private.client_action_error('required', 'client_context.' || p_field, format(
        '%s was not sent. HMRC requires it with every VAT return; it is read from the browser '
        || '(or, for the IP and port, by your server) and Plugboard never makes it up', p_what))
$$;

revoke all on function private.client_context_required_error(text, text) from public;

grant execute on function private.client_context_required_error(text, text) to authenticated, service_role;
