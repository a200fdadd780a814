-- Baseline (issue #19): HMRC's own table, functions, views and trigger.
-- The schema files below, in supabase/schemas/load_order.txt's order; a later change is a
-- new migration plus the edited schema file (docs/contributing.md).

-- supabase/schemas/providers/hmrc/tables/private.hmrc_client_contexts.sql

-- private.hmrc_client_contexts: the browser values (device id, public IP and port, screens,
-- user agent, …) a person's attended HMRC call needs for its WEB_APP_VIA_SERVER
-- fraud-prevention headers, kept apart from the sync log. The log's details.params are
-- read by every member with integration:logs:view; these values are personal data only
-- the worker needs, so they live here: no client role may read them, and the row goes as
-- soon as its run is final (success, partial_success or failed) — or with its log.
--   sync_log_id     the run the values belong to (one context per run)
--   user_id         the person who confirmed the call (Gov-Client-User-IDs)
--   client_context  as validate_client_context normalised it
-- private.hmrc_keep_client_context stores one (the RPCs call it); returns nothing.
-- Contexts that older versions kept in details.params.client_context move here (runs
-- still waiting) or are dropped (finished runs).
create table private.hmrc_client_contexts (
    sync_log_id uuid primary key references public.integration_sync_logs (id) on delete cascade,
    user_id uuid not null references auth.users (id) on delete cascade,
    client_context jsonb not null check (pg_catalog.jsonb_typeof(client_context) = 'object'),
    created_at timestamptz not null default now()
);

comment on table private.hmrc_client_contexts is
'Browser values for the HMRC fraud-prevention headers of one attended run; deleted once the '
'run is final. service_role (the worker) only.';

create index hmrc_client_contexts_user_id_idx on private.hmrc_client_contexts (user_id);

alter table private.hmrc_client_contexts enable row level security;

revoke all on private.hmrc_client_contexts from public, anon, authenticated;

grant select, insert, update, delete on private.hmrc_client_contexts to service_role;

-- supabase/schemas/providers/hmrc/functions/client_actions.hmrc__validate_client_context.sql

create function client_actions.hmrc__validate_client_context(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(p_params, array[
        'device_id', 'user_agent', 'screens', 'window_size', 'timezone', 'multi_factor',
        'public_ip', 'public_port', 'public_ip_timestamp'
    ], '{}');
    v_errors jsonb := '[]'::jsonb;
    v_value jsonb;
    v_item jsonb;
begin
    v_value := v_params -> 'device_id';
    if coalesce(v_value #>> '{}', '') = '' then
        v_errors := v_errors || private.client_context_required_error('device_id', 'The device id');
    elsif v_value #>> '{}' !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.device_id',
            'The device id must be a UUID the browser generated once and kept');
    end if;

    if coalesce(v_params ->> 'user_agent', '') = '' then
        v_errors := v_errors || private.client_context_required_error('user_agent', 'The browser''s user agent');
    end if;

    v_value := v_params -> 'screens';
    if coalesce(pg_catalog.jsonb_typeof(v_value), 'null') <> 'array' or pg_catalog.jsonb_array_length(v_value) = 0 then
        v_errors := v_errors || private.client_context_required_error('screens', 'The screen details');
    else
        for v_item in select s.value from pg_catalog.jsonb_array_elements(v_value) as s (value) loop
            if not (
                private.client_context_positive(v_item -> 'width') and private.client_context_positive(v_item -> 'height')
                and private.client_context_positive(v_item -> 'scaling_factor')
                and private.client_context_positive(v_item -> 'colour_depth')
            ) then
                v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.screens',
                    'Every screen needs width, height, scaling_factor and colour_depth as positive numbers');
                exit;
            end if;
        end loop;
    end if;

    v_value := v_params -> 'window_size';
    if coalesce(pg_catalog.jsonb_typeof(v_value), 'null') = 'null' then
        v_errors := v_errors || private.client_context_required_error('window_size', 'The browser window size');
    elsif not (private.client_context_positive(v_value -> 'width') and private.client_context_positive(v_value -> 'height')) then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.window_size',
            'The window size needs width and height as positive numbers');
    end if;

    if coalesce(v_params ->> 'timezone', '') = '' then
        v_errors := v_errors || private.client_context_required_error('timezone', 'The browser''s time zone');
    elsif v_params ->> 'timezone' !~ '^UTC[+-](0[0-9]|1[0-4]):[0-5][0-9]$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.timezone',
            format('"%s" is not a UTC offset like UTC+01:00', v_params ->> 'timezone'));
    end if;

    v_value := coalesce(v_params -> 'multi_factor', '[]');
    if pg_catalog.jsonb_typeof(v_value) <> 'array' or exists (
        select from pg_catalog.jsonb_array_elements(v_value) as f (value)
        where not (f.value ->> 'type' in ('TOTP', 'AUTH_CODE', 'OTHER'))
            or coalesce(f.value ->> 'timestamp', '') = '' or coalesce(f.value ->> 'unique_reference', '') = ''
    ) then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.multi_factor',
            'Each factor needs type (TOTP, AUTH_CODE or OTHER), timestamp and unique_reference');
    end if;

    if coalesce(v_params ->> 'public_ip', '') = '' then
        v_errors := v_errors || private.client_context_required_error('public_ip',
            'The browser''s public IP address as your server saw it');
    elsif pg_catalog.jsonb_typeof(v_params -> 'public_ip') <> 'string'
        or v_params ->> 'public_ip' !~ '^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+)$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.public_ip',
            format('"%s" is not an IP address', v_params ->> 'public_ip'));
    end if;
    if coalesce(v_params ->> 'public_port', '') = '' then
        v_errors := v_errors || private.client_context_required_error('public_port',
            'The browser''s source port as your server saw it');
    elsif pg_catalog.jsonb_typeof(v_params -> 'public_port') <> 'number'
        or (v_params ->> 'public_port')::numeric not between 1 and 65535 then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.public_port',
            'The public port is a number from 1 to 65535');
    end if;
    if coalesce(v_params ->> 'public_ip_timestamp', '') = '' then
        v_errors := v_errors || private.client_context_required_error('public_ip_timestamp',
            'The time your server saw the public IP address');
    elsif v_params ->> 'public_ip_timestamp' !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]00:?00)$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.public_ip_timestamp',
            'The public IP timestamp is an ISO 8601 UTC time, e.g. 2026-11-25T10:15:30.123Z');
    end if;

    return private.client_action_result(v_errors, case when pg_catalog.jsonb_array_length(v_errors) = 0
        then v_params || pg_catalog.jsonb_build_object('multi_factor', v_value) end);
