-- v_hmrc_open_vat_obligations: the VAT periods HMRC expects a return for (status O), as
-- last fetched by the vat_obligations feature (cached in integration_reference_data, kind
-- vat_obligation, external_id the period key, parent the VRN, data the obligation as HMRC
-- gives it: start, end, due, status, periodKey), soonest due first, with the days left and
-- the latest submission Plugboard queued or made for the period.
create view public.v_hmrc_open_vat_obligations
with (security_invoker = true) as
select
    pi.project_id,
    r.project_integration_id,
    r.parent_external_id as vrn,
    r.external_id as period_key,
    (r.data ->> 'start')::date as period_start,
    (r.data ->> 'end')::date as period_end,
    (r.data ->> 'due')::date as due_date,
    (r.data ->> 'due')::date - current_date as days_until_due,
    (r.data ->> 'due')::date < current_date as is_overdue,
    r.fetched_at,
    s.id as submission_log_id,
    s.status as submission_status
from public.integration_reference_data as r
inner join public.integration_providers as p on r.provider_id = p.id
inner join public.project_integrations as pi on r.project_integration_id = pi.id
left join lateral (
    select
        l.id,
        l.status
    from public.integration_sync_logs as l
    where
        l.project_integration_id = r.project_integration_id
        and l.action = 'hmrc_submit_vat_return'
        and l.entity_id = r.external_id
    order by l.created_at desc
    limit 1
) as s on true
where
    p.key = 'hmrc' and r.kind = 'vat_obligation' and r.is_active
    and r.data ->> 'status' = 'O'
    and r.parent_external_id = pi.settings ->> 'vrn';

comment on view public.v_hmrc_open_vat_obligations is
'Open VAT obligations of the project''s VRN with due dates, soonest first when ordered by due_date; '
'read-only, RLS of the underlying tables applies.';

revoke all on public.v_hmrc_open_vat_obligations from anon, authenticated;

grant select on public.v_hmrc_open_vat_obligations to authenticated, service_role;
