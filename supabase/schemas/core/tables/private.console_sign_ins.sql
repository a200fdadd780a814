-- The console's one-time sign-in links already traded for a session (functions/console/
-- session.py), so every functions/ process refuses a used link. Service role only; a row
-- outlives its link's five minutes only until the next sign-in clears expired ones.
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
