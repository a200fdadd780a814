create table private.rate_budget_slots (
    budget_key text not null references private.rate_budgets (key) on delete cascade,
    slot integer not null check (slot >= 0),
    free_at timestamptz not null default '-infinity',
    project_id uuid,
    primary key (budget_key, slot)
);

comment on column private.rate_budget_slots.free_at is
'When the slot may be taken again: give-back time plus the window, or, while a request '
'holds it, take time plus lease plus window.';

comment on column private.rate_budget_slots.project_id is
'The project whose request last took the slot (null: work for no project); counts against '
'its share until free_at.';

revoke all on table private.rate_budget_slots from public;

grant select, insert, update, delete on table private.rate_budget_slots to service_role;
