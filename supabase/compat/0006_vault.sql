-- probe: select exists (select from pg_namespace where nspname = 'vault')
-- Supabase Vault's API (supabase_vault 0.3.x) on plain PostgreSQL: vault.secrets,
-- vault.create_secret, vault.update_secret and the vault.decrypted_secrets view, usable by
-- postgres and service_role only. Secrets are encrypted at rest with pgcrypto (AES-256,
-- OpenPGP symmetric). The key never sits in a table, a dump or the repository: the server
-- reads it from `plugboard_vault.key` in its data directory (as Supabase reads its key
-- through a getkey script). Each line of that file is a hex key, the first the current
-- one; a secret's key_id names the key that encrypted it, so a key rotation that stops
-- half-way loses nothing.

create schema vault;

create table vault.secrets (
    id uuid primary key default gen_random_uuid(),
    name text,
    description text not null default '',
    secret text not null,
    key_id uuid,
    nonce bytea,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create unique index secrets_name_idx on vault.secrets (name) where name is not null;

comment on table vault.secrets is
'Compat Vault: ciphertext only. Read secrets through vault.decrypted_secrets.';

-- Every key the server holds, current first, with the id secrets record.
create function vault._keys()
returns table (key_id uuid, key_hex text, is_current boolean)
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_file text := pg_catalog.pg_read_file('plugboard_vault.key', 0, 1048576, true);
    v_line text;
    v_first boolean := true;
begin
    if v_file is null or pg_catalog.btrim(v_file) = '' then
        raise exception using
            errcode = 'PB501',
            message = 'The Vault key is not available to this server',
            hint = 'The compat Vault reads plugboard_vault.key from the data directory; '
                || 'the cluster `plugboard db start` creates has one. On Supabase the real Vault is used.';
    end if;
    foreach v_line in array pg_catalog.regexp_split_to_array(pg_catalog.btrim(v_file), '\s+') loop
        key_id := pg_catalog.md5(v_line)::uuid;
        key_hex := v_line;
        is_current := v_first;
        v_first := false;
        return next;
    end loop;
end
$$;

create function vault._encrypt(p_plain text, out ciphertext text, out key_id uuid)
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_key text;
begin
    select k.key_hex, k.key_id into v_key, key_id from vault._keys() as k where k.is_current;
    ciphertext := pg_catalog.encode(
        extensions.pgp_sym_encrypt(p_plain, v_key, 'cipher-algo=aes256'), 'base64'
    );
end
$$;

create function vault._decrypt(p_ciphertext text, p_key_id uuid)
returns text
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_key text;
begin
    select k.key_hex into v_key from vault._keys() as k where k.key_id = p_key_id;
    if v_key is null then
        raise exception using
            errcode = 'PB502',
            message = 'The key that encrypted this Vault secret is no longer held by the server',
            hint = 'Restore the previous line of plugboard_vault.key.';
    end if;
    return extensions.pgp_sym_decrypt(pg_catalog.decode(p_ciphertext, 'base64'), v_key);
end
$$;

create function vault.create_secret(
    new_secret text,
    new_name text default null,
    new_description text default '',
    new_key_id uuid default null
)
returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
    v_cipher text;
    v_key_id uuid;
    v_id uuid;
begin
    -- new_key_id is accepted for signature compatibility; the server's current key is used.
    select e.ciphertext, e.key_id into v_cipher, v_key_id from vault._encrypt(new_secret) as e;
    insert into vault.secrets (name, description, secret, key_id)
    values (new_name, coalesce(new_description, ''), v_cipher, v_key_id)
    returning id into v_id;
    return v_id;
end
$$;

create function vault.update_secret(
    secret_id uuid,
    new_secret text default null,
    new_name text default null,
    new_description text default null,
    new_key_id uuid default null
)
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
    v_cipher text;
    v_key_id uuid;
begin
    if new_secret is not null then
        select e.ciphertext, e.key_id into v_cipher, v_key_id from vault._encrypt(new_secret) as e;
    end if;
    update vault.secrets as s
    set
        secret = coalesce(v_cipher, s.secret),
        key_id = coalesce(v_key_id, s.key_id),
        name = coalesce(new_name, s.name),
        description = coalesce(new_description, s.description),
        updated_at = now()
    where s.id = secret_id;
end
$$;

create view vault.decrypted_secrets as
select
    s.id,
    s.name,
    s.description,
    s.secret,
    vault._decrypt(s.secret, s.key_id) as decrypted_secret,
    s.key_id,
    s.nonce,
    s.created_at,
    s.updated_at
from vault.secrets as s;

revoke all on schema vault from public;
revoke all on all tables in schema vault from public;
revoke all on all functions in schema vault from public;
grant usage on schema vault to postgres, service_role;
grant select, delete on vault.secrets, vault.decrypted_secrets to postgres, service_role;
-- The view calls _decrypt as the caller, so the two roles that may read the view may call
-- it; _keys (the raw key) stays reachable only through the security-definer functions.
grant execute on function
vault.create_secret(text, text, text, uuid),
vault.update_secret(uuid, text, text, text, uuid),
vault._decrypt(text, uuid)
to postgres, service_role;
