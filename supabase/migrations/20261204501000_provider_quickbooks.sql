-- Baseline (issue #19): QuickBooks Online's own tables, functions and pg_cron job.
-- The schema files below, in supabase/schemas/load_order.txt's order; a later change is a
-- new migration plus the edited schema file (docs/contributing.md).

-- supabase/schemas/providers/quickbooks/tables/private.quickbooks_cdc_cursors.sql

-- CDC polling, the fallback for missed QuickBooks webhooks: every five minutes each
-- connected QuickBooks integration with a realtime feature gets one qb_cdc_poll run (a
-- waiting one is not queued twice), which asks QuickBooks' change data capture what
-- changed since its cursor and feeds the changes to private.quickbooks_receive_changes
-- (repeats of webhook events are ignored there). Scheduled only where pg_cron is
-- installed; elsewhere call private.enqueue_quickbooks_cdc_polls() from any scheduler.
create table private.quickbooks_cdc_cursors (
    project_integration_id uuid primary key
    references public.project_integrations (id) on delete cascade,
    changed_since timestamptz not null,
    polled_at timestamptz not null default now()
);

comment on table private.quickbooks_cdc_cursors is
'Per QuickBooks integration: the change time CDC polling has read up to.';

revoke all on table private.quickbooks_cdc_cursors from public;

-- supabase/schemas/providers/quickbooks/tables/private.quickbooks_change_events.sql

-- QuickBooks change events — webhooks (CloudEvents or the legacy format, received by
-- functions/) and CDC polls (the fallback for missed webhooks) — enter here, once each:
-- an event already seen is ignored, a new one queues the realtime runs of the realm's
-- integrations for the changed entity (private.enqueue_realtime). An event is known by
-- realm, entity, id and change time (UTC, to the second), whichever way it arrived.
--   p_events: [{"entity": "Payment", "id": "42", "operation": "Create"|"Update"|...,
--               "time": "2026-11-25T10:00:00Z"}]
--   returns:  {"received": n, "duplicates": n, "log_ids": [uuid, ...]}
create table private.quickbooks_change_events (
    event_key text primary key,
    realm_id text not null,
    received_at timestamptz not null default now()
);

comment on table private.quickbooks_change_events is
'QuickBooks change events already taken in (webhooks and CDC), kept 30 days to ignore repeats.';

create index quickbooks_change_events_received_at_idx
on private.quickbooks_change_events (received_at);

revoke all on table private.quickbooks_change_events from public;

-- supabase/schemas/providers/quickbooks/functions/client_actions.quickbooks__payment_account_categories.sql

create function client_actions.quickbooks__payment_account_categories(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(
        p_params, array['payment_method', 'project_id'], array['payment_method']
    );
    v_method text := private.client_action_text(v_params, 'payment_method');
    v_project_id uuid := private.client_action_uuid(v_params, 'project_id');
    v_rule jsonb := private.quickbooks_payment_method(v_method);
    v_accounts jsonb := '[]'::jsonb;
begin
    if v_rule is null then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'unknown_payment_method', 'payment_method', format(
                '"%s" is not a payment method; use Cash, Check, Bank Transfer, Debit Card or Credit Card',
                v_method)
        )), null);
    end if;
    if v_project_id is not null then
        v_accounts := private.quickbooks_payment_accounts(v_project_id, v_rule);
    end if;
    return private.client_action_result(null, pg_catalog.jsonb_build_object(
        'payment_method', v_method,
        'payment_type', v_rule ->> 'payment_type',
        'account_types', v_rule -> 'account_types',
        'account_sub_types', (
            select pg_catalog.jsonb_agg(s.sub_type order by t.ordinality, s.ordinality)
            from pg_catalog.jsonb_array_elements_text(v_rule -> 'account_types') with ordinality as t (type, ordinality)
            cross join lateral pg_catalog.unnest(private.quickbooks_account_sub_types(t.type))
                with ordinality as s (sub_type, ordinality)
        ),
        'preferred_sub_types', v_rule -> 'preferred_sub_types',
        'accounts', v_accounts
    ));
end
$$;

revoke all on function client_actions.quickbooks__payment_account_categories(jsonb) from public;

grant execute on function client_actions.quickbooks__payment_account_categories(jsonb)
to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/client_actions.quickbooks__validate_relationship_send_to.sql

-- The client action: params, the feature (PB422 unless it sends relationships), the
-- relationship as the caller's RLS shows it, then the check.
create function client_actions.quickbooks__validate_relationship_send_to(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(
        p_params, array['relationship_id', 'feature'], array['relationship_id', 'feature']
    );
    v_id uuid := private.client_action_uuid(v_params, 'relationship_id');
    v_feature_key text := private.client_action_text(v_params, 'feature');
    v_feature public.integration_features;
begin
    select f.* into v_feature
    from public.integration_features as f
    inner join public.integration_providers as p on f.provider_id = p.id
    where p.key = 'quickbooks' and f.key = v_feature_key
        and f.validation_action = 'validate_relationship_send_to';
    if not found then
        raise exception using errcode = 'PB422',
            message = format('params.feature: "%s" is not a QuickBooks relationship feature', v_feature_key),
            hint = 'Use one of: ' || (
                select pg_catalog.string_agg(f.key, ', ' order by f.sort_order)
                from public.integration_features as f
                inner join public.integration_providers as p on f.provider_id = p.id
                where p.key = 'quickbooks' and f.validation_action = 'validate_relationship_send_to'
            );
    end if;
    if not exists (select from public.project_relationships as r where r.id = v_id) then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'not_found', 'relationship_id', 'No such relationship in a project you belong to'
        )), null);
    end if;
    return private.quickbooks_validate_relationship(v_id, v_feature);
end
$$;

revoke all on function client_actions.quickbooks__validate_relationship_send_to(jsonb) from public;

grant execute on function client_actions.quickbooks__validate_relationship_send_to(jsonb)
to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/client_actions.quickbooks__validate_transaction_send_to.sql

-- The client action: params, the transaction as the caller's RLS shows it, then the check.
create function client_actions.quickbooks__validate_transaction_send_to(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(
        p_params, array['transaction_id', 'feature'], array['transaction_id']
    );
    v_id uuid := private.client_action_uuid(v_params, 'transaction_id');
    v_feature text := private.client_action_text(v_params, 'feature');
begin
    if not exists (select from public.transactions as t where t.id = v_id) then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'not_found', 'transaction_id', 'No such transaction in a project you belong to'
        )), null);
    end if;
    return private.quickbooks_validate_transaction(v_id, v_feature);
