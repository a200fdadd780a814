-- hmrc_set_references(project integration, references): the project's HMRC identifiers,
-- kept in project_integrations.settings (not secrets; members see them in
-- v_project_integrations):
--   vrn                        VAT registration number (9 digits) — VAT obligations and returns
--   utr                        Corporation Tax Unique Taxpayer Reference (10 digits)
--   employer_paye_reference    employer PAYE reference (123/AB456)
--   accounts_office_reference  Accounts Office reference (123PX00123456)
-- Each given key is checked and normalised by its client action (validate_vrn,
-- validate_utr, validate_paye_reference); a null value removes the identifier. If any is
-- refused nothing is saved. Needs integration:manage.
-- Returns {"saved": bool, "errors": [{code, field, message}], "settings": {...}}.
-- Raises PB404 / PB403 as private.rpc_integration does, PB422 for an unknown key.
create function public.hmrc_set_references(p_project_integration_id uuid, p_references jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_params jsonb := private.client_action_params(
        p_references, array['vrn', 'utr', 'employer_paye_reference', 'accounts_office_reference'], '{}'
    );
    v_errors jsonb := '[]'::jsonb;
    v_settings jsonb := v_integration.settings;
    v_result jsonb;
begin
    if (select p.key from public.integration_providers as p where p.id = v_integration.provider_id) <> 'hmrc' then
        raise exception using errcode = 'PB422', message = 'hmrc_set_references: not an HMRC integration';
    end if;
    if v_params ? 'vrn' then
        if v_params -> 'vrn' = 'null'::jsonb then
            v_settings := v_settings - 'vrn';
        else
            v_result := public.integration_client_action('hmrc', 'validate_vrn',
                pg_catalog.jsonb_build_object('vrn', v_params -> 'vrn'));
            v_errors := v_errors || (v_result -> 'errors');
            if (v_result -> 'data' ->> 'mtd_eligible')::boolean is false then
                v_errors := v_errors || private.client_action_error('not_mtd_eligible', 'vrn',
                    'Making Tax Digital for VAT takes a 9-digit VAT registration number');
            end if;
            v_settings := v_settings || pg_catalog.jsonb_build_object('vrn', v_result -> 'data' -> 'vrn');
        end if;
    end if;
    if v_params ? 'utr' then
        if v_params -> 'utr' = 'null'::jsonb then
            v_settings := v_settings - 'utr';
        else
            v_result := public.integration_client_action('hmrc', 'validate_utr',
                pg_catalog.jsonb_build_object('utr', v_params -> 'utr'));
            v_errors := v_errors || (v_result -> 'errors');
            v_settings := v_settings || pg_catalog.jsonb_build_object('utr', v_result -> 'data' -> 'utr');
        end if;
    end if;
    if v_params ?| array['employer_paye_reference', 'accounts_office_reference'] then
        v_result := public.integration_client_action('hmrc', 'validate_paye_reference', pg_catalog.jsonb_strip_nulls(
            pg_catalog.jsonb_build_object(
                'employer_reference', coalesce(
                    v_params -> 'employer_paye_reference', v_settings -> 'employer_paye_reference'
                ),
                'accounts_office_reference', coalesce(
                    v_params -> 'accounts_office_reference', v_settings -> 'accounts_office_reference'
                )
            )
        ));
        v_errors := v_errors || (v_result -> 'errors');
        v_settings := v_settings || pg_catalog.jsonb_build_object(
            'employer_paye_reference', v_result -> 'data' -> 'employer_reference',
            'accounts_office_reference', v_result -> 'data' -> 'accounts_office_reference'
        );
    end if;
    if pg_catalog.jsonb_array_length(v_errors) > 0 then
        return pg_catalog.jsonb_build_object('saved', false, 'errors', v_errors, 'settings', v_integration.settings);
    end if;
    v_settings := pg_catalog.jsonb_strip_nulls(v_settings);
    update public.project_integrations as pi set settings = v_settings where pi.id = v_integration.id;
    return pg_catalog.jsonb_build_object('saved', true, 'errors', '[]'::jsonb, 'settings', v_settings);
end
$$;

comment on function public.hmrc_set_references(uuid, jsonb) is
'Saves the project''s HMRC identifiers (vrn, utr, employer_paye_reference, accounts_office_reference) '
'in the integration''s settings, each validated by its client action: {saved, errors, settings}. '
'Needs integration:manage.';

revoke all on function public.hmrc_set_references(uuid, jsonb) from public, anon;

grant execute on function public.hmrc_set_references(uuid, jsonb) to authenticated, service_role;
