create policy integration_provider_countries_select on public.integration_provider_countries
for select to authenticated using (true);
