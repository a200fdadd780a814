-- Per-record database cost grew x1.51 from 1,000 to 10,000 projects (plugboard bench scale,
-- issue #22); two writers the workers call for every run read more the more projects there were:
-- - private.cache_reference_items matched its project integration with IS NOT DISTINCT FROM,
--   which no index serves, so every call read the kind's cached rows of every project
--   (67 ms a call at 10,000 projects, 7 ms at 1,000): it now asks for the project
--   integration with = (or IS NULL for global data), the unique index's leading column.
-- - private.rate_budget_define rewrote every slot of a budget already defined (5 ms a call
--   for QuickBooks' 500 a minute; each worker defines a realm's budgets on first use): a
--   budget already so defined is now left alone.

create or replace function private.cache_reference_items(
    p_provider_key text,
    p_project_integration_id uuid,
    p_kind text,
    p_parent_external_id text,
    p_items jsonb
)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
    v_provider_id uuid := (select p.id from public.integration_providers as p where p.key = p_provider_key);
    v_counts jsonb;
    v_deactivated integer;
begin
    if v_provider_id is null then
        raise exception using errcode = 'PB404', message = format('unknown provider "%s"', p_provider_key);
    end if;
    with listed as (
        select
            i.value ->> 'external_id' as external_id,
            i.value ->> 'name' as name,
            i.value ->> 'code' as code,
            coalesce(i.value -> 'data', '{}') as data
        from pg_catalog.jsonb_array_elements(p_items) as i (value)
    ),

    previous as (
        select r.external_id, r.name, r.code, r.data, r.is_active
        from public.integration_reference_data as r
        where r.provider_id = v_provider_id
            and (
                r.project_integration_id = p_project_integration_id
                or (p_project_integration_id is null and r.project_integration_id is null)
            )
            and r.kind = p_kind
            and r.external_id in (select l.external_id from listed as l)
    ),

    written as (
        insert into public.integration_reference_data as r (
            provider_id, project_integration_id, kind, external_id, code, name,
            parent_external_id, data, is_active, fetched_at, deactivated_at
        )
        select
            v_provider_id, p_project_integration_id, p_kind, l.external_id, l.code, l.name,
            p_parent_external_id, l.data, true, now(), null
        from listed as l
        on conflict (project_integration_id, provider_id, kind, external_id) do update
        set
            code = excluded.code,
            name = excluded.name,
            parent_external_id = excluded.parent_external_id,
            data = excluded.data,
            is_active = true,
            fetched_at = excluded.fetched_at,
            deactivated_at = null
        returning r.external_id
    )

    select pg_catalog.jsonb_build_object(
        'created', pg_catalog.count(*) filter (where p.external_id is null),
        'updated', pg_catalog.count(*) filter (
            where p.external_id is not null
            and (p.name, p.code, p.data, p.is_active) is distinct from (l.name, l.code, l.data, true)
        ),
        'unchanged', pg_catalog.count(*) filter (
            where (p.name, p.code, p.data, p.is_active) is not distinct from (l.name, l.code, l.data, true)
        )
    )
    into v_counts
    from written as w
    inner join listed as l on w.external_id = l.external_id
    left join previous as p on w.external_id = p.external_id;

    update public.integration_reference_data as r
    set is_active = false, deactivated_at = now()
    where r.provider_id = v_provider_id
        and (
            r.project_integration_id = p_project_integration_id
            or (p_project_integration_id is null and r.project_integration_id is null)
        )
        and r.kind = p_kind
        and r.parent_external_id is not distinct from p_parent_external_id
        and r.is_active
        and not r.external_id in (
            select i.value ->> 'external_id' from pg_catalog.jsonb_array_elements(p_items) as i (value)
        );
    get diagnostics v_deactivated = row_count;
    return v_counts || pg_catalog.jsonb_build_object('deactivated', v_deactivated);
end
$$;

create or replace function private.rate_budget_define(p_key text, p_capacity integer, p_window interval)
returns void
language plpgsql volatile
set search_path = ''
as $$
begin
    if exists (
        select from private.rate_budgets as b
        where b.key = p_key and b.capacity = p_capacity and b.window_length = p_window
    ) then
        return;
    end if;
    insert into private.rate_budgets as b (key, capacity, window_length)
    values (p_key, p_capacity, p_window)
    on conflict (key) do update
    set capacity = excluded.capacity, window_length = excluded.window_length, updated_at = now();
    delete from private.rate_budget_slots as s where s.budget_key = p_key and s.slot >= p_capacity;
    insert into private.rate_budget_slots (budget_key, slot)
    select p_key, i from pg_catalog.generate_series(0, p_capacity - 1) as i
    on conflict do nothing;
end
$$;
