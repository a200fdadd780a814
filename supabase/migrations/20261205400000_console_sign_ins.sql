-- The console's used one-time sign-in links, in the database so a second functions/
-- process refuses a used link too (issue #23).

create table private.console_sign_ins (
    jti text primary key,
    expires_at timestamptz not null,
    used_at timestamptz not null default now()
);

create index console_sign_ins_expires_at_idx on private.console_sign_ins (expires_at);

comment on table private.console_sign_ins is
'One-time console sign-in links already used (service_role only): jti until the link expires.';

revoke all on table private.console_sign_ins from public;
grant select, insert, delete on table private.console_sign_ins to service_role;
