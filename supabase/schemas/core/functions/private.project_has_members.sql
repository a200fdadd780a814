-- Two RLS corrections the RLS matrix (tests/sql/rls/) showed:
-- 1. A user who creates a project gets it back. The owner's membership is added by an
--    AFTER trigger, but an insert that returns the row (PostgREST's return=representation,
--    supabase-js .insert().select()) is checked against the SELECT policy before that
--    trigger runs, so creating a project failed with an RLS violation. The creator now also
--    sees a project of theirs that has no members yet (that is, while creating it); once it
--    has members, membership alone decides, so a creator removed from it no longer sees it.
-- 2. Clients disable project integrations (is_enabled = false) but no longer delete them:
--    a delete took the integration's sync logs (the audit trail) and its credential row
--    with it and left the secret behind in Vault. Deleting is for service_role.
create function private.project_has_members(p_project_id uuid)
returns boolean
language sql stable security definer
set search_path = ''
as $$
    select exists (select from public.project_members as m where m.project_id = p_project_id)
$$;

comment on function private.project_has_members(uuid) is
'True when the project has at least one member (projects_select lets a creator see a '
'project without members, i.e. the one they are creating).';

revoke all on function private.project_has_members(uuid) from public;

grant execute on function private.project_has_members(uuid) to authenticated, service_role;