end
$$;

revoke all on function client_actions.quickbooks__validate_transaction_send_to(jsonb) from public;

grant execute on function client_actions.quickbooks__validate_transaction_send_to(jsonb)
to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.enqueue_quickbooks_cdc_polls.sql

create function private.enqueue_quickbooks_cdc_polls()
returns integer
language sql volatile security definer
set search_path = ''
as $$
    select pg_catalog.count(private.enqueue_sync_run(
        pi.id, null, 'realtime', 'qb_cdc_poll', null, null, '{}'::jsonb, null
    ))::integer
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id and p.key = 'quickbooks'
    where pi.is_enabled and pi.status = 'Connected' and pi.external_account_id is not null
        and exists (
            select from private.features_triggered_by('realtime', null, array[pi.id]) as f
        )
$$;

comment on function private.enqueue_quickbooks_cdc_polls() is
'Queues one qb_cdc_poll run per connected QuickBooks integration with a realtime feature.';

revoke all on function private.enqueue_quickbooks_cdc_polls() from public;

grant execute on function private.enqueue_quickbooks_cdc_polls() to service_role;

-- supabase/schemas/providers/quickbooks/functions/private.flag_stale_reference_mappings.sql

-- QuickBooks reference data refreshes (qb_chart_of_accounts, qb_classes, qb_tax_codes)
-- flag the mappings that point at what QuickBooks no longer offers: a project's account,
-- tax code or class mapped to a QuickBooks item that was made inactive or is gone is
-- is_stale, with a reason a person can act on; a mapping whose item is back is cleared.
-- The mapping's entity_type is the reference data kind (account, tax_code, class).
create function private.flag_stale_reference_mappings(p_project_integration_id uuid, p_kind text)
returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
    v_flagged integer;
begin
    with state as (
        select
            m.id,
            case
                when r.id is null then format(
                    'QuickBooks %s %s no longer exists; map %s to another one',
                    pg_catalog.replace(p_kind, '_', ' '), m.external_id, m.internal_id)
                when not r.is_active then format(
                    'QuickBooks %s "%s" is inactive; map %s to an active one',
                    pg_catalog.replace(p_kind, '_', ' '), r.name, m.internal_id)
            end as reason
        from public.integration_entity_mappings as m
        inner join public.project_integrations as pi on m.project_integration_id = pi.id
        left join public.integration_reference_data as r
            on
                r.project_integration_id = m.project_integration_id
                and r.provider_id = pi.provider_id
                and r.kind = p_kind
                and r.external_id = m.external_id
        where m.project_integration_id = p_project_integration_id and m.entity_type = p_kind
    )

    update public.integration_entity_mappings as m
    set is_stale = s.reason is not null, stale_reason = s.reason
    from state as s
    where m.id = s.id and (m.is_stale, m.stale_reason) is distinct from (s.reason is not null, s.reason);
    select pg_catalog.count(*)::integer into v_flagged
    from public.integration_entity_mappings as m
    where m.project_integration_id = p_project_integration_id and m.entity_type = p_kind and m.is_stale;
    return v_flagged;
end
$$;

comment on function private.flag_stale_reference_mappings(uuid, text) is
'Flags (is_stale, stale_reason) the mappings of kind p_kind whose QuickBooks item is inactive or '
'gone, clears the others; returns how many are stale. Workers only.';

revoke all on function private.flag_stale_reference_mappings(uuid, text) from public;

grant execute on function private.flag_stale_reference_mappings(uuid, text) to service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_account_sub_types.sql

-- The AccountSubTypeEnum values of the account types a payment may come from.
create function private.quickbooks_account_sub_types(p_account_type text)
returns text[]
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case p_account_type
            when 'Bank' then array[
                'CashOnHand', 'Checking', 'MoneyMarket', 'RentsHeldInTrust', 'Savings', 'TrustAccounts',
                'CashAndCashEquivalents', 'OtherEarmarkedBankAccounts'
            ]
            when 'Credit Card' then array['CreditCard']
            else '{}'::text []
        end
    );
end
$$;

revoke all on function private.quickbooks_account_sub_types(text) from public;

grant execute on function private.quickbooks_account_sub_types(text) to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_book_close_date.sql

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

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_counterparty_errors.sql

