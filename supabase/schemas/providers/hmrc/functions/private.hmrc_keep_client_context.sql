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
