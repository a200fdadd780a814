-- A credential row and its Vault secret go together: deleting the row in any way
-- (delete_credential, or a cascade from a deleted project or integration, which a client
-- may cause) deletes the secret. Security definer: a cascade a client starts runs
-- without rights on vault.secrets.
create function private.tg_integration_credentials__delete_secret()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    delete from vault.secrets as s where s.id = old.vault_secret_id;
    return null;
end
$$;

revoke all on function private.tg_integration_credentials__delete_secret()
from public, anon, authenticated;