-- The relationship side: required for Bill and Invoice; mapped, or valid to be mapped now.
create function private.quickbooks_counterparty_errors(
    p_integration public.project_integrations, p_transaction public.transactions, p_entity text
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_feature public.integration_features;
    v_check jsonb;
begin
    if p_transaction.relationship_id is null then
        if p_entity = 'Purchase' then
            return '[]'::jsonb;
        end if;
        return pg_catalog.jsonb_build_array(private.client_action_error('relationship_required', 'relationship_id',
            format('A QuickBooks %s needs a %s', p_entity,
                case p_entity when 'Invoice' then 'customer' else 'supplier' end)));
    end if;
    select f.* into v_feature
    from public.integration_features as f
    where f.provider_id = p_integration.provider_id
        and f.key = case p_entity when 'Invoice' then 'customers' else 'vendors' end;
    if exists (
        select
        from public.integration_entity_mappings as m
        where m.project_integration_id = p_integration.id and m.entity_type = v_feature.entity_type
            and m.internal_id = p_transaction.relationship_id::text
    ) then
        return '[]'::jsonb;
    end if;
    v_check := private.quickbooks_validate_relationship(p_transaction.relationship_id, v_feature);
    if (v_check ->> 'valid')::boolean then
        return '[]'::jsonb;
    end if;
    return pg_catalog.jsonb_build_array(private.client_action_error('relationship_not_mappable', 'relationship_id',
        format('The %s is not in QuickBooks yet and cannot be sent: %s',
            case p_entity when 'Invoice' then 'customer' else 'supplier' end,
            (
                select pg_catalog.string_agg(e ->> 'message', '; ')
                from pg_catalog.jsonb_array_elements(v_check -> 'errors') as e
            ))));
end
$$;

revoke all on function private.quickbooks_counterparty_errors(public.project_integrations, public.transactions, text)
from public;

grant execute on function private.quickbooks_counterparty_errors(public.project_integrations, public.transactions, text)
to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_currencies.sql

/** --- The connected company, from what Plugboard cached --- */

-- The currencies the company takes: its home currency, plus its active currencies when
-- multicurrency is on; null while the company info has not been fetched yet.
create function private.quickbooks_currencies(p_integration public.project_integrations)
returns text[]
language plpgsql stable
set search_path = ''
as $$
begin
    return (
        select case when p_integration.settings ->> 'home_currency' is not null then
            array[p_integration.settings ->> 'home_currency'] || case
                when p_integration.settings -> 'multicurrency_enabled' = 'true'::jsonb then array(
                    select r.code
                    from public.integration_reference_data as r
                    where r.project_integration_id = p_integration.id
                        and r.provider_id = p_integration.provider_id
                        and r.kind = 'currency' and r.is_active and r.code is not null
                    order by r.code
                )
                else '{}'::text []
            end
        end
    );
end
$$;

revoke all on function private.quickbooks_currencies(public.project_integrations) from public;

grant execute on function private.quickbooks_currencies(public.project_integrations) to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_currency_errors.sql

-- Currency errors for one record (field p_field) against the company's currencies.
create function private.quickbooks_currency_errors(
    p_integration public.project_integrations, p_field text, p_currency text
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
    return (
        select case
            when p_currency is null or p_integration.id is null then '[]'::jsonb
            when private.quickbooks_currencies(p_integration) is null then pg_catalog.jsonb_build_array(
                private.client_action_error('company_currencies_unknown', p_field,
                    'The QuickBooks company''s currencies are not known yet; fetch the company info first'))
            when not p_currency = any (private.quickbooks_currencies(p_integration)) then pg_catalog.jsonb_build_array(
                private.client_action_error('currency_not_supported', p_field, format(
                    'The QuickBooks company does not take %s (it takes %s)', p_currency,
                    pg_catalog.array_to_string(private.quickbooks_currencies(p_integration), ', '))))
            else '[]'::jsonb
        end
    );
end
$$;

revoke all on function private.quickbooks_currency_errors(public.project_integrations, text, text) from public;

grant execute on function private.quickbooks_currency_errors(public.project_integrations, text, text)
to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_display_name_errors.sql

/** --- Names --- */

-- DisplayName rules: required, at most 500 characters, none of the characters QuickBooks
-- rejects (":" separates Parent:Child names; tab, line breaks and other control characters;
-- characters outside the Basic Multilingual Plane such as emoji fail with error 2040).
create function private.quickbooks_display_name_errors(p_field text, p_value text)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case
            when p_value is null or pg_catalog.btrim(p_value) = '' then pg_catalog.jsonb_build_array(
                private.client_action_error('required', p_field, 'A display name is required'))
            when pg_catalog.length(p_value) > 500 then pg_catalog.jsonb_build_array(
                private.client_action_error('too_long', p_field, format(
                    'Display name is %s characters; QuickBooks allows at most 500', pg_catalog.length(p_value))))
            when p_value ~ ':' then pg_catalog.jsonb_build_array(
                private.client_action_error('invalid_characters', p_field,
                    'Display name contains a colon (:), which QuickBooks reserves for Parent:Child names'))
            when p_value ~ '[\x01-\x1f\x7f]' then pg_catalog.jsonb_build_array(
                private.client_action_error('invalid_characters', p_field,
                    'Display name contains a tab, line break or other control character'))
            when p_value ~ '[\U00010000-\U0010FFFF]' then pg_catalog.jsonb_build_array(
                private.client_action_error('invalid_characters', p_field,
                    'Display name contains an emoji or another character QuickBooks cannot store'))
            else '[]'::jsonb
        end
    );
end
$$;

revoke all on function private.quickbooks_display_name_errors(text, text) from public;

grant execute on function private.quickbooks_display_name_errors(text, text) to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_entity_type.sql

-- The feature entity type a QuickBooks entity's changes concern.
create function private.quickbooks_entity_type(p_entity text)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
    select case p_entity
        when 'Payment' then 'payment'
        when 'Vendor' then 'vendor'
        when 'Customer' then 'customer'
        when 'Account' then 'account'
        when 'Class' then 'class'
        when 'TaxCode' then 'tax_code'
        when 'Purchase' then 'transaction'
        when 'Bill' then 'transaction'
        when 'Invoice' then 'transaction'
    end
$$;

revoke all on function private.quickbooks_entity_type(text) from public;

grant execute on function private.quickbooks_entity_type(text) to service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_integration.sql

-- The project's QuickBooks integration (null fields when it has none the caller can see).
create function private.quickbooks_integration(p_project_id uuid)
returns public.project_integrations
language plpgsql stable
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
begin
    select pi.* into v_integration
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.project_id = p_project_id and p.key = 'quickbooks';
    return v_integration;
end
$$;

revoke all on function private.quickbooks_integration(uuid) from public;

grant execute on function private.quickbooks_integration(uuid) to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_line_account_types.sql

-- The AccountTypeEnum values a line of p_entity may post to. Purchase and Bill lines
-- (AccountBasedExpenseLineDetail) take any posting account but the Accounts Payable and
-- Accounts Receivable controls; Invoice lines post to income.
create function private.quickbooks_line_account_types(p_entity text)
returns text[]
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return case p_entity
        when 'Invoice' then array['Income', 'Other Income']
        else array[
            'Bank', 'Other Current Asset', 'Fixed Asset', 'Other Asset', 'Credit Card',
            'Other Current Liability', 'Long Term Liability', 'Equity', 'Income',
            'Cost of Goods Sold', 'Expense', 'Other Income', 'Other Expense'
        ]
    end;
end
$$;

revoke all on function private.quickbooks_line_account_types(text) from public;

grant execute on function private.quickbooks_line_account_types(text) to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_payment_accounts.sql

-- QuickBooks client action payment_account_categories: for a payment method, the
-- QuickBooks Purchase.PaymentType, the account types and subtypes a payment may come from,
-- and (given a project) the project's cached active accounts of those types, preferred
-- subtypes first, for a dropdown.
--   params: {"payment_method": "Cash" | "Check" | "Bank Transfer" | "Debit Card" |
--            "Credit Card", "project_id": optional uuid}
--   data:   payment_method, payment_type, account_types, account_sub_types,
--           preferred_sub_types, accounts [{external_id, name, code, account_type,
--           account_sub_type, currency, internal_codes}] (empty without a project)
-- The project's cached active accounts of the rule's types, preferred subtypes first, with
-- the internal codes mapped to each. Security definer: reads without RLS once the caller
-- may read the project (private.caller_can_read_project); [] otherwise.
create function private.quickbooks_payment_accounts(p_project_id uuid, p_rule jsonb)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
begin
    if not private.caller_can_read_project(p_project_id) then
        return '[]'::jsonb;
    end if;
    v_integration := private.quickbooks_integration(p_project_id);
    return (
        select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
            'external_id', r.external_id,
            'name', r.name,
            'code', r.code,
            'account_type', r.data ->> 'AccountType',
            'account_sub_type', r.data ->> 'AccountSubType',
            'currency', r.data ->> 'CurrencyRef',
            'internal_codes', array(
                select m.internal_id
                from public.integration_entity_mappings as m
                where m.project_integration_id = v_integration.id and m.entity_type = 'account'
                    and m.external_id = r.external_id
            )
        ) order by coalesce(p.ordinality, 1000), r.name, r.external_id), '[]')
        from public.integration_reference_data as r
        left join pg_catalog.jsonb_array_elements_text(p_rule -> 'preferred_sub_types')
            with ordinality as p (sub_type, ordinality)
            on r.data ->> 'AccountSubType' = p.sub_type
        where r.project_integration_id = v_integration.id
            and r.provider_id = v_integration.provider_id
            and r.kind = 'account'
            and r.is_active
            and p_rule -> 'account_types' ? (r.data ->> 'AccountType')
    );
