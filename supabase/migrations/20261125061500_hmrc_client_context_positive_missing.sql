-- private.client_context_positive (used by validate_client_context, 20261125050600) said
-- null -- not false -- for a missing member, so a screen without colour_depth or a window
-- size without height passed as valid and the gap would only show at HMRC. A missing or
-- non-numeric member is now false: reported as invalid_format, never filled in.

create or replace function private.client_context_positive(p_value jsonb)
returns boolean
language sql immutable parallel safe
set search_path = ''
as $$
    select case
        when pg_catalog.jsonb_typeof(p_value) = 'number' then (p_value #>> '{}')::numeric > 0
        else false
    end
$$;
