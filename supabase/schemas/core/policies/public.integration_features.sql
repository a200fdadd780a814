create policy integration_features_select on public.integration_features
for select to authenticated using (true);
