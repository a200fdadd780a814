-- A mapping remembers that a sync linked the record to one the provider already held, by
-- name (QuickBooks: a duplicate name of the same business, issue #21): created_via
-- 'match'. Plugboard does not own that record's fields, so later changes of the
-- relationship are not written over the bookkeeper's unless the feature's config says
-- owns_fields (docs/quickbooks.md). Only 'link' queues on_link features (20261125020800).

alter table public.integration_entity_mappings
drop constraint integration_entity_mappings_created_via_check,
add constraint integration_entity_mappings_created_via_check
check (created_via in ('sync', 'link', 'match'));

comment on column public.integration_entity_mappings.created_via is
'link: a person linked the record by hand (fires on_link features); sync: a sync created it; '
'match: a sync linked it to the provider''s record of the same name, whose fields it leaves '
'as they are unless the feature owns them (owns_fields).';
