create trigger "10_set_updated_at"
before update on public.integration_providers
for each row execute function private.tg_set_updated_at();
