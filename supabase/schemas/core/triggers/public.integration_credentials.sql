create trigger "10_set_updated_at"
before update on public.integration_credentials
for each row execute function private.tg_set_updated_at();

create trigger "10_delete_secret"
after delete on public.integration_credentials
for each row execute function private.tg_integration_credentials__delete_secret();

create trigger "90_record_history"
after insert or delete on public.integration_credentials
for each row execute function private.tg_integration_credentials__record_history();
