-- Permissions, the two built-in project roles and the Integrations menu. Data every
-- database needs, so a migration of idempotent upserts (not seed data).

insert into public.permissions (key, description) values
('project:manage', 'Edit the project and its members'),
('integration:manage', 'Enable/disable integrations, configure sync features'),
('integration:logs:view', 'View sync logs for all integrations in a project'),
('integration:sync:quickbooks', 'Trigger manual syncs for QuickBooks'),
('integration:sync:companies_house', 'Trigger manual syncs for Companies House'),
('integration:sync:hmrc', 'Trigger manual syncs for HMRC')
on conflict (key) do update set description = excluded.description;

insert into public.roles (key, name) values
('project:owner', 'Project owner'),
('project:member', 'Project member')
on conflict (key) do update set name = excluded.name;

-- Every permission is the owner's; members get none of these by default.
insert into public.role_permissions (role_id, permission_key)
select
    r.id,
    p.key
from public.roles as r
cross join public.permissions as p
where r.key = 'project:owner'
on conflict do nothing;

insert into public.menu_items (key, parent_key, label, icon, sort_order, permission_key, path)
values
('setup', null, 'Setup', 'Settings2', 90, null, '/setup'),
('setup.integrations', 'setup', 'Integrations', 'Plug', 35, null, '/setup/integrations'),
(
    'setup.integrations.configuration', 'setup.integrations', 'Configuration', 'Settings', 10,
    'integration:manage', '/setup/integrations/configuration'
),
(
    'setup.integrations.logs', 'setup.integrations', 'Logs', 'ScrollText', 20,
    'integration:logs:view', '/setup/integrations/logs'
)
on conflict (key) do update set
    parent_key = excluded.parent_key,
    label = excluded.label,
    icon = excluded.icon,
    sort_order = excluded.sort_order,
    permission_key = excluded.permission_key,
    path = excluded.path;

-- Whoever creates a project owns it.
create function private.tg_projects__add_owner()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    if new.created_by is not null then
        insert into public.project_members (project_id, user_id, role_id)
        select new.id, new.created_by, r.id from public.roles as r where r.key = 'project:owner'
        on conflict do nothing;
    end if;
    return null;
end
$$;

create trigger "10_add_owner"
after insert on public.projects
for each row execute function private.tg_projects__add_owner();

revoke all on function private.tg_projects__add_owner() from public;
