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
