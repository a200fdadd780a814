-- Rate budgets shared by every worker on every machine: "at most N requests per window"
-- for one provider account (the Companies House API key: 600 per 5 minutes), kept in
-- PostgreSQL so any number of worker processes draw from the same budget.
--
-- A budget of capacity N is N slots. A request takes a free slot before it is sent and
-- gives it back when its answer arrived; the slot is free again one window after that.
-- So two requests of one slot reach the provider at least one window apart, and any
-- window of the provider's clock sees at most N requests, however long each one took
-- (the provider counts arrivals, which lie between our take and our give-back).
-- A slot taken by a worker that dies is free again after its lease plus the window
-- (the lease is longer than any request may take: the HTTP timeout).
-- With window 0 a budget is a concurrency limit (at most N requests in flight).
-- Slots are taken with FOR UPDATE SKIP LOCKED: takers never queue behind each other.
create table private.rate_budgets (
    key text primary key check (key ~ '^[a-z][a-z0-9_]*(:[A-Za-z0-9_.-]+)?$'),
    capacity integer not null check (capacity > 0),
    window_length interval not null check (window_length >= interval '0'),
    updated_at timestamptz not null default now(),
    project_share numeric check (project_share > 0 and project_share <= 1),
    learned_capacity integer check (learned_capacity > 0),
    learned_at timestamptz
);

comment on table private.rate_budgets is
'One shared request budget: at most capacity requests per window_length (service_role only).';

comment on column private.rate_budgets.project_share is
'Most of the capacity one project may hold in a window (0.25: a quarter, at least one slot); '
'null: no limit per project.';

comment on column private.rate_budgets.learned_capacity is
'The capacity the provider allowed when it last answered 429 (null: none learned); grows by '
'a tenth per window since learned_at, up to capacity.';

revoke all on table private.rate_budgets from public;

grant select, insert, update, delete on table private.rate_budgets to service_role;
