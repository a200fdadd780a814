create table public.integration_provider_countries (
    provider_id uuid not null references public.integration_providers (id) on delete cascade,
    country_code text not null check (private.is_iso_country(country_code)),
    primary key (provider_id, country_code)
);

create index integration_provider_countries_country_code_idx
on public.integration_provider_countries (country_code);

alter table public.integration_provider_countries enable row level security;