end
$$;

revoke all on function client_actions.hmrc__validate_client_context(jsonb) from public;

grant execute on function client_actions.hmrc__validate_client_context(jsonb) to authenticated, service_role;

-- supabase/schemas/providers/hmrc/functions/client_actions.hmrc__validate_paye_reference.sql

/** --- Employer PAYE reference and Accounts Office reference --- */

create function client_actions.hmrc__validate_paye_reference(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(
        p_params, array['employer_reference', 'accounts_office_reference'], '{}'
    );
    v_employer text := pg_catalog.upper(pg_catalog.regexp_replace(
        private.client_action_text(v_params, 'employer_reference'), '\s', '', 'g'
    ));
    v_accounts_office text := pg_catalog.upper(pg_catalog.regexp_replace(
        private.client_action_text(v_params, 'accounts_office_reference'), '\s', '', 'g'
    ));
    v_errors jsonb := '[]'::jsonb;
begin
    if coalesce(v_employer, '') = '' and coalesce(v_accounts_office, '') = '' then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'required', 'employer_reference',
            'Give the employer PAYE reference, the Accounts Office reference, or both')), null);
    end if;
    if v_employer <> '' and v_employer !~ '^[0-9]{3}/[A-Z0-9]{1,10}$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'employer_reference', format(
            '"%s" is not an employer PAYE reference: 3 digits, a slash and up to 10 letters or digits (123/AB456)',
            v_params ->> 'employer_reference'));
    end if;
    if v_accounts_office <> '' and v_accounts_office !~ '^[0-9]{3}P[A-Z][0-9]{7}[0-9X]$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'accounts_office_reference', format(
            '"%s" is not an Accounts Office reference: 13 characters, 3 digits, P, a letter, 7 digits and a '
            || 'digit or X (123PX00123456)', v_params ->> 'accounts_office_reference'));
    end if;
    return private.client_action_result(v_errors, pg_catalog.jsonb_build_object(
        'employer_reference', nullif(v_employer, ''),
        'tax_office_number', pg_catalog.substring(v_employer, '^([0-9]{3})/'),
        'accounts_office_reference', nullif(v_accounts_office, '')
    ));
end
$$;

revoke all on function client_actions.hmrc__validate_paye_reference(jsonb) from public;

grant execute on function client_actions.hmrc__validate_paye_reference(jsonb) to authenticated, service_role;

-- supabase/schemas/providers/hmrc/functions/client_actions.hmrc__validate_utr.sql

/** --- Unique Taxpayer Reference --- */

create function client_actions.hmrc__validate_utr(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(p_params, array['utr'], array['utr']);
    v_input text := private.client_action_text(v_params, 'utr');
    v_digits text := pg_catalog.substring(
        pg_catalog.upper(pg_catalog.regexp_replace(v_input, '\s', '', 'g')), '^([0-9]{10})K?$'
    );
    v_expected integer;
begin
    if pg_catalog.btrim(v_input) = '' then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'required', 'utr', 'A Unique Taxpayer Reference is required')), null);
    end if;
    if v_digits is null then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'invalid_format', 'utr', format('"%s" is not a UTR: 10 digits, e.g. 12345 67890', v_input))), null);
    end if;
    select (array[2, 1, 9, 8, 7, 6, 5, 4, 3, 2, 1])[pg_catalog.sum(
        pg_catalog.substr(v_digits, w.position::integer + 1, 1)::integer * w.weight
    )::integer % 11 + 1]
    into v_expected
    from pg_catalog.unnest(array[6, 7, 8, 9, 10, 5, 4, 3, 2]) with ordinality as w (weight, position);
    if pg_catalog.substr(v_digits, 1, 1)::integer <> v_expected then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'invalid_check_digit', 'utr', format(
                '%s fails the UTR check digit; check it for a typing error', v_digits))), null);
    end if;
    return private.client_action_result(null, pg_catalog.jsonb_build_object('utr', v_digits));
end
$$;

revoke all on function client_actions.hmrc__validate_utr(jsonb) from public;

grant execute on function client_actions.hmrc__validate_utr(jsonb) to authenticated, service_role;

-- supabase/schemas/providers/hmrc/functions/client_actions.hmrc__validate_vat_return.sql