end
$$;

revoke all on function private.quickbooks_payment_accounts(uuid, jsonb) from public;

grant execute on function private.quickbooks_payment_accounts(uuid, jsonb) to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_payment_errors.sql

-- The payment side of a Purchase: a payment method, and a payment account mapped to an
-- active cached account of a type the method allows.
create function private.quickbooks_payment_errors(
    p_integration public.project_integrations, p_transaction public.transactions
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
    return (
        with account as (
            select
                m.external_id,
                r.id is not null as cached,
                r.is_active,
                r.name,
                r.data ->> 'AccountType' as account_type
            from (select 1) as one
            left join public.integration_entity_mappings as m
                on m.project_integration_id = p_integration.id and m.entity_type = 'account'
                and m.internal_id = p_transaction.payment_account_code
            left join public.integration_reference_data as r
                on r.project_integration_id = p_integration.id and r.provider_id = p_integration.provider_id
                and r.kind = 'account' and r.external_id = m.external_id
        )

        select case
            when p_transaction.payment_method is null then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_method_missing', 'payment_method', 'An expense needs a payment method'))
            when p_transaction.payment_account_code is null then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_account_missing', 'payment_account_code', 'An expense needs the account it was paid from'))
            when a.external_id is null then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_account_unmapped', 'payment_account_code', format(
                    'Payment account %s is not mapped to a QuickBooks account', p_transaction.payment_account_code)))
            when not a.cached then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_account_not_found', 'payment_account_code', format(
                    'Payment account %s maps to QuickBooks account %s, which is not in the cached chart of accounts',
                    p_transaction.payment_account_code, a.external_id)))
            when not a.is_active then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_account_inactive', 'payment_account_code', format(
                    'QuickBooks account "%s" is inactive', a.name)))
            when not coalesce(
                private.quickbooks_payment_method(p_transaction.payment_method) -> 'account_types'
                ? a.account_type, false
            ) then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_account_wrong_type', 'payment_account_code', format(
                    'A %s payment must come from a %s account; "%s" is a %s account',
                    p_transaction.payment_method,
                    private.filter_value_text(
                        private.quickbooks_payment_method(p_transaction.payment_method) -> 'account_types'
                    ),
                    a.name, coalesce(a.account_type, 'untyped'))))
            else '[]'::jsonb
        end
        from account as a
    );
end
$$;

revoke all on function private.quickbooks_payment_errors(public.project_integrations, public.transactions)
from public;

grant execute on function private.quickbooks_payment_errors(public.project_integrations, public.transactions)
to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_payment_method.sql

-- QuickBooks Online's own rules, as data the QuickBooks client actions share.
-- Sources: Intuit's v3 XSDs (specs/quickbooks-online/intuit-xsd: AccountTypeEnum,
-- AccountSubTypeEnum, Purchase.AccountRef "Check should have bank account, CreditCard should
-- specify credit card account", field lengths) and the API reference (DisplayName: at most
-- 500 characters, unique across Customer, Vendor and Employee, no colon, tab or new line).
--
-- What Plugboard caches (the contract with the qb_company_info / qb_chart_of_accounts /
-- qb_tax_codes / qb_classes server actions):
--   project_integrations.settings: home_currency ("GBP"), multicurrency_enabled (bool),
--     uses_tax (bool: the company tracks VAT / sales tax on purchases), book_close_date
--     ("YYYY-MM-DD", when the books are closed);
--   integration_reference_data kinds: account (data.AccountType, data.AccountSubType,
--     data.Classification, data.CurrencyRef), tax_code, class, currency (code = ISO code).
--   integration_entity_mappings entity types: account / tax_code / class (internal code ->
--     QuickBooks Id), vendor / customer (relationship id), transaction (transaction id).
/** --- Payment methods -> Purchase.PaymentType and the accounts a payment may come from --- */

create function private.quickbooks_payment_method(p_method text)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case p_method
            when 'Cash' then
                '{"payment_type": "Cash", "account_types": ["Bank"], "preferred_sub_types": ["CashOnHand"]}'
            when 'Check' then
                '{"payment_type": "Check", "account_types": ["Bank"], "preferred_sub_types": ["Checking"]}'
            when 'Bank Transfer' then
                '{"payment_type": "Cash", "account_types": ["Bank"],'
                ' "preferred_sub_types": ["Checking", "Savings", "MoneyMarket", "CashAndCashEquivalents"]}'
            when 'Debit Card' then
                '{"payment_type": "Cash", "account_types": ["Bank"], "preferred_sub_types": ["Checking"]}'
            when 'Credit Card' then
                '{"payment_type": "CreditCard", "account_types": ["Credit Card"], "preferred_sub_types": ["CreditCard"]}'
        end::jsonb
    );
end
$$;

revoke all on function private.quickbooks_payment_method(text) from public;

grant execute on function private.quickbooks_payment_method(text) to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_receive_changes.sql

