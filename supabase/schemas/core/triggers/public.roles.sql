create trigger "10_owner_holds_every_permission"
after insert or update of key on public.roles
for each statement execute function private.tg_grant_every_permission_to_owner();