create function client_actions.hmrc__validate_vat_return(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(
        p_params,
        array['periodKey', 'finalised'] || array(select b.field from private.vat_return_boxes() as b order by b.box),
        '{}'
    );
    v_period_key jsonb := v_params -> 'periodKey';
    v_errors jsonb;
    v_boxes numeric [];
begin
    with boxes as (
        select
            b.*,
            pg_catalog.jsonb_typeof(v_params -> b.field) as json_type,
            case when pg_catalog.jsonb_typeof(v_params -> b.field) = 'number'
                then (v_params ->> b.field)::numeric end as value
        from private.vat_return_boxes() as b
    )

    select
        coalesce(pg_catalog.jsonb_agg(e.error order by b.box) filter (where e.error is not null), '[]'),
        pg_catalog.array_agg(b.value order by b.box)
    into v_errors, v_boxes
    from boxes as b
    cross join lateral (
        select case
            when coalesce(b.json_type, 'null') = 'null' then private.client_action_error('required', b.field,
                format('Box %s (%s) is required', b.box, b.label))
            when b.json_type <> 'number' then private.client_action_error('not_a_number', b.field,
                format('Box %s (%s) must be a number', b.box, b.label))
            when b.max_scale = 0 and b.value <> pg_catalog.trunc(b.value) then private.client_action_error(
                'not_whole_pounds', b.field, format('Box %s (%s) is in whole pounds; %s has pence',
                    b.box, b.label, b.value))
            when pg_catalog.scale(b.value) > b.max_scale and b.max_scale > 0 then private.client_action_error(
                'too_many_decimals', b.field, format('Box %s (%s) takes pounds and pence (2 decimals), not %s',
                    b.box, b.label, b.value))
            when b.value not between b.min_value and b.max_value then private.client_action_error(
                'out_of_range', b.field, format('Box %s (%s) must be from %s to %s',
                    b.box, b.label, pg_catalog.to_char(b.min_value, 'FM9,999,999,999,990.99'),
                    pg_catalog.to_char(b.max_value, 'FM9,999,999,999,990.99')))
        end as error
    ) as e;

    if v_boxes[1] is not null and v_boxes[2] is not null and v_boxes[3] is not null
        and v_boxes[3] <> v_boxes[1] + v_boxes[2] then
        v_errors := v_errors || private.client_action_error('vat_total_value', 'totalVatDue', format(
            'Box 3 must be box 1 plus box 2 (%s); it is %s', v_boxes[1] + v_boxes[2], v_boxes[3]));
    end if;
    if v_boxes[3] is not null and v_boxes[4] is not null and v_boxes[5] is not null
        and v_boxes[5] <> pg_catalog.abs(v_boxes[3] - v_boxes[4]) then
        v_errors := v_errors || private.client_action_error('vat_net_value', 'netVatDue', format(
            'Box 5 must be the difference between box 3 and box 4 (%s); it is %s',
            pg_catalog.abs(v_boxes[3] - v_boxes[4]), v_boxes[5]));
    end if;

    if coalesce(pg_catalog.jsonb_typeof(v_period_key), 'null') = 'null' then
        v_errors := v_errors || private.client_action_error('required', 'periodKey',
            'The period key of the obligation is required');
    elsif pg_catalog.jsonb_typeof(v_period_key) <> 'string' or v_period_key #>> '{}' !~ '^[A-Z0-9#]{4}$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'periodKey', format(
            '%s is not a period key: 4 characters, capitals, digits or # (18A1, #001)', v_period_key));
    end if;
    if coalesce(pg_catalog.jsonb_typeof(v_params -> 'finalised'), 'null') = 'null' then
        v_errors := v_errors || private.client_action_error('required', 'finalised',
            'The declaration that the return is final is required');
    elsif v_params -> 'finalised' <> 'true'::jsonb then
        v_errors := v_errors || private.client_action_error('not_finalised', 'finalised',
            'The return must be declared final (finalised: true) before HMRC takes it');
    end if;

    return private.client_action_result(v_errors, (
        select pg_catalog.jsonb_object_agg(b.box::text, b.field) from private.vat_return_boxes() as b
    ));
end
$$;

revoke all on function client_actions.hmrc__validate_vat_return(jsonb) from public;

grant execute on function client_actions.hmrc__validate_vat_return(jsonb) to authenticated, service_role;

-- supabase/schemas/providers/hmrc/functions/client_actions.hmrc__validate_vrn.sql

create function client_actions.hmrc__validate_vrn(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(p_params, array['vrn'], array['vrn']);
    v_input text := private.client_action_text(v_params, 'vrn');
    v_compact text := pg_catalog.upper(pg_catalog.regexp_replace(v_input, '[\s.-]', '', 'g'));
    v_parts text [] := pg_catalog.regexp_match(v_compact, '^(GB|XI)?(?:([0-9]{9})([0-9]{3})?|(GD|HA)([0-9]{3}))$');
    v_scheme text;
begin
    if v_compact = '' then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'required', 'vrn', 'A VAT registration number is required')), null);
    end if;
    if v_parts is null then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'invalid_format', 'vrn', format(
                '"%s" is not a VAT registration number: 9 digits (GB 123 4567 89), optionally a '
                || '3-digit branch, or GD/HA and 3 digits', v_input))), null);
    end if;
    if v_parts[4] is not null then
        if (v_parts[4] = 'GD') <> (v_parts[5]::integer < 500) then
            return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
                'out_of_range', 'vrn', format('%s numbers run from %s; %s is outside it', v_parts[4],
                    case v_parts[4] when 'GD' then 'GD000 to GD499' else 'HA500 to HA999' end,
                    v_parts[4] || v_parts[5]))), null);
        end if;
        return private.client_action_result(null, pg_catalog.jsonb_build_object(
            'vrn', v_parts[4] || v_parts[5], 'branch', null, 'country_prefix', v_parts[1],
            'scheme', case v_parts[4] when 'GD' then 'government_department' else 'health_authority' end,
            'mtd_eligible', false
        ));
    end if;
    v_scheme := private.vrn_check_scheme(v_parts[2]);
    if v_scheme is null then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'invalid_check_digits', 'vrn', format(
                '%s fails the VAT number check digits; check it for a typing error', v_parts[2]))), null);
    end if;
    return private.client_action_result(null, pg_catalog.jsonb_build_object(
        'vrn', v_parts[2], 'branch', v_parts[3], 'country_prefix', v_parts[1],
        'scheme', v_scheme, 'mtd_eligible', true
    ));
