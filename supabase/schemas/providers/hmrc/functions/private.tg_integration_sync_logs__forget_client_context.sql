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