create function private.quickbooks_receive_changes(p_realm_id text, p_events jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_received integer;
    v_new jsonb;
    v_log_ids uuid [];
begin
    v_received := pg_catalog.jsonb_array_length(p_events);
    with fresh as (
        insert into private.quickbooks_change_events (event_key, realm_id)
        select distinct
            pg_catalog.concat_ws('|', p_realm_id, e.value ->> 'entity', e.value ->> 'id', e.value ->> 'time'),
            p_realm_id
        from pg_catalog.jsonb_array_elements(p_events) as e
        on conflict (event_key) do nothing
        returning event_key
    )

    select coalesce(pg_catalog.jsonb_agg(e.value), '[]') into v_new
    from pg_catalog.jsonb_array_elements(p_events) as e
    where pg_catalog.concat_ws('|', p_realm_id, e.value ->> 'entity', e.value ->> 'id', e.value ->> 'time')
    in (select f.event_key from fresh as f);

    v_log_ids := array(
        select pg_catalog.unnest(private.enqueue_realtime(
            pi.id, c.entity_type, c.ids, pg_catalog.jsonb_build_object('source', 'quickbooks', 'events', c.events)
        ))
        from public.project_integrations as pi
        inner join public.integration_providers as p on pi.provider_id = p.id and p.key = 'quickbooks'
        cross join lateral (
            select
                private.quickbooks_entity_type(e.value ->> 'entity') as entity_type,
                array(select distinct i from pg_catalog.unnest(pg_catalog.array_agg(e.value ->> 'id')) as i) as ids,
                pg_catalog.jsonb_agg(e.value) as events
            from pg_catalog.jsonb_array_elements(v_new) as e
            where private.quickbooks_entity_type(e.value ->> 'entity') is not null
            group by 1
        ) as c
        where pi.external_account_id = p_realm_id and pi.is_enabled and pi.status = 'Connected'
    );
    delete from private.quickbooks_change_events as k where k.received_at < now() - interval '30 days';
    return pg_catalog.jsonb_build_object(
        'received', v_received,
        'duplicates', v_received - pg_catalog.jsonb_array_length(v_new),
        'log_ids', pg_catalog.to_jsonb(v_log_ids)
    );
end
$$;

comment on function private.quickbooks_receive_changes(text, jsonb) is
'Takes in QuickBooks change events of one realm (webhooks, CDC): repeats ignored, new ones '
'queue realtime runs. Returns {received, duplicates, log_ids}. service_role only.';

revoke all on function private.quickbooks_receive_changes(text, jsonb) from public;

grant execute on function private.quickbooks_receive_changes(text, jsonb) to service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_target_entity.sql

/** --- Which QuickBooks entity a feature creates, and the accounts its lines may use --- */

create function private.quickbooks_target_entity(p_feature_key text)
returns text
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case p_feature_key
            when 'expenses' then 'Purchase'
            when 'bills' then 'Bill'
            when 'invoices' then 'Invoice'
            when 'vendors' then 'Vendor'
            when 'customers' then 'Customer'
        end
    );
end
$$;

revoke all on function private.quickbooks_target_entity(text) from public;

grant execute on function private.quickbooks_target_entity(text) to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_transaction_line_errors.sql

