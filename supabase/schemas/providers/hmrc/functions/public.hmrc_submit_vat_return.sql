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
