-- A new integration of a provider whose global credential already passed a test starts
-- Connected. Security definer: clients insert integrations but may not read credentials.
create function private.tg_project_integrations__global_credential_status()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_verified_at timestamptz;
begin
    select c.verified_at into v_verified_at
    from public.integration_credentials as c
    where c.provider_id = new.provider_id and c.scope = 'global';
    if v_verified_at is not null then
        new.status := 'Connected';
        new.connected_at := v_verified_at;
    end if;
    return new;
end
$$;

revoke all on function private.tg_project_integrations__global_credential_status()
from public, anon, authenticated;