-- QuickBooks client action validate_transaction_send_to: may this transaction be pushed?
--   params: {"transaction_id": uuid, "feature": optional, the feature that would push it}
--   data:   transaction_id, feature (the enabled feature covering it), quickbooks_entity
--           (Purchase | Bill | Invoice), line_count, total_amount
-- Checks: integration there, on and connected; status Approved; a feature whose filter
-- takes the type and direction (Expense -> Purchase, inbound Invoice / Payroll Invoice /
-- Reimbursement -> Bill, outbound Invoice -> Invoice), switched on; the relationship
-- mapped or mappable (required for Bill and Invoice); every line with an amount and an
-- account mapped to an active cached account of a type the line may post to; tax codes
-- mapped where the company tracks tax; classes mapped; subtotal, tax and total consistent;
-- for a Purchase a payment method and a payment account of a type that method allows;
-- dates outside a closed period; a currency the company takes; QuickBooks field lengths.
-- Lines are checked in one set-based query (cost per line stays flat; bench/client_actions.py).
create function private.quickbooks_transaction_line_errors(
    p_integration public.project_integrations, p_transaction_id uuid, p_entity text
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_integration_id uuid := p_integration.id;
    v_provider_id uuid := p_integration.provider_id;
    v_account_types text [] := private.quickbooks_line_account_types(p_entity);
    v_uses_tax boolean := p_integration.settings -> 'uses_tax' = 'true'::jsonb;
begin
    return (
        with codes as (
            -- every account, tax code and class the lines use, once
            select distinct
                k.kind,
                k.code
            from public.transaction_lines as l
            cross join lateral (
                values ('account', l.account_code), ('tax_code', l.tax_code), ('class', l.class_code)
            ) as k (kind, code)
            where l.transaction_id = p_transaction_id and k.code is not null
        ),

        cache as (
            -- each code's mapping and the cached QuickBooks record it points at
            select
                c.kind,
                c.code,
                m.external_id,
                r.id is not null as cached,
                r.is_active,
                r.name,
                r.data ->> 'AccountType' as account_type
            from codes as c
            inner join public.integration_entity_mappings as m
                on m.project_integration_id = v_integration_id and m.entity_type = c.kind
                and m.internal_id = c.code
            left join public.integration_reference_data as r
                on r.project_integration_id = v_integration_id and r.provider_id = v_provider_id
                and r.kind = c.kind and r.external_id = m.external_id
        ),

        lines as (
            select
                l.*,
                'Line ' || l.line_number as label,
                'lines[' || l.line_number || '].' as field,
                account.external_id as account_id,
                account.cached as account_cached,
                account.is_active as account_active,
                account.name as account_name,
                account.account_type,
                tax.external_id as tax_code_id,
                tax.cached as tax_code_cached,
                tax.is_active as tax_code_active,
                class.external_id as class_id,
                class.cached as class_cached,
                class.is_active as class_active
            from public.transaction_lines as l
            left join cache as account on account.kind = 'account' and l.account_code = account.code
            left join cache as tax on tax.kind = 'tax_code' and l.tax_code = tax.code
            left join cache as class on class.kind = 'class' and l.class_code = class.code
            where l.transaction_id = p_transaction_id
        ),

        errors as (
            select
                l.line_number,
                e.ordinality,
                e.error
            from lines as l
            cross join lateral (
                values
                (1, case when l.amount is null then private.client_action_error(
                    'line_amount_missing', l.field || 'amount', l.label || ' has no amount') end),
                (2, case when l.quantity is not null and l.unit_amount is not null
                    and pg_catalog.round(l.quantity * l.unit_amount, 2) <> l.amount then private.client_action_error(
                        'line_amount_mismatch', l.field || 'amount', format(
                            '%s: %s x %s is %s, not the line amount %s', l.label, l.quantity, l.unit_amount,
                            pg_catalog.round(l.quantity * l.unit_amount, 2), l.amount)) end),
                (3, case
                    when l.account_code is null then private.client_action_error(
                        'line_account_missing', l.field || 'account_code', l.label || ' has no account')
                    when l.account_id is null then private.client_action_error(
                        'line_account_unmapped', l.field || 'account_code', format(
                            '%s has no account mapping (account %s is not mapped to a QuickBooks account)',
                            l.label, l.account_code))
                    when not l.account_cached then private.client_action_error(
                        'line_account_not_found', l.field || 'account_code', format(
                            '%s: account %s maps to QuickBooks account %s, which is not in the cached chart '
                            || 'of accounts; sync the chart of accounts', l.label, l.account_code, l.account_id))
                    when not l.account_active then private.client_action_error(
                        'line_account_inactive', l.field || 'account_code', format(
                            '%s: QuickBooks account "%s" is inactive', l.label, l.account_name))
                    when not coalesce(l.account_type = any (v_account_types), false)
                        then private.client_action_error(
                            'line_account_wrong_type', l.field || 'account_code', format(
                                '%s: a %s line cannot post to "%s" (a %s account)', l.label, p_entity,
                                l.account_name, coalesce(l.account_type, 'untyped')))
                end),
                (4, case
                    when not coalesce(v_uses_tax, false) then
                        case when coalesce(l.tax_amount, 0) <> 0 then private.client_action_error(
                            'line_tax_not_tracked', l.field || 'tax_amount', format(
                                '%s has tax of %s, but the QuickBooks company does not track tax',
                                l.label, l.tax_amount)) end
                    when l.tax_code is null then private.client_action_error(
                        'line_tax_code_missing', l.field || 'tax_code', format(
                            '%s has no tax code; the QuickBooks company tracks tax', l.label))
                    when l.tax_code_id is null then private.client_action_error(
                        'line_tax_code_unmapped', l.field || 'tax_code', format(
                            '%s has no tax code mapping (tax code %s is not mapped to QuickBooks)', l.label, l.tax_code))
                    when not l.tax_code_cached then private.client_action_error(
                        'line_tax_code_not_found', l.field || 'tax_code', format(
                            '%s: tax code %s maps to QuickBooks tax code %s, which is not cached; sync tax codes',
                            l.label, l.tax_code, l.tax_code_id))
                    when not l.tax_code_active then private.client_action_error(
                        'line_tax_code_inactive', l.field || 'tax_code', format(
                            '%s: QuickBooks tax code %s is inactive', l.label, l.tax_code_id))
                end),
                (5, case
                    when l.class_code is null then null
                    when l.class_id is null then private.client_action_error(
                        'line_class_unmapped', l.field || 'class_code', format(
                            '%s has no class mapping (class %s is not mapped to QuickBooks)', l.label, l.class_code))
                    when not l.class_cached then private.client_action_error(
                        'line_class_not_found', l.field || 'class_code', format(
                            '%s: class %s maps to QuickBooks class %s, which is not cached; sync classes',
                            l.label, l.class_code, l.class_id))
                    when not l.class_active then private.client_action_error(
                        'line_class_inactive', l.field || 'class_code', format(
                            '%s: QuickBooks class %s is inactive', l.label, l.class_id))
                end),
                (6, case when pg_catalog.length(l.description) > 4000 then private.client_action_error(
                    'too_long', l.field || 'description', format(
                        '%s: the description is %s characters; QuickBooks allows at most 4000',
                        l.label, pg_catalog.length(l.description))) end)
            ) as e (ordinality, error)
            where e.error is not null
        )

        select coalesce(pg_catalog.jsonb_agg(
            e.error || pg_catalog.jsonb_build_object('line', e.line_number) order by e.line_number, e.ordinality
        ), '[]')
        from errors as e
    );
end
$$;

revoke all on function private.quickbooks_transaction_line_errors(public.project_integrations, uuid, text)
from public;

grant execute on function private.quickbooks_transaction_line_errors(public.project_integrations, uuid, text)
to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_validate_relationship.sql

-- QuickBooks client action validate_relationship_send_to: may this relationship be sent
-- as a Vendor (feature vendors) or a Customer (feature customers)?
--   params: {"relationship_id": uuid, "feature": "vendors" | "customers"}
--   data:   relationship_id, feature, quickbooks_entity, sync_state (new | changed |
--           unchanged: mapped and not edited since the last sync), external_id
-- Checks: the integration is there, on and connected; the feature is on and its filter
-- takes the relationship (entity type, role); the relationship is active; DisplayName rules
-- and uniqueness among the names already mapped (QuickBooks names are unique across
-- vendors and customers, case-insensitively); e-mail, phone, website formats; QuickBooks
-- field lengths; a currency the company takes.
-- The check itself: security definer, reads without RLS once the caller may read the
-- relationship's project (private.caller_can_read_project, the select policies' rule).
create function private.quickbooks_validate_relationship(p_id uuid, p_feature public.integration_features)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_relationship public.project_relationships;
    v_integration public.project_integrations;
    v_state public.v_project_integration_features;
    v_mapping public.integration_entity_mappings;
    v_key text;
    v_clash text;
    v_digits integer;
    v_errors jsonb := '[]'::jsonb;