end
$$;

revoke all on function client_actions.hmrc__validate_vrn(jsonb) from public;

grant execute on function client_actions.hmrc__validate_vrn(jsonb) to authenticated, service_role;

-- supabase/schemas/providers/hmrc/functions/private.client_context_positive.sql

create or replace function private.client_context_positive(p_value jsonb)
returns boolean
language sql immutable parallel safe
set search_path = ''
as $$
    select case
        when pg_catalog.jsonb_typeof(p_value) = 'number' then (p_value #>> '{}')::numeric > 0
        else false
    end
$$;

revoke all on function private.client_context_positive(jsonb) from public;

grant execute on function private.client_context_positive(jsonb) to authenticated, service_role;

-- supabase/schemas/providers/hmrc/functions/private.client_context_required_error.sql

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

-- supabase/schemas/providers/hmrc/functions/private.hmrc_keep_client_context.sql

create function private.hmrc_keep_client_context(p_sync_log_id uuid, p_user_id uuid, p_client_context jsonb)
returns void
language sql volatile security definer
set search_path = ''
as $$
    insert into private.hmrc_client_contexts (sync_log_id, user_id, client_context)
    values (p_sync_log_id, p_user_id, p_client_context)
    on conflict (sync_log_id) do update
        set user_id = excluded.user_id, client_context = excluded.client_context, created_at = now()
$$;

comment on function private.hmrc_keep_client_context(uuid, uuid, jsonb) is
'Keeps the browser values of an attended HMRC run (replacing any kept for it) until the run is final.';

revoke all on function private.hmrc_keep_client_context(uuid, uuid, jsonb) from public, anon, authenticated;

grant execute on function private.hmrc_keep_client_context(uuid, uuid, jsonb) to service_role;

-- supabase/schemas/providers/hmrc/functions/private.tg_integration_sync_logs__forget_client_context.sql

create function private.tg_integration_sync_logs__forget_client_context()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    delete from private.hmrc_client_contexts as c where c.sync_log_id = new.id;
    return null;
end
$$;

revoke all on function private.tg_integration_sync_logs__forget_client_context() from public;

-- supabase/schemas/providers/hmrc/functions/private.vat_return_boxes.sql

-- HMRC client action validate_vat_return: the body the MTD VAT API takes
-- (POST /organisations/vat/{vrn}/returns), checked as HMRC checks it
-- (specs/hmrc-vat: VatReturnDeclaration schema and the 400 error examples).
--   params: {"periodKey", "vatDueSales", "vatDueAcquisitions", "totalVatDue",
--            "vatReclaimedCurrPeriod", "netVatDue", "totalValueSalesExVAT",
--            "totalValuePurchasesExVAT", "totalValueGoodsSuppliedExVAT",
--            "totalAcquisitionsExVAT", "finalised"}  (HMRC's own names; no other key)
--   data:   box -> field name, for a form
-- Boxes 1-4: JSON numbers with at most 2 decimals, -9,999,999,999,999.99 to
-- 9,999,999,999,999.99. Box 5: 0 to 99,999,999,999.99, 2 decimals. Boxes 6-9: whole pounds
-- (any decimals zero), -9,999,999,999,999 to 9,999,999,999,999. Box 3 must equal box 1 +
-- box 2 (HMRC's VAT_TOTAL_VALUE) and box 5 the difference between box 3 and box 4
-- (VAT_NET_VALUE), exactly. periodKey: 4 characters, capitals, digits or # (18A1, #001).
-- finalised must be true (HMRC's NOT_FINALISED). Missing boxes are errors, not PB422: a
-- form shows them against the box.
create function private.vat_return_boxes()
returns table (box integer, field text, label text, min_value numeric, max_value numeric, max_scale integer)
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return query
        values
        (1, 'vatDueSales', 'VAT due on sales and other outputs', -9999999999999.99, 9999999999999.99, 2),
        (2, 'vatDueAcquisitions', 'VAT due on acquisitions from the EU', -9999999999999.99, 9999999999999.99, 2),
        (3, 'totalVatDue', 'Total VAT due', -9999999999999.99, 9999999999999.99, 2),
        (4, 'vatReclaimedCurrPeriod', 'VAT reclaimed on purchases', -9999999999999.99, 9999999999999.99, 2),
        (5, 'netVatDue', 'Net VAT to pay or reclaim', 0, 99999999999.99, 2),
        (6, 'totalValueSalesExVAT', 'Total value of sales excluding VAT', -9999999999999, 9999999999999, 0),
        (7, 'totalValuePurchasesExVAT', 'Total value of purchases excluding VAT', -9999999999999, 9999999999999, 0),
        (8, 'totalValueGoodsSuppliedExVAT', 'Total value of goods supplied to the EU', -9999999999999, 9999999999999, 0),
        (9, 'totalAcquisitionsExVAT', 'Total value of acquisitions from the EU', -9999999999999, 9999999999999, 0);
end
$$;

revoke all on function private.vat_return_boxes() from public;

grant execute on function private.vat_return_boxes() to authenticated, service_role;

-- supabase/schemas/providers/hmrc/functions/private.vrn_check_scheme.sql

-- HMRC client actions for identifiers: validate_vrn, validate_utr, validate_paye_reference.
-- Input is normalised first (upper case, spaces dropped) and the normalised form returned.
--
-- VAT registration number (VRN): 9 digits, optionally with a GB (or XI, Northern Ireland)
-- country prefix and a 3-digit branch suffix (12 digits), or GD000-GD499 (government
-- departments) / HA500-HA999 (health authorities). Check digits: the first 7 digits
-- weighted 8, 7, 6, 5, 4, 3, 2, plus the last two digits as a number, must be a multiple
-- of 97 (the original modulus-97 scheme) or be one once 55 is added (the "9755" scheme
-- HMRC moved to in 2010). The MTD VAT API takes the 9 digits only.
-- Unique Taxpayer Reference (UTR): 10 digits (an optional trailing K as printed on some
-- letters); digits 2-10 weighted 6, 7, 8, 9, 10, 5, 4, 3, 2, and the remainder mod 11 gives
-- the first digit through 2, 1, 9, 8, 7, 6, 5, 4, 3, 2, 1.
-- Employer PAYE reference: a 3-digit tax office number, "/", 1-10 letters or digits
-- (123/AB456). Accounts Office reference: 3 digits, P, a letter, 7 digits, a digit or X
-- (123PX00123456), 13 characters.
/** --- VAT registration number --- */

create function private.vrn_check_scheme(p_digits text)
returns text
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        with total as (
            select
                (
                    select pg_catalog.sum(pg_catalog.substr(p_digits, i, 1)::integer * (9 - i))
                    from pg_catalog.generate_series(1, 7) as i
                ) + pg_catalog.substr(p_digits, 8, 2)::integer as value
        )

        select case
            when p_digits = '000000000' then null
            when t.value % 97 = 0 then 'mod97'
            when (t.value + 55) % 97 = 0 then '9755'
        end
        from total as t
    );
end
$$;

revoke all on function private.vrn_check_scheme(text) from public;

grant execute on function private.vrn_check_scheme(text) to authenticated, service_role;

-- supabase/schemas/providers/hmrc/functions/public.hmrc_fetch_vat_obligations.sql

-- hmrc_fetch_vat_obligations(project integration, client context): a person asks, from a
-- client app, for the project's VAT obligations now. HMRC's fraud-prevention rules make
-- this an attended call (WEB_APP_VIA_SERVER), so it carries the browser's values: the
-- client_context is checked (validate_client_context) and kept in
-- private.hmrc_client_contexts for the worker alone, then one run of vat_obligations is
-- queued (trigger on_manual, requested_by the person). Only scheduled runs are unattended
-- (BATCH_PROCESS_DIRECT). integration_request_sync cannot carry a client_context: a
-- vat_obligations run it queues fails with client_context_required (docs/hmrc.md).
-- When a run of the feature is already waiting (e.g. a scheduled one), that run is
-- handed back and made attended with these values.
-- Refused, with errors and nothing queued: a missing or malformed browser value, no VRN
-- saved for the project (vrn_missing).
-- Needs integration:sync:hmrc and a signed-in person. Returns {"queued": bool,
-- "log_ids": [uuid], "errors": [{code, field, message}]}.
-- Raises PB404, PB403 (no permission, or no signed-in person), PB409 (integration or feature off).
create or replace function public.hmrc_fetch_vat_obligations(p_project_integration_id uuid, p_client_context jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:sync:<provider>'
    );
    v_feature public.integration_features := private.rpc_feature(v_integration, 'vat_obligations');
    v_user uuid := (select private.caller_uid());
    v_context jsonb;
    v_errors jsonb;
    v_log_id uuid;
begin
    if v_user is null then
        raise exception using errcode = 'PB403',
            message = 'an attended HMRC fetch is asked for by a signed-in person: call this as that user';
    end if;
    if not v_integration.is_enabled or not (
        select s.is_enabled from public.v_project_integration_features as s
        where s.project_integration_id = v_integration.id and s.feature_id = v_feature.id
    ) then
        raise exception using errcode = 'PB409', message = format('%s is switched off for this project', v_feature.name);
    end if;

    v_context := public.integration_client_action('hmrc', 'validate_client_context', coalesce(p_client_context, '{}'));
    v_errors := v_context -> 'errors';
    if v_integration.settings ->> 'vrn' is null then
        v_errors := v_errors || private.client_action_error('vrn_missing', 'vrn',
            'Save the project''s VAT registration number first (hmrc_set_references)');
    end if;
    if pg_catalog.jsonb_array_length(v_errors) > 0 then
        return pg_catalog.jsonb_build_object('queued', false, 'log_ids', '[]'::jsonb, 'errors', v_errors);
    end if;

    v_log_id := private.enqueue_sync_run(
        v_integration.id, v_feature.id, 'on_manual', v_feature.server_action, v_feature.entity_type, null,
        pg_catalog.jsonb_build_object('feature', v_feature.key), v_user
    );
    perform private.hmrc_keep_client_context(v_log_id, v_user, v_context -> 'data');
    return pg_catalog.jsonb_build_object(
        'queued', true, 'log_ids', pg_catalog.jsonb_build_array(v_log_id), 'errors', '[]'::jsonb
    );
end
$$;

comment on function public.hmrc_fetch_vat_obligations(uuid, jsonb) is
'A person fetches the project''s VAT obligations now, with the browser values HMRC''s '
'WEB_APP_VIA_SERVER headers need: {queued, log_ids, errors}. Needs integration:sync:hmrc. See docs/hmrc.md.';

revoke all on function public.hmrc_fetch_vat_obligations(uuid, jsonb) from public, anon;

grant execute on function public.hmrc_fetch_vat_obligations(uuid, jsonb) to authenticated, service_role;

-- supabase/schemas/providers/hmrc/functions/public.hmrc_set_references.sql

-- hmrc_set_references(project integration, references): the project's HMRC identifiers,
-- kept in project_integrations.settings (not secrets; members see them in
-- v_project_integrations):
--   vrn                        VAT registration number (9 digits) — VAT obligations and returns
--   utr                        Corporation Tax Unique Taxpayer Reference (10 digits)
--   employer_paye_reference    employer PAYE reference (123/AB456)
--   accounts_office_reference  Accounts Office reference (123PX00123456)
-- Each given key is checked and normalised by its client action (validate_vrn,
-- validate_utr, validate_paye_reference); a null value removes the identifier. If any is
-- refused nothing is saved. Needs integration:manage.
-- Returns {"saved": bool, "errors": [{code, field, message}], "settings": {...}}.
-- Raises PB404 / PB403 as private.rpc_integration does, PB422 for an unknown key.
create function public.hmrc_set_references(p_project_integration_id uuid, p_references jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_params jsonb := private.client_action_params(
        p_references, array['vrn', 'utr', 'employer_paye_reference', 'accounts_office_reference'], '{}'
    );
    v_errors jsonb := '[]'::jsonb;
    v_settings jsonb := v_integration.settings;
    v_result jsonb;
begin
    if (select p.key from public.integration_providers as p where p.id = v_integration.provider_id) <> 'hmrc' then
        raise exception using errcode = 'PB422', message = 'hmrc_set_references: not an HMRC integration';
    end if;
    if v_params ? 'vrn' then
        if v_params -> 'vrn' = 'null'::jsonb then
            v_settings := v_settings - 'vrn';
        else
            v_result := public.integration_client_action('hmrc', 'validate_vrn',
                pg_catalog.jsonb_build_object('vrn', v_params -> 'vrn'));
            v_errors := v_errors || (v_result -> 'errors');
            if (v_result -> 'data' ->> 'mtd_eligible')::boolean is false then
                v_errors := v_errors || private.client_action_error('not_mtd_eligible', 'vrn',
                    'Making Tax Digital for VAT takes a 9-digit VAT registration number');
            end if;
            v_settings := v_settings || pg_catalog.jsonb_build_object('vrn', v_result -> 'data' -> 'vrn');
        end if;
    end if;
    if v_params ? 'utr' then
        if v_params -> 'utr' = 'null'::jsonb then
            v_settings := v_settings - 'utr';
        else
            v_result := public.integration_client_action('hmrc', 'validate_utr',
                pg_catalog.jsonb_build_object('utr', v_params -> 'utr'));
            v_errors := v_errors || (v_result -> 'errors');
            v_settings := v_settings || pg_catalog.jsonb_build_object('utr', v_result -> 'data' -> 'utr');
        end if;
    end if;
    if v_params ?| array['employer_paye_reference', 'accounts_office_reference'] then
        v_result := public.integration_client_action('hmrc', 'validate_paye_reference', pg_catalog.jsonb_strip_nulls(
            pg_catalog.jsonb_build_object(
                'employer_reference', coalesce(
                    v_params -> 'employer_paye_reference', v_settings -> 'employer_paye_reference'
                ),
                'accounts_office_reference', coalesce(
                    v_params -> 'accounts_office_reference', v_settings -> 'accounts_office_reference'
                )
            )
        ));
        v_errors := v_errors || (v_result -> 'errors');
        v_settings := v_settings || pg_catalog.jsonb_build_object(
            'employer_paye_reference', v_result -> 'data' -> 'employer_reference',
            'accounts_office_reference', v_result -> 'data' -> 'accounts_office_reference'
        );
    end if;
    if pg_catalog.jsonb_array_length(v_errors) > 0 then
        return pg_catalog.jsonb_build_object('saved', false, 'errors', v_errors, 'settings', v_integration.settings);
    end if;
    v_settings := pg_catalog.jsonb_strip_nulls(v_settings);
    update public.project_integrations as pi set settings = v_settings where pi.id = v_integration.id;
    return pg_catalog.jsonb_build_object('saved', true, 'errors', '[]'::jsonb, 'settings', v_settings);
end
$$;

comment on function public.hmrc_set_references(uuid, jsonb) is
'Saves the project''s HMRC identifiers (vrn, utr, employer_paye_reference, accounts_office_reference) '
'in the integration''s settings, each validated by its client action: {saved, errors, settings}. '
'Needs integration:manage.';

revoke all on function public.hmrc_set_references(uuid, jsonb) from public, anon;

grant execute on function public.hmrc_set_references(uuid, jsonb) to authenticated, service_role;

-- supabase/schemas/providers/hmrc/functions/public.hmrc_submit_vat_return.sql

-- hmrc_submit_vat_return(project integration, VAT return, client context): a person
-- confirms a VAT return for one period. Nothing is sent from here: the return and the
-- browser's fraud-prevention values are checked (client actions validate_vat_return and
-- validate_client_context), then one run of the vat_return_submission feature is queued
-- (trigger on_manual, entity the period key); the worker submits it to HMRC with the
-- WEB_APP_VIA_SERVER fraud-prevention headers and stores the receipt with the sync log.
--   p_vat_return      HMRC's body: periodKey, the nine boxes, finalised (see
--                     client_actions.hmrc__validate_vat_return)
--   p_client_context  see client_actions.hmrc__validate_client_context and the README
-- Refused, with errors and nothing queued: a box or period key HMRC would refuse, a missing
-- or malformed browser value, no VRN saved for the project (vrn_missing), a return for the
-- period already accepted through Plugboard (DUPLICATE_SUBMISSION, with its receipt) or
-- still on its way (submission_in_progress).
-- Needs integration:sync:hmrc and a signed-in person (their id goes to HMRC in
-- Gov-Client-User-IDs). Returns {"queued": bool, "log_ids": [uuid], "errors": [...]}.
-- Raises PB404, PB403 (no permission, or no signed-in person), PB409 (integration or feature off).
create or replace function public.hmrc_submit_vat_return(
    p_project_integration_id uuid, p_vat_return jsonb, p_client_context jsonb
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:sync:<provider>'
    );
    v_feature public.integration_features := private.rpc_feature(v_integration, 'vat_return_submission');
    v_user uuid := (select private.caller_uid());
    v_vrn text := v_integration.settings ->> 'vrn';
    v_period_key text := p_vat_return ->> 'periodKey';
    v_return jsonb;
    v_context jsonb;
    v_errors jsonb;
    v_previous public.integration_sync_logs;
    v_log_id uuid;
    v_fulfilled_on text;
begin
    if v_user is null then
        raise exception using errcode = 'PB403',
            message = 'a VAT return is confirmed by a signed-in person: call this as that user';
    end if;
    if not v_integration.is_enabled or not (
        select s.is_enabled from public.v_project_integration_features as s
        where s.project_integration_id = v_integration.id and s.feature_id = v_feature.id
    ) then
        raise exception using errcode = 'PB409', message = format('%s is switched off for this project', v_feature.name);
    end if;

    v_return := public.integration_client_action('hmrc', 'validate_vat_return', p_vat_return);
    v_context := public.integration_client_action('hmrc', 'validate_client_context', coalesce(p_client_context, '{}'));
    v_errors := (v_return -> 'errors') || (v_context -> 'errors');
    if v_vrn is null then
        v_errors := v_errors || private.client_action_error('vrn_missing', 'vrn',
            'Save the project''s VAT registration number first (hmrc_set_references)');
    end if;

    select l.* into v_previous
    from public.integration_sync_logs as l
    where l.project_integration_id = v_integration.id and l.action = v_feature.server_action
        and l.entity_id = v_period_key and l.details -> 'params' ->> 'vrn' = v_vrn
        and l.status in ('pending', 'in_progress', 'success')
    order by l.created_at desc
    limit 1;
    if v_previous.status = 'success' then
        v_errors := v_errors || private.client_action_error('DUPLICATE_SUBMISSION', 'periodKey', format(
            'The VAT return for period %s was already submitted on %s (HMRC receipt %s). HMRC takes one '
            || 'return per period: correct a mistake in your next return or tell HMRC (form VAT652)',
            v_period_key, pg_catalog.to_char(v_previous.finished_at, 'DD Mon YYYY HH24:MI'),
            coalesce(v_previous.details -> 'receipt' ->> 'receipt_id', 'unknown')));
    elsif v_previous.id is not null then
        v_errors := v_errors || private.client_action_error('submission_in_progress', 'periodKey', format(
            'A VAT return for period %s is already being submitted (sync log %s)', v_period_key, v_previous.id));
    else
        select o.data ->> 'received' into v_fulfilled_on
        from public.integration_reference_data as o
        where o.project_integration_id = v_integration.id and o.kind = 'vat_obligation' and o.is_active
            and o.parent_external_id = v_vrn and o.external_id = v_period_key and o.data ->> 'status' = 'F';
        if found then
            raise exception using errcode = 'PB409', message = format(
                'HMRC already received the VAT return for period %s (on %s). HMRC takes one return per period: '
                || 'correct a mistake in your next return or tell HMRC (form VAT652)',
                v_period_key, coalesce(pg_catalog.to_char(v_fulfilled_on::date, 'DD Mon YYYY'), 'a date HMRC did not give'));
        end if;
    end if;

    if pg_catalog.jsonb_array_length(v_errors) > 0 then
        return pg_catalog.jsonb_build_object('queued', false, 'log_ids', '[]'::jsonb, 'errors', v_errors);
    end if;
    v_log_id := private.enqueue_sync_run(
        v_integration.id, v_feature.id, 'on_manual', v_feature.server_action, v_feature.entity_type,
        v_period_key,
        pg_catalog.jsonb_build_object(
            'feature', v_feature.key, 'entity_id', v_period_key, 'vrn', v_vrn,
            'vat_return', p_vat_return, 'confirmed_by', v_user
        ),
        v_user
    );
    perform private.hmrc_keep_client_context(v_log_id, v_user, v_context -> 'data');
    return pg_catalog.jsonb_build_object(
        'queued', true, 'log_ids', pg_catalog.jsonb_build_array(v_log_id), 'errors', '[]'::jsonb
    );
end
$$;

revoke all on function public.hmrc_submit_vat_return(uuid, jsonb, jsonb) from public, anon;

grant execute on function public.hmrc_submit_vat_return(uuid, jsonb, jsonb) to authenticated, service_role;

comment on function public.hmrc_submit_vat_return(uuid, jsonb, jsonb) is
'A person confirms a VAT return: checked, then queued for the worker to submit with '
'WEB_APP_VIA_SERVER fraud-prevention headers (the browser values kept privately until the run is final): '
'{queued, log_ids, errors}. Needs integration:sync:hmrc.';

-- supabase/schemas/providers/hmrc/views/public.v_hmrc_open_vat_obligations.sql

-- v_hmrc_open_vat_obligations: the VAT periods HMRC expects a return for (status O), as
-- last fetched by the vat_obligations feature (cached in integration_reference_data, kind
-- vat_obligation, external_id the period key, parent the VRN, data the obligation as HMRC
-- gives it: start, end, due, status, periodKey), soonest due first, with the days left and
-- the latest submission Plugboard queued or made for the period.
create view public.v_hmrc_open_vat_obligations
with (security_invoker = true) as
select
    pi.project_id,
    r.project_integration_id,
    r.parent_external_id as vrn,
    r.external_id as period_key,
    (r.data ->> 'start')::date as period_start,
    (r.data ->> 'end')::date as period_end,
    (r.data ->> 'due')::date as due_date,
    (r.data ->> 'due')::date - current_date as days_until_due,
    (r.data ->> 'due')::date < current_date as is_overdue,
    r.fetched_at,
    s.id as submission_log_id,
    s.status as submission_status
from public.integration_reference_data as r
inner join public.integration_providers as p on r.provider_id = p.id
inner join public.project_integrations as pi on r.project_integration_id = pi.id
left join lateral (
    select
        l.id,
        l.status
    from public.integration_sync_logs as l
    where
        l.project_integration_id = r.project_integration_id
        and l.action = 'hmrc_submit_vat_return'
        and l.entity_id = r.external_id
    order by l.created_at desc
    limit 1
) as s on true
where
    p.key = 'hmrc' and r.kind = 'vat_obligation' and r.is_active
    and r.data ->> 'status' = 'O'
    and r.parent_external_id = pi.settings ->> 'vrn';

comment on view public.v_hmrc_open_vat_obligations is
'Open VAT obligations of the project''s VRN with due dates, soonest first when ordered by due_date; '
'read-only, RLS of the underlying tables applies.';

revoke all on public.v_hmrc_open_vat_obligations from anon, authenticated;

grant select on public.v_hmrc_open_vat_obligations to authenticated, service_role;

-- supabase/schemas/providers/hmrc/views/public.v_hmrc_paye_levy_declarations.sql

-- v_hmrc_paye_levy_declarations: the Apprenticeship Levy declarations HMRC holds for the
-- project's employer PAYE reference, as last fetched by the paye_levy_declarations
-- feature (integration_reference_data kind levy_declaration, external_id HMRC's
-- declaration id, parent the employer PAYE reference, code the entry type, data the
-- declaration as HMRC gives it). Entry types (HMRC: the id modulo 10): levy_declaration
-- (levy due year to date and the year's allowance for a tax month), no_payment (nothing
-- due for the period), inactive (inactive_from .. inactive_to), ceased (date_ceased).
-- Tax months count from April (month 1). Newest submission first when ordered by
-- submission_time desc.
create or replace view public.v_hmrc_paye_levy_declarations
with (security_invoker = true) as
select
    pi.project_id,
    r.project_integration_id,
    r.parent_external_id as employer_paye_reference,
    r.external_id as declaration_id,
    r.code as entry_type,
    r.data ->> 'submissionId' as submission_id,
    case
        when r.data ->> 'submissionTime' ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$'
            then (r.data ->> 'submissionTime')::timestamp
    end as submission_time,
    r.data #>> '{payrollPeriod,year}' as tax_year,
    (r.data #>> '{payrollPeriod,month}')::integer as tax_month,
    (r.data ->> 'levyDueYTD')::numeric as levy_due_ytd,
    (coalesce(r.data ->> 'levyAllowanceForFullYear', r.data ->> 'allowance'))::numeric as levy_allowance_for_full_year,
    (r.data ->> 'inactiveFrom')::date as inactive_from,
    (r.data ->> 'inactiveTo')::date as inactive_to,
    (r.data ->> 'dateCeased')::date as date_ceased,
    r.fetched_at
from public.integration_reference_data as r
inner join public.integration_providers as p on r.provider_id = p.id
inner join public.project_integrations as pi on r.project_integration_id = pi.id
where
    p.key = 'hmrc' and r.kind = 'levy_declaration' and r.is_active
    and r.parent_external_id = pi.settings ->> 'employer_paye_reference';

comment on view public.v_hmrc_paye_levy_declarations is
'Apprenticeship Levy declarations (from EPS submissions) of the project''s employer PAYE reference; '
'not RTI payroll data. Read-only, RLS of the underlying tables applies.';

revoke all on public.v_hmrc_paye_levy_declarations from anon, authenticated;

grant select on public.v_hmrc_paye_levy_declarations to authenticated, service_role;

-- supabase/schemas/providers/hmrc/triggers/public.integration_sync_logs.sql

create trigger "50_forget_client_context"
after update of status on public.integration_sync_logs
for each row
when (new.status in ('success', 'partial_success', 'failed') and old.status is distinct from new.status)
execute function private.tg_integration_sync_logs__forget_client_context();
