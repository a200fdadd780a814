-- Validates one feature of a provider's description (at p_path): its fields, its default
-- trigger config (PB400, as the table's own check says it, with the feature's path), its
-- server action one of server_actions, its validation action one of client_actions.
-- Returns its key.
create function private.registration_check_feature(
    p_feature jsonb, p_path text, p_server_actions text[], p_client_actions text[]
)
returns text
language plpgsql stable
set search_path = ''
as $$
declare
    v_error text;
begin
    perform private.registration_check_fields(p_feature, p_path, '{
        "key": "string!", "name": "string!", "description": "string",
        "default_trigger": "string!", "default_trigger_config": "object!",
        "sync_direction": "string!", "entity_type": "string!",
        "server_action": "string|null", "validation_action": "string|null",
        "is_active": "boolean", "sort_order": "number", "needs_browser_values": "boolean"
    }');
    perform private.registration_enum_label(
        p_feature ->> 'default_trigger', p_path || '.default_trigger', 'public.sync_trigger_type'
    );
    perform private.registration_enum_label(
        p_feature ->> 'sync_direction', p_path || '.sync_direction', 'public.sync_direction'
    );
    perform private.registration_integer(p_feature -> 'sort_order', p_path || '.sort_order', 0);
    v_error := private.trigger_config_error(
        (p_feature ->> 'default_trigger')::public.sync_trigger_type, p_feature -> 'default_trigger_config'
    );
    if v_error is not null then
        raise exception using errcode = 'PB400', message = p_path || '.default_' || v_error;
    end if;
    if p_feature ->> 'server_action' is not null and p_feature ->> 'server_action' <> all (p_server_actions) then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s.server_action: "%s" is not one of the provider''s server_actions',
                p_path, private.input_excerpt(p_feature ->> 'server_action')),
            hint = 'add it to server_actions (and register it in the provider''s processor)';
    end if;
    if p_feature ->> 'validation_action' is not null and p_feature ->> 'validation_action' <> all (p_client_actions) then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s.validation_action: "%s" is not one of the provider''s client_actions',
                p_path, private.input_excerpt(p_feature ->> 'validation_action')),
            hint = 'add it to client_actions (and define its SQL function)';
    end if;
    return private.registration_key(p_feature ->> 'key', p_path || '.key');
end
$$;

revoke all on function private.registration_check_feature(jsonb, text, text[], text[]) from public;
