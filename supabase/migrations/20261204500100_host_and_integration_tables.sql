-- Baseline (issue #19): The host app's tables and the integration engine's, in foreign-key order, each with its
-- indexes, comments, row level security switch and grants.
-- The schema files below, in supabase/schemas/load_order.txt's order; a later change is a
-- new migration plus the edited schema file (docs/contributing.md).

-- supabase/schemas/core/tables/public.projects.sql

-- Host-app tables: projects (tenants, with their country), roles, permissions and who is a
-- member of which project with which role. Integrations hang off projects.
create table public.projects (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(btrim(name)) between 1 and 200),
    country_code text check (private.is_iso_country(country_code)),
    created_by uuid references auth.users (id) on delete set null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

comment on column public.projects.country_code is
'ISO 3166-1 alpha-2; decides which integrations switch on (auto_enable_integrations).';

create index projects_created_by_idx on public.projects (created_by);

alter table public.projects enable row level security;

-- supabase/schemas/core/tables/public.roles.sql

create table public.roles (
    id uuid primary key default gen_random_uuid(),
    key text not null unique,
    name text not null
);

alter table public.roles enable row level security;

-- supabase/schemas/core/tables/public.permissions.sql

create table public.permissions (
    key text primary key,
    description text not null
);

alter table public.permissions enable row level security;

-- supabase/schemas/core/tables/public.role_permissions.sql

create table public.role_permissions (
    role_id uuid not null references public.roles (id) on delete cascade,
    permission_key text not null references public.permissions (key) on delete cascade,
    primary key (role_id, permission_key)
);

create index role_permissions_permission_key_idx on public.role_permissions (permission_key);

alter table public.role_permissions enable row level security;

-- supabase/schemas/core/tables/public.project_members.sql

create table public.project_members (
    project_id uuid not null references public.projects (id) on delete cascade,
    user_id uuid not null references auth.users (id) on delete cascade,
    role_id uuid not null references public.roles (id) on delete restrict,
    created_at timestamptz not null default now(),
    primary key (project_id, user_id)
);

create index project_members_user_id_idx on public.project_members (user_id);

create index project_members_role_id_idx on public.project_members (role_id);

alter table public.project_members enable row level security;

-- supabase/schemas/core/tables/public.project_relationships.sql

-- Host-app records the sync features point at: relationships (suppliers, customers) and
-- transactions with their lines.
create table public.project_relationships (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references public.projects (id) on delete cascade,
    entity_type text not null check (entity_type in ('Business', 'Individual')),
    role_can_be_vendor boolean not null default false,
    role_can_be_customer boolean not null default false,
    display_name text not null,
    legal_name text,
    email text,
    phone text,
    website text,
    address_line1 text,
    address_line2 text,
    city text,
    region text,
    postal_code text,
    country_code text check (private.is_iso_country(country_code)),
    currency_code text check (currency_code ~ '^[A-Z]{3}$'),
    tax_number text,
    company_number text,
    sic_codes text[],
    company_status text,
    status text not null default 'Active' check (status in ('Active', 'Inactive', 'Archived')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    -- what a transaction's (relationship_id, project_id) references: its own project's
    unique (id, project_id)
);

create index project_relationships_project_id_idx on public.project_relationships (project_id);

create index project_relationships_company_number_idx
on public.project_relationships (company_number) where company_number is not null;

alter table public.project_relationships enable row level security;

-- supabase/schemas/core/tables/public.transactions.sql

create table public.transactions (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references public.projects (id) on delete cascade,
    relationship_id uuid,
    transaction_type text not null check (
        transaction_type in ('Expense', 'Invoice', 'Payroll Invoice', 'Reimbursement')
    ),
    transaction_direction text not null check (transaction_direction in ('inbound', 'outbound')),
    status text not null default 'Draft' check (
        status in ('Draft', 'Submitted', 'Approved', 'Rejected', 'Paid')
    ),
    reference text,
    description text,
    transaction_date date not null default current_date,
    due_date date,
    currency_code text not null check (currency_code ~ '^[A-Z]{3}$'),
    subtotal_amount numeric(18, 2),
    tax_amount numeric(18, 2),
    total_amount numeric(18, 2),
    payment_method text check (
        payment_method in ('Cash', 'Bank Transfer', 'Credit Card', 'Debit Card', 'Check')
    ),
    payment_account_code text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (due_date is null or due_date >= transaction_date),
    -- a transaction's relationship is one of its own project's
    constraint transactions_relationship_id_fkey foreign key (relationship_id, project_id)
    references public.project_relationships (id, project_id) on delete restrict
);

comment on column public.transactions.payment_account_code is
'Internal code of the account an expense was paid from (mapped like line accounts).';

create index transactions_project_id_status_idx on public.transactions (project_id, status);

alter table public.transactions enable row level security;

create index transactions_relationship_id_idx on public.transactions (relationship_id, project_id);

-- supabase/schemas/core/tables/public.transaction_lines.sql

create table public.transaction_lines (
    id uuid primary key default gen_random_uuid(),
    transaction_id uuid not null references public.transactions (id) on delete cascade,
    line_number integer not null check (line_number > 0),
    description text,
    quantity numeric(18, 4),
    unit_amount numeric(18, 4),
    amount numeric(18, 2),
    tax_amount numeric(18, 2),
    account_code text,
    tax_code text,
    class_code text,
    unique (transaction_id, line_number)
);

comment on column public.transaction_lines.account_code is
'Internal account code; mapped to a provider account through integration_entity_mappings.';

alter table public.transaction_lines enable row level security;

-- supabase/schemas/core/tables/public.menu_items.sql

-- The host app's menu rows; the integration pages sit under Setup > Integrations.
create table public.menu_items (
    key text primary key,
    parent_key text references public.menu_items (key) on delete cascade,
    label text not null,
    icon text,
    sort_order integer not null default 0,
    permission_key text references public.permissions (key) on delete set null,
    path text
);

create index menu_items_parent_key_idx on public.menu_items (parent_key);

create index menu_items_permission_key_idx on public.menu_items (permission_key);

alter table public.menu_items enable row level security;

-- supabase/schemas/core/tables/public.integration_providers.sql

-- The catalogue: providers, the countries each supports, and the sync features each
-- offers. Filled by private.register_provider (supabase/schemas/providers/<key>/
-- registration.sql); readable by every signed-in user.
create table public.integration_providers (
    id uuid primary key default gen_random_uuid(),
    key text not null unique check (key ~ '^[a-z][a-z0-9_]*$'),
    name text not null,
    description text not null default '',
    auth_method public.integration_auth_method not null,
    credential_scope public.integration_credential_scope not null,
    auto_enable_for_country boolean not null default false,
    is_active boolean not null default true,
    website_url text,
    docs_url text,
    client_actions text[] not null default '{}',
    server_actions text[] not null default '{}',
    sort_order integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    min_schedule_interval interval check (min_schedule_interval > interval '0')
);

comment on column public.integration_providers.client_actions is
'SQL client actions callable through integration_client_action(provider, action, params).';

comment on column public.integration_providers.server_actions is
'Python server actions registered in python_workers/providers/<key>/processor.py.';

alter table public.integration_providers enable row level security;

comment on column public.integration_providers.min_schedule_interval is
'Least time between two scheduled runs of one feature for one project, for providers '
'whose request budget every project shares; null: no minimum (a budget per project).';

-- supabase/schemas/core/tables/public.integration_provider_countries.sql

create table public.integration_provider_countries (
    provider_id uuid not null references public.integration_providers (id) on delete cascade,
    country_code text not null check (private.is_iso_country(country_code)),
    primary key (provider_id, country_code)
);

create index integration_provider_countries_country_code_idx
on public.integration_provider_countries (country_code);

alter table public.integration_provider_countries enable row level security;

-- supabase/schemas/core/tables/public.integration_features.sql

create table public.integration_features (
    id uuid primary key default gen_random_uuid(),
    provider_id uuid not null references public.integration_providers (id) on delete cascade,
    key text not null check (key ~ '^[a-z][a-z0-9_]*$'),
    name text not null,
    description text not null default '',
    default_trigger public.sync_trigger_type not null,
    default_trigger_config jsonb not null default '{}',
    sync_direction public.sync_direction not null,
    entity_type text not null,
    server_action text,
    is_active boolean not null default true,
    sort_order integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    validation_action text,
    unique (provider_id, key)
);

comment on column public.integration_features.entity_type is
'The kind of record the feature syncs, as mappings and logs name it (vendor, transaction, …).';

comment on column public.integration_features.server_action is
'The server action a run of this feature calls (registered for the provider); null when '
'the feature only keeps data in Plugboard (no provider API backs it).';

alter table public.integration_features enable row level security;

comment on column public.integration_features.validation_action is
'The provider''s client action that must return valid before a record is pushed by this '
'feature (called with the record''s id and the feature key); null when nothing is pushed.';

-- supabase/schemas/core/tables/public.project_integrations.sql

-- Per-project connections, their credentials (the secret itself only in Vault) and the
-- per-project state of each feature (enabled, trigger overrides).
create table public.project_integrations (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references public.projects (id) on delete cascade,
    provider_id uuid not null references public.integration_providers (id) on delete restrict,
    status public.integration_connection_status not null default 'Pending',
    is_enabled boolean not null default true,
    enabled_by text not null default 'manual' check (enabled_by in ('auto', 'manual')),
    external_account_id text,
    external_account_name text,
    connected_at timestamptz,
    connection_expires_at timestamptz,
    last_error_code text,
    last_error_message text,
    last_error_at timestamptz,
    settings jsonb not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (project_id, provider_id)
);

comment on column public.project_integrations.enabled_by is
'auto: switched by auto_enable_integrations() as the country changes; manual: a person '
'enabled or disabled it, and the country trigger leaves it alone.';

comment on column public.project_integrations.connection_expires_at is
'When the connection stops working without a reconnect (e.g. the refresh token''s hard '
'expiry); not a secret, mirrored here so members can see the warning.';

create index project_integrations_provider_id_idx on public.project_integrations (provider_id);

alter table public.project_integrations enable row level security;

-- What signed-in users may write, column by column (RLS decides which rows): a person
-- with integration:manage switches an integration on or off; the connection state (status,
-- account, expiry, errors) is written only by Plugboard, and settings only by the server
-- actions and the validated RPCs (hmrc_set_references, quickbooks_set_book_close_date),
-- never directly (a VRN the RPC refuses could reach a URL, issue #18). A person switching
-- an integration makes it theirs: the country trigger leaves it alone after.
revoke insert, update on public.project_integrations from authenticated;

grant insert (project_id, provider_id, is_enabled) on public.project_integrations to authenticated;

grant update (is_enabled) on public.project_integrations to authenticated;

-- supabase/schemas/core/tables/public.integration_credentials.sql

create table public.integration_credentials (
    id uuid primary key default gen_random_uuid(),
    provider_id uuid not null references public.integration_providers (id) on delete restrict,
    project_integration_id uuid references public.project_integrations (id) on delete cascade,
    scope public.integration_credential_scope not null,
    vault_secret_id uuid not null,
    token_expires_at timestamptz,
    refresh_token_expires_at timestamptz,
    scopes text[] not null default '{}',
    external_account_id text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    refresh_failure_count integer not null default 0 check (refresh_failure_count >= 0),
    last_refreshed_at timestamptz,
    verified_at timestamptz,
    check (
        (scope = 'global' and project_integration_id is null)
        or (scope = 'per_project' and project_integration_id is not null)
    )
);

comment on table public.integration_credentials is
'Non-secret facts of a credential; the secret (tokens, API key) lives in Vault under '
'vault_secret_id. service_role only.';

create unique index integration_credentials_global_uidx
on public.integration_credentials (provider_id) where scope = 'global';

create unique index integration_credentials_project_integration_uidx
on public.integration_credentials (project_integration_id) where scope = 'per_project';

alter table public.integration_credentials enable row level security;

revoke all on public.integration_credentials from anon, authenticated;

create index integration_credentials_project_integration_id_idx
on public.integration_credentials (project_integration_id);

create index integration_credentials_provider_id_idx
on public.integration_credentials (provider_id);

comment on column public.integration_credentials.refresh_failure_count is
'Consecutive transient failures of the token endpoint; reset by the next success.';

comment on column public.integration_credentials.verified_at is
'When a real call to the provider last accepted this credential (testConnection).';

-- supabase/schemas/core/tables/public.project_integration_features.sql

create table public.project_integration_features (
    id uuid primary key default gen_random_uuid(),
    project_integration_id uuid not null
    references public.project_integrations (id) on delete cascade,
    feature_id uuid not null references public.integration_features (id) on delete cascade,
    is_enabled boolean not null default true,
    trigger_type public.sync_trigger_type,
    trigger_config jsonb,
    last_run_at timestamptz,
    next_run_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (project_integration_id, feature_id)
);

comment on column public.project_integration_features.trigger_type is
'Per-project override of the feature''s default trigger; null means the default.';

comment on column public.project_integration_features.trigger_config is
'Per-project override of the default trigger config; null means the default.';

create index project_integration_features_feature_id_idx
on public.project_integration_features (feature_id);

alter table public.project_integration_features enable row level security;

-- Signed-in users with integration:manage switch features and override triggers; the
-- engine's schedule state (next_run_at) is Plugboard's alone.
revoke insert, update on public.project_integration_features from authenticated;

grant insert (project_integration_id, feature_id, is_enabled, trigger_type, trigger_config)
on public.project_integration_features to authenticated;

grant update (is_enabled, trigger_type, trigger_config)
on public.project_integration_features to authenticated;

-- Schedule state: next_run_at is set exactly while a feature is schedulable (the
-- integration enabled and Connected, the feature active and enabled, its effective trigger
-- on_schedule) to the next minute its effective cron schedule names; the planner
-- (private.plan_schedules) finds due runs through this index. Kept up to date by the
-- triggers in supabase/schemas/core/triggers/.
create index project_integration_features_next_run_at_idx
on public.project_integration_features (next_run_at)
where next_run_at is not null;

-- supabase/schemas/core/tables/public.integration_sync_logs.sql

-- The audit log of every sync, internal <-> external id mappings, and cached reference
-- data (chart of accounts, tax codes, SIC codes, …).
create table public.integration_sync_logs (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references public.projects (id) on delete cascade,
    project_integration_id uuid references public.project_integrations (id) on delete cascade,
    provider_id uuid not null references public.integration_providers (id) on delete restrict,
    feature_id uuid references public.integration_features (id) on delete set null,
    trigger_type public.sync_trigger_type not null,
    direction public.sync_direction not null,
    status public.sync_status not null default 'pending',
    action text not null,
    entity_type text,
    entity_id text,
    external_id text,
    records_processed integer not null default 0 check (records_processed >= 0),
    records_created integer not null default 0 check (records_created >= 0),
    records_updated integer not null default 0 check (records_updated >= 0),
    records_skipped integer not null default 0 check (records_skipped >= 0),
    records_failed integer not null default 0 check (records_failed >= 0),
    error_code text,
    error_message text,
    attempt integer not null default 0 check (attempt >= 0),
    details jsonb not null default '{}',
    requested_by uuid references auth.users (id) on delete set null,
    created_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz,
    duration_ms bigint generated always as (
        (extract(epoch from finished_at - started_at) * 1000)::bigint
    ) stored,
    records_linked integer not null default 0 check (records_linked >= 0),
    check (finished_at is null or started_at is null or finished_at >= started_at),
    check (status <> 'failed' or error_message is not null)
);

comment on column public.integration_sync_logs.details is
'Non-secret facts of the run (receipts, per-record errors). Never a token or key.';

-- The Logs page pages by (created_at, id) newest first, per project or per integration.
create index integration_sync_logs_project_time_idx
on public.integration_sync_logs (project_id, created_at desc, id desc);

create index integration_sync_logs_project_integration_time_idx
on public.integration_sync_logs (project_integration_id, created_at desc, id desc);

create index integration_sync_logs_feature_id_idx on public.integration_sync_logs (feature_id);

create index integration_sync_logs_provider_id_idx on public.integration_sync_logs (provider_id);

create index integration_sync_logs_requested_by_idx
on public.integration_sync_logs (requested_by);

alter table public.integration_sync_logs enable row level security;

create index integration_sync_logs_project_status_time_idx
on public.integration_sync_logs (project_id, status, created_at desc, id desc);

create index integration_sync_logs_project_feature_time_idx
on public.integration_sync_logs (project_id, feature_id, created_at desc, id desc);

create index integration_sync_logs_project_entity_time_idx
on public.integration_sync_logs (project_id, entity_type, entity_id, created_at desc, id desc)
where entity_id is not null;

comment on column public.integration_sync_logs.records_linked is
'Records mapped to an entity the provider already held, left as it was there (not '
'counted in records_created or records_updated); details.linked names each one.';

-- supabase/schemas/core/tables/public.integration_entity_mappings.sql

create table public.integration_entity_mappings (
    id uuid primary key default gen_random_uuid(),
    project_integration_id uuid not null
    references public.project_integrations (id) on delete cascade,
    entity_type text not null,
    internal_id text not null,
    external_id text not null,
    external_version text,
    sync_hash text,
    created_via text not null default 'sync' check (created_via in ('sync', 'link', 'match')),
    is_stale boolean not null default false,
    stale_reason text,
    last_synced_at timestamptz,
    created_by uuid references auth.users (id) on delete set null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (project_integration_id, entity_type, internal_id),
    unique (project_integration_id, entity_type, external_id)
);

comment on column public.integration_entity_mappings.external_version is
'The provider''s version of the record when last synced (QuickBooks SyncToken).';

create index integration_entity_mappings_created_by_idx
on public.integration_entity_mappings (created_by);

alter table public.integration_entity_mappings enable row level security;

-- Clients do not write mappings (a mapping steers the integration's workers): a person
-- links a record by hand through integration_link_record / integration_unlink_record /
-- integration_map_code, which check the permission and set who and how on the server.
revoke insert, update, delete on public.integration_entity_mappings from anon, authenticated;

comment on column public.integration_entity_mappings.created_via is
'link: a person linked the record by hand (fires on_link features); sync: a sync created it; '
'match: a sync linked it to the provider''s record of the same name, whose fields it leaves '
'as they are unless the feature owns them (owns_fields).';

-- supabase/schemas/core/tables/public.integration_reference_data.sql

create table public.integration_reference_data (
    id uuid primary key default gen_random_uuid(),
    provider_id uuid not null references public.integration_providers (id) on delete cascade,
    project_integration_id uuid references public.project_integrations (id) on delete cascade,
    kind text not null check (kind ~ '^[a-z][a-z0-9_]*$'),
    external_id text not null,
    code text,
    name text not null,
    parent_external_id text,
    is_active boolean not null default true,
    data jsonb not null default '{}',
    fetched_at timestamptz not null default now(),
    deactivated_at timestamptz,
    -- one row per (project integration, or global when null; kind; external id)
    unique nulls not distinct (project_integration_id, provider_id, kind, external_id)
);

comment on column public.integration_reference_data.project_integration_id is
'null: global reference data shared by every project (e.g. SIC codes).';

create index integration_reference_data_provider_kind_idx
on public.integration_reference_data (provider_id, kind);

alter table public.integration_reference_data enable row level security;

-- supabase/schemas/core/tables/private.oauth_states.sql

-- OAuth 2.0 authorization requests in flight: the `state` sent to the provider is bound to
-- the person who started the connection and the project integration, works once and
-- expires. Only its SHA-256 is kept, so a leaked table cannot forge a callback. The PKCE
-- code verifier of the request waits here for the code exchange.
create table private.oauth_states (
    state_hash text primary key check (state_hash ~ '^[0-9a-f]{64}$'),
    project_integration_id uuid not null
    references public.project_integrations (id) on delete cascade,
    user_id uuid not null references auth.users (id) on delete cascade,
    code_verifier text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz,
    browser_hash text not null check (browser_hash ~ '^[0-9a-f]{64}$')
);

comment on table private.oauth_states is
'OAuth authorization requests in flight: state (hashed) bound to user and project '
'integration, single use, expiring. service_role only.';

create index oauth_states_project_integration_id_idx
on private.oauth_states (project_integration_id);

create index oauth_states_user_id_idx on private.oauth_states (user_id);

create index oauth_states_expires_at_idx on private.oauth_states (expires_at);

alter table private.oauth_states enable row level security;

revoke all on private.oauth_states from public, anon, authenticated;

grant select, insert, update, delete on private.oauth_states to service_role;

comment on column private.oauth_states.browser_hash is
'SHA-256 of the nonce in the starting browser''s plugboard_oauth_<provider> cookie.';

-- supabase/schemas/core/tables/private.rate_budgets.sql

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

-- supabase/schemas/core/tables/private.rate_budget_slots.sql

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
