-- What signed-in users may write, column by column. RLS decides which rows; these grants
-- decide which columns: a person with integration:manage switches integrations and
-- features and overrides triggers, but the connection state (status, account, expiry,
-- errors) and the engine's schedule state are written only by Plugboard itself. A person
-- switching an integration makes it theirs: the country trigger leaves it alone after.
-- Views are read-only for clients. Also indexes for the credential foreign keys.

revoke insert, update on public.project_integrations from authenticated;
grant insert (project_id, provider_id, is_enabled, settings)
on public.project_integrations to authenticated;
grant update (is_enabled, settings) on public.project_integrations to authenticated;

revoke insert, update on public.project_integration_features from authenticated;
grant insert (project_integration_id, feature_id, is_enabled, trigger_type, trigger_config)
on public.project_integration_features to authenticated;
grant update (is_enabled, trigger_type, trigger_config)
on public.project_integration_features to authenticated;

revoke insert, update, delete on public.v_project_integrations from authenticated;
revoke insert, update, delete on public.v_project_integration_features from authenticated;
revoke insert, update, delete on public.v_integration_sync_logs from authenticated;

-- A client (PostgREST's role) enabling or disabling an integration takes it out of the
-- country trigger's hands; the trigger itself runs as the function owner, so it doesn't.
create function private.tg_project_integrations__mark_manual()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    if current_user = 'authenticated' then
        new.enabled_by := 'manual';
    end if;
    return new;
end
$$;

create trigger "20_mark_manual"
before insert or update of is_enabled on public.project_integrations
for each row execute function private.tg_project_integrations__mark_manual();

revoke all on function private.tg_project_integrations__mark_manual() from public;

create index integration_credentials_project_integration_id_idx
on public.integration_credentials (project_integration_id);
create index integration_credentials_provider_id_idx
on public.integration_credentials (provider_id);
