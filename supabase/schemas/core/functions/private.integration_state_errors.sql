/** --- The project's integration, as a client action sees it --- */

-- Errors that stop anything being sent through a provider: the project has no such
-- integration, it is disabled, or it is not connected.
create function private.integration_state_errors(
    p_integration public.project_integrations, p_provider_name text
)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case
            when p_integration.id is null then pg_catalog.jsonb_build_array(private.client_action_error(
                'integration_missing', 'project_id',
                format('This project has no %s integration', p_provider_name)))
            when not p_integration.is_enabled then pg_catalog.jsonb_build_array(private.client_action_error(
                'integration_disabled', 'project_id',
                format('%s is switched off for this project', p_provider_name)))
            when p_integration.status <> 'Connected' then pg_catalog.jsonb_build_array(private.client_action_error(
                'integration_not_connected', 'project_id',
                format('%s is not connected (status %s); connect it first', p_provider_name, p_integration.status)))
            else '[]'::jsonb
        end
    );
end
$$;

revoke all on function private.integration_state_errors(public.project_integrations, text) from public;

grant execute on function private.integration_state_errors(public.project_integrations, text)
to authenticated, service_role;
