-- A global credential refused during any run: when a sync log of a provider whose
-- credential is global (the Companies House API key) ends failed with invalid_api_key,
-- the key is wrong for every project, so every integration of the provider moves to Error
-- with that reason (private.record_global_credential_test), as a failed
-- `plugboard credentials test-companies-house-key` does. The worker records a failed run
-- in its own transaction after rolling the action back; this keeps the connection status
-- truthful on that path too. Any other failure (an unknown company number, the provider
-- down) leaves the connection status as it is.
create function private.tg_integration_sync_logs__global_credential_refused()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    perform private.record_global_credential_test(p.key, false, new.error_code, new.error_message)
    from public.integration_providers as p
    where p.id = new.provider_id and p.credential_scope = 'global';
    return null;
end
$$;

revoke all on function private.tg_integration_sync_logs__global_credential_refused()
from public, anon, authenticated;
