create policy integration_providers_select on public.integration_providers
for select to authenticated using (true);