begin
    select r.* into v_relationship
    from public.project_relationships as r
    where r.id = p_id and private.caller_can_read_project(r.project_id);
    if not found then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'not_found', 'relationship_id', 'No such relationship in a project you belong to'
        )), null);
    end if;

    v_integration := private.quickbooks_integration(v_relationship.project_id);
    v_errors := private.integration_state_errors(v_integration, 'QuickBooks');
    if v_integration.id is not null then
        select s.* into v_state
        from public.v_project_integration_features as s
        where s.project_integration_id = v_integration.id and s.feature_id = p_feature.id;
        if not v_state.is_enabled then
            v_errors := v_errors || private.client_action_error('feature_disabled', 'feature',
                format('%s is switched off for this project', p_feature.name));
        end if;
        foreach v_key in array private.filter_mismatches(
            v_state.trigger_config -> 'filter', pg_catalog.to_jsonb(v_relationship), '{}'
        ) loop
            v_errors := v_errors || private.client_action_error('not_covered_by_feature', v_key, format(
                '%s takes relationships whose %s is %s; this one''s is %s', p_feature.name,
                pg_catalog.replace(v_key, '_', ' '),
                private.filter_value_text(v_state.trigger_config -> 'filter' -> v_key),
                coalesce(pg_catalog.to_jsonb(v_relationship) ->> v_key, 'empty')));
        end loop;
    end if;

    if v_relationship.status <> 'Active' then
        v_errors := v_errors || private.client_action_error('inactive', 'status', format(
            'Only active relationships can be sent; this one is %s', v_relationship.status));
    end if;

    v_errors := v_errors || private.quickbooks_display_name_errors('display_name', v_relationship.display_name);
    if v_integration.id is not null then
        select m.entity_type into v_clash
        from public.project_relationships as r
        inner join public.integration_entity_mappings as m
            on m.project_integration_id = v_integration.id and m.internal_id = r.id::text
        inner join public.integration_features as f
            on f.provider_id = v_integration.provider_id and f.entity_type = m.entity_type
            and f.validation_action = 'validate_relationship_send_to'
        where r.project_id = v_relationship.project_id
            and pg_catalog.lower(pg_catalog.btrim(r.display_name))
            = pg_catalog.lower(pg_catalog.btrim(v_relationship.display_name))
            and not (r.id = v_relationship.id and m.entity_type = p_feature.entity_type)
        limit 1;
        if v_clash is not null then
            v_errors := v_errors || private.client_action_error('duplicate_display_name', 'display_name', format(
                'QuickBooks already has a %s named "%s"; vendors and customers need different display names',
                v_clash, v_relationship.display_name));
        end if;
    end if;

    if v_relationship.email is not null and v_relationship.email !~ (
        '^[A-Za-z0-9.!#$%&''*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
        || '(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$'
    ) then
        v_errors := v_errors || private.client_action_error('invalid_format', 'email', format(
            '"%s" is not an e-mail address QuickBooks accepts (name@example.com)', v_relationship.email));
    end if;
    if v_relationship.phone is not null then
        v_digits := pg_catalog.length(pg_catalog.regexp_replace(
            pg_catalog.regexp_replace(v_relationship.phone, '\s*(x|ext\.?)\s*[0-9]+$', '', 'i'), '[^0-9]', '', 'g'
        ));
        if v_relationship.phone !~* '^\+?[0-9(][0-9 ().-]*[0-9]( ?(x|ext\.?) ?[0-9]{1,6})?$'
            or v_digits not between 6 and 15 then
            v_errors := v_errors || private.client_action_error('invalid_format', 'phone', format(
                '"%s" is not a phone number (digits, spaces, + ( ) - ., an optional extension)',
                v_relationship.phone));
        end if;
    end if;
    if v_relationship.website is not null
        and v_relationship.website !~* '^(https?://)?[a-z0-9-]+(\.[a-z0-9-]+)+(:[0-9]{1,5})?([/?#]\S*)?$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'website', format(
            '"%s" is not a web address (example.com or https://example.com/page)', v_relationship.website));
    end if;
    v_errors := v_errors || private.client_action_length_errors(
        pg_catalog.to_jsonb(v_relationship),
        '{"legal_name": 100, "email": 100, "phone": 21, "website": 1000, "address_line1": 500,
          "address_line2": 500, "city": 255, "region": 255, "postal_code": 30}',
        'QuickBooks'
    );
    v_errors := v_errors || private.quickbooks_currency_errors(
        v_integration, 'currency_code', v_relationship.currency_code
    );

    select m.* into v_mapping
    from public.integration_entity_mappings as m
    where m.project_integration_id = v_integration.id
        and m.entity_type = p_feature.entity_type and m.internal_id = p_id::text;
    return private.client_action_result(v_errors, pg_catalog.jsonb_build_object(
        'relationship_id', p_id,
        'feature', p_feature.key,
        'quickbooks_entity', private.quickbooks_target_entity(p_feature.key),
        'external_id', v_mapping.external_id,
        'sync_state', case
            when v_mapping.id is null then 'new'
            when v_mapping.is_stale or v_mapping.last_synced_at is null
                or v_relationship.updated_at > v_mapping.last_synced_at then 'changed'
            else 'unchanged'
        end
    ));
end
$$;

revoke all on function private.quickbooks_validate_relationship(uuid, public.integration_features) from public;

grant execute on function private.quickbooks_validate_relationship(uuid, public.integration_features)
to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/private.quickbooks_validate_transaction.sql

-- The check itself: security definer, reads without RLS once the caller may read the
-- transaction's project (private.caller_can_read_project, the select policies' rule).
create function private.quickbooks_validate_transaction(p_id uuid, p_wanted_feature text)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_transaction public.transactions;
    v_integration public.project_integrations;
    v_feature record;
    v_entity text;
    v_line_count integer;
    v_sum numeric;
    v_tax numeric;
    v_close date;
    v_errors jsonb;
