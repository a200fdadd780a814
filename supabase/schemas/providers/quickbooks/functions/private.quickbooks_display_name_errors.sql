/** --- Names --- */

-- DisplayName rules: required, at most 500 characters, none of the characters QuickBooks
-- rejects (":" separates Parent:Child names; tab, line breaks and other control characters;
-- characters outside the Basic Multilingual Plane such as emoji fail with error 2040).
create function private.quickbooks_display_name_errors(p_field text, p_value text)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case
            when p_value is null or pg_catalog.btrim(p_value) = '' then pg_catalog.jsonb_build_array(
                private.client_action_error('required', p_field, 'A display name is required'))
            when pg_catalog.length(p_value) > 500 then pg_catalog.jsonb_build_array(
                private.client_action_error('too_long', p_field, format(
                    'Display name is %s characters; QuickBooks allows at most 500', pg_catalog.length(p_value))))
            when p_value ~ ':' then pg_catalog.jsonb_build_array(
                private.client_action_error('invalid_characters', p_field,
                    'Display name contains a colon (:), which QuickBooks reserves for Parent:Child names'))
            when p_value ~ '[\x01-\x1f\x7f]' then pg_catalog.jsonb_build_array(
                private.client_action_error('invalid_characters', p_field,
                    'Display name contains a tab, line break or other control character'))
            when p_value ~ '[\U00010000-\U0010FFFF]' then pg_catalog.jsonb_build_array(
                private.client_action_error('invalid_characters', p_field,
                    'Display name contains an emoji or another character QuickBooks cannot store'))
            else '[]'::jsonb
        end
    );
end
$$;

revoke all on function private.quickbooks_display_name_errors(text, text) from public;

grant execute on function private.quickbooks_display_name_errors(text, text) to authenticated, service_role;
