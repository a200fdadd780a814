create trigger "10_set_updated_at"
before update on public.integration_features
for each row execute function private.tg_set_updated_at();

create trigger "20_check_trigger_config"
before insert or update of default_trigger, default_trigger_config
on public.integration_features
for each row execute function private.tg_integration_features__check_trigger_config();

create trigger "30_reschedule_insert"
after insert on public.integration_features
for each row execute function private.tg_integration_features__reschedule();

create trigger "30_reschedule_update"
after update of default_trigger, default_trigger_config, is_active on public.integration_features
for each row
when (
    old.default_trigger is distinct from new.default_trigger
    or old.default_trigger_config is distinct from new.default_trigger_config
    or old.is_active is distinct from new.is_active
)
execute function private.tg_integration_features__reschedule();