begin
    select t.* into v_transaction
    from public.transactions as t
    where t.id = p_id and private.caller_can_read_project(t.project_id);
    if not found then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'not_found', 'transaction_id', 'No such transaction in a project you belong to'
        )), null);
    end if;

    v_integration := private.quickbooks_integration(v_transaction.project_id);
    v_errors := private.integration_state_errors(v_integration, 'QuickBooks');
    if v_transaction.status <> 'Approved' then
        v_errors := v_errors || private.client_action_error('status_not_approved', 'status', format(
            'Only approved transactions can be sent; this one is %s', v_transaction.status));
    end if;
    if v_integration.id is null then
        return private.client_action_result(v_errors, pg_catalog.jsonb_build_object('transaction_id', p_id));
    end if;

    -- the feature that pushes it: filter matched on everything but status (reported above)
    select s.feature_key, s.feature_name, s.is_enabled into v_feature
    from public.v_project_integration_features as s
    inner join public.integration_features as f on s.feature_id = f.id
    where s.project_integration_id = v_integration.id
        and f.validation_action = 'validate_transaction_send_to'
        and s.sync_direction <> 'inbound'
        and s.trigger_config ->> 'entity' = 'transactions'
        and pg_catalog.cardinality(private.filter_mismatches(
            s.trigger_config -> 'filter', pg_catalog.to_jsonb(v_transaction), array['status']
        )) = 0
    order by s.is_enabled desc, f.sort_order
    limit 1;
    if not found then
        v_errors := v_errors || private.client_action_error('no_feature_covers', 'transaction_type', format(
            'QuickBooks has no feature that sends %s %s transactions', v_transaction.transaction_direction,
            v_transaction.transaction_type));
        return private.client_action_result(v_errors, pg_catalog.jsonb_build_object('transaction_id', p_id));
    end if;
    if p_wanted_feature is not null and p_wanted_feature <> v_feature.feature_key then
        v_errors := v_errors || private.client_action_error('not_covered_by_feature', 'feature', format(
            '%s %s transactions go through %s, not %s', v_transaction.transaction_direction,
            v_transaction.transaction_type, v_feature.feature_name, p_wanted_feature));
    end if;
    if not v_feature.is_enabled then
        v_errors := v_errors || private.client_action_error('feature_disabled', 'feature', format(
            '%s is switched off for this project', v_feature.feature_name));
    end if;
    v_entity := private.quickbooks_target_entity(v_feature.feature_key);

    v_errors := v_errors || private.quickbooks_counterparty_errors(v_integration, v_transaction, v_entity);
    if v_entity = 'Purchase' then
        v_errors := v_errors || private.quickbooks_payment_errors(v_integration, v_transaction);
    end if;

    select pg_catalog.count(*)::integer, pg_catalog.sum(l.amount), pg_catalog.sum(coalesce(l.tax_amount, 0))
    into v_line_count, v_sum, v_tax
    from public.transaction_lines as l
    where l.transaction_id = p_id;
    if v_line_count = 0 then
        v_errors := v_errors || private.client_action_error('no_lines', 'lines', 'The transaction has no lines');
    else
        v_errors := v_errors || private.quickbooks_transaction_line_errors(v_integration, p_id, v_entity);
        if v_transaction.subtotal_amount is not null and v_sum is not null
            and v_transaction.subtotal_amount <> v_sum then
            v_errors := v_errors || private.client_action_error('subtotal_mismatch', 'subtotal_amount', format(
                'The lines add up to %s, but the subtotal is %s', v_sum, v_transaction.subtotal_amount));
        end if;
        if v_transaction.tax_amount is not null and v_transaction.tax_amount <> v_tax then
            v_errors := v_errors || private.client_action_error('tax_total_mismatch', 'tax_amount', format(
                'The lines'' tax adds up to %s, but the tax amount is %s', v_tax, v_transaction.tax_amount));
        end if;
    end if;
    if v_transaction.total_amount is null then
        v_errors := v_errors || private.client_action_error('total_missing', 'total_amount', 'The transaction has no total');
    elsif v_transaction.total_amount < 0 then
        v_errors := v_errors || private.client_action_error('negative_total', 'total_amount', format(
            'The total is %s; QuickBooks takes a %s of zero or more (record a credit instead)',
            v_transaction.total_amount, v_entity));
    elsif v_sum is not null and v_transaction.total_amount
        <> coalesce(v_transaction.subtotal_amount, v_sum) + coalesce(v_transaction.tax_amount, v_tax) then
        v_errors := v_errors || private.client_action_error('total_mismatch', 'total_amount', format(
            'The total is %s, but subtotal %s plus tax %s is %s', v_transaction.total_amount,
            coalesce(v_transaction.subtotal_amount, v_sum), coalesce(v_transaction.tax_amount, v_tax),
            coalesce(v_transaction.subtotal_amount, v_sum) + coalesce(v_transaction.tax_amount, v_tax)));
    end if;

    v_close := private.quickbooks_book_close_date(v_integration);
    if v_transaction.transaction_date <= v_close then
        v_errors := v_errors || private.client_action_error('date_in_closed_period', 'transaction_date', format(
            'The QuickBooks books are closed to %s; the transaction is dated %s', v_close,
            v_transaction.transaction_date));
    end if;
    v_errors := v_errors || private.quickbooks_currency_errors(
        v_integration, 'currency_code', v_transaction.currency_code
    );
    if v_transaction.relationship_id is not null and exists (
        select
        from public.project_relationships as r
        where r.id = v_transaction.relationship_id and r.currency_code <> v_transaction.currency_code
    ) then
        v_errors := v_errors || private.client_action_error('currency_mismatch', 'currency_code', format(
            'The transaction is in %s, but its %s deals in another currency; QuickBooks needs them to match',
            v_transaction.currency_code, case v_entity when 'Invoice' then 'customer' else 'supplier' end));
    end if;
    v_errors := v_errors || private.client_action_length_errors(
        pg_catalog.jsonb_build_object('reference', v_transaction.reference, 'description', v_transaction.description),
        '{"reference": 21, "description": 4000}',
        'QuickBooks'
    );

    return private.client_action_result(v_errors, pg_catalog.jsonb_build_object(
        'transaction_id', p_id,
        'feature', v_feature.feature_key,
        'quickbooks_entity', v_entity,
        'line_count', v_line_count,
        'total_amount', v_transaction.total_amount
    ));
end
$$;

revoke all on function private.quickbooks_validate_transaction(uuid, text) from public;

grant execute on function private.quickbooks_validate_transaction(uuid, text) to authenticated, service_role;

-- supabase/schemas/providers/quickbooks/functions/public.quickbooks_set_book_close_date.sql

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

-- supabase/schemas/providers/quickbooks/cron.sql

-- CDC polling, the fallback for missed QuickBooks webhooks: every five minutes each
-- connected QuickBooks integration with a realtime feature gets one qb_cdc_poll run (a
-- waiting one is not queued twice), which asks QuickBooks' change data capture what
-- changed since its cursor and feeds the changes to private.quickbooks_receive_changes
-- (repeats of webhook events are ignored there). Scheduled only where pg_cron is
-- installed; elsewhere call private.enqueue_quickbooks_cdc_polls() from any scheduler.

do $$
begin
    if pg_catalog.to_regnamespace('cron') is null then
        raise notice 'no pg_cron here: call private.enqueue_quickbooks_cdc_polls() from a scheduler';
        return;
    end if;
    perform cron.unschedule(j.jobid) from cron.job as j where j.jobname = 'plugboard_quickbooks_cdc';
    perform cron.schedule(
        'plugboard_quickbooks_cdc', '*/5 * * * *', 'select private.enqueue_quickbooks_cdc_polls()'
    );
end
$$;
