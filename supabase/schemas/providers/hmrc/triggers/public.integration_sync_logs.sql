create trigger "50_forget_client_context"
after update of status on public.integration_sync_logs
for each row
when (new.status in ('success', 'partial_success', 'failed') and old.status is distinct from new.status)
execute function private.tg_integration_sync_logs__forget_client_context();
