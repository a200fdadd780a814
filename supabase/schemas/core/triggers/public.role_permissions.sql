create trigger "10_owner_keeps_every_permission"
after delete or update on public.role_permissions
for each statement execute function private.tg_role_permissions__owner_keeps_every_permission();
