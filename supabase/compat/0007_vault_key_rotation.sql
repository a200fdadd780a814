-- probe: select not exists (select from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
--   where n.nspname = 'vault' and p.proname = '_keys') or exists (select from pg_proc as p join
--   pg_namespace as n on n.oid = p.pronamespace where n.nspname = 'vault' and p.proname = '_reencrypt_all')
-- Key rotation for the compat Vault only (on Supabase, Supabase manages Vault's key; the
-- probe skips this file where vault._keys, the compat Vault's key reader, is missing).
-- `plugboard vault rotate-key` puts a new key first in plugboard_vault.key (old keys kept
-- after it), calls vault._reencrypt_all() in every database, and drops the old keys from
-- the file only after every database committed: a crash at any step leaves every secret
-- readable. Superuser only (no grant): it is an operator's tool.

create function vault._reencrypt_all()
returns integer
language plpgsql
set search_path = ''
as $$
declare
    v_current uuid;
    v_count integer;
begin
    -- Writers wait, readers go on. A transaction that read the old key file and encrypted
    -- with an old key before the file changed commits before this looks, so nothing is
    -- left behind on an old key.
    lock table vault.secrets in exclusive mode;
    select k.key_id into v_current from vault._keys() as k where k.is_current;
    update vault.secrets as s
    set secret = e.ciphertext, key_id = e.key_id
    from vault.secrets as o
    cross join lateral vault._encrypt(vault._decrypt(o.secret, o.key_id)) as e
    where s.id = o.id and o.key_id is distinct from v_current;
    get diagnostics v_count = row_count;
    return v_count;
end
$$;

comment on function vault._reencrypt_all() is
'Compat Vault: re-encrypts every secret not under the current key with it, in the '
'caller''s transaction; returns how many. Superuser only (plugboard vault rotate-key).';

revoke all on function vault._reencrypt_all() from public;
