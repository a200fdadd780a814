-- Frees the leases of log p_log_id (its progress committed, or the run ended).
create function private.give_back_run_record_leases(p_log_id uuid)
returns void
language sql volatile
set search_path = ''
as $$
    delete from private.run_record_leases where log_id = p_log_id;
$$;

revoke all on function private.give_back_run_record_leases(uuid) from public;

grant execute on function private.give_back_run_record_leases(uuid) to service_role;
