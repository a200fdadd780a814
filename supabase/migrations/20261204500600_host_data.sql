-- Baseline (issue #19): Permissions, project roles and the Integrations menu.
-- The schema files below, in supabase/schemas/load_order.txt's order; a later change is a
-- new migration plus the edited schema file (docs/contributing.md).

-- supabase/schemas/core/data/host.sql

-- Permissions, the two built-in project roles and the Integrations menu: data every
-- database needs (not seed data), as idempotent upserts. Each provider's
-- integration:sync:<key> permission comes with its registration
-- (supabase/schemas/providers/<key>/registration.sql); the owner holds every permission by
-- rule (private.tg_grant_every_permission_to_owner).

insert into public.permissions (key, description) values
('project:manage', 'Edit the project and its members'),
('integration:manage', 'Enable/disable integrations, configure sync features'),
('integration:logs:view', 'View sync logs for all integrations in a project')
on conflict (key) do update set description = excluded.description;

insert into public.roles (key, name) values
('project:owner', 'Project owner'),
('project:member', 'Project member')
on conflict (key) do update set name = excluded.name;

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
