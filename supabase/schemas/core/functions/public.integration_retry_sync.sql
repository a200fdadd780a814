-- integration_retry_sync(sync log): a person asks, from the Logs page, for a finished run
-- that did not fully succeed (failed or partial_success) to run again (issue #23). Returns
-- the new run's log id. Everything the new run does comes from the old log's row (its
-- integration, feature, action, entity and params), never from the caller: a pending
-- on_manual run, requested_by the caller, queued through private.enqueue_sync_run at the
-- priority of runs someone waits for, with details.retry_of = the old log's id. The old
-- log is only read.
-- A partial_success re-runs the same params, not only its failed records: the runs that
-- end partly done are whole-feature runs (their actions take no record list) and batch
-- runs. Re-pushing the records that were done is harmless: they are mapped, so they come
-- back unchanged or updated (exactly once). A batch run's chunk id is its request id, and
-- QuickBooks answers a repeated request id with its first answer: when every record of
-- the old run was answered (nothing left in details.progress.pending), the retry gets a
-- new chunk id, so records fixed since their refusal are sent again; when some were not
-- (an answer lost, attempts exhausted), it keeps the old one, whose replay says what
-- QuickBooks did with them (a new id could create them twice).
-- A second click while the retry waits or runs hands back that retry (details.retry_of),
-- and a run of the same work already waiting for a worker is handed back by the enqueue
-- path and becomes the retry; nothing is queued twice.
-- Refused: PB404 (no such log, or one of a project the caller does not belong to: the same
-- answer), PB403 (no integration:sync:<provider> in the log's project), PB409 (the run is
-- not failed or partial_success, the integration is off ("Turn … on") or not Connected
-- ("Reconnect …"), the run's feature is gone or off, or its feature needs the browser
-- values of the person who asks (the catalogue's needs_browser_values, HMRC's VAT calls):
-- submit it again from the app).
create function public.integration_retry_sync(p_sync_log_id uuid)
returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_log public.integration_sync_logs;
    v_integration public.project_integrations;
    v_provider public.integration_providers;
    v_feature public.integration_features;
    v_feature_on boolean;
    v_retry_id uuid;
    v_params jsonb;
begin
    select l.* into v_log from public.integration_sync_logs as l where l.id = p_sync_log_id;
    if not found or v_log.project_integration_id is null or not private.rpc_sees_project(v_log.project_id) then
        raise exception using errcode = 'PB404',
            message = format('no sync log %s in a project you belong to', coalesce(p_sync_log_id::text, 'null'));
    end if;
    v_integration := private.rpc_integration(v_log.project_integration_id, 'integration:sync:<provider>');
    -- two clicks at once: the second waits here for the first, then finds its retry
    perform from public.integration_sync_logs as l where l.id = v_log.id for update;

    if v_log.status not in ('failed', 'partial_success') then
        raise exception using errcode = 'PB409', message = format(
            'this run is %s: only a failed or partly successful run can be retried',
            case v_log.status when 'success' then 'a success' else 'not finished yet' end);
    end if;

    select l.id into v_retry_id
    from public.integration_sync_logs as l
    where l.project_id = v_log.project_id and l.status in ('pending', 'in_progress')
        and l.details ->> 'retry_of' = v_log.id::text
    order by l.created_at desc
    limit 1;
    if v_retry_id is not null then
        return v_retry_id;
    end if;

    select p.* into v_provider from public.integration_providers as p where p.id = v_integration.provider_id;
    if not v_integration.is_enabled then
        raise exception using errcode = 'PB409', message = format(
            '%s is switched off for this project. Turn %s on (Setup > Integrations), then retry',
            v_provider.name, v_provider.name);
    end if;
    if v_integration.status <> 'Connected' then
        raise exception using errcode = 'PB409', message = format(
            '%s is not connected (status %s). Reconnect %s (Setup > Integrations), then retry',
            v_provider.name, v_integration.status, v_provider.name);
    end if;

    select f.* into v_feature
    from public.integration_features as f
    where f.id = v_log.feature_id and f.is_active and v_log.action = any(v_provider.server_actions);
    if not found then
        raise exception using errcode = 'PB409', message = format(
            'this run (%s) is not a run of a feature %s offers now: start it again where it was started',
            v_log.action, v_provider.name);
    end if;
    select s.is_enabled into v_feature_on
    from public.v_project_integration_features as s
    where s.project_integration_id = v_integration.id and s.feature_id = v_feature.id;
    if not coalesce(v_feature_on, false) then
        raise exception using errcode = 'PB409', message = format(
            '%s is switched off for this project. Turn %s on (Setup > Integrations > Configuration), then retry',
            v_feature.name, v_feature.name);
    end if;
    if v_feature.needs_browser_values then
        raise exception using errcode = 'PB409', message = format(
            '%s cannot be retried from here: %s needs your browser''s details with each such call '
            || '(fraud-prevention headers). Submit it again from the app', v_feature.name, v_provider.name);
    end if;

    -- params never hold a secret; an HMRC client context older versions kept there is not copied
    v_params := coalesce(v_log.details -> 'params', '{}') - 'client_context';
    if v_params ? 'chunk'
        and coalesce(pg_catalog.jsonb_array_length(v_log.details -> 'progress' -> 'pending'), 0) = 0 then
        v_params := v_params || pg_catalog.jsonb_build_object('chunk', pg_catalog.gen_random_uuid());
    end if;
    v_retry_id := private.enqueue_sync_run(
        v_integration.id, v_feature.id, 'on_manual', v_log.action, v_log.entity_type, v_log.entity_id,
        v_params, (select private.caller_uid())
    );
    update public.integration_sync_logs as l
    set details = l.details || pg_catalog.jsonb_build_object('retry_of', v_log.id)
    where l.id = v_retry_id and not l.details ? 'retry_of';
    return v_retry_id;
end
$$;

comment on function public.integration_retry_sync(uuid) is
'Runs a failed or partly successful sync run again (on_manual, its params from the old log): the new '
'log''s id, or that of its retry already waiting or running. Needs integration:sync:<provider>. See docs/rpc.md.';

revoke all on function public.integration_retry_sync(uuid) from public, anon;

grant execute on function public.integration_retry_sync(uuid) to authenticated, service_role;
