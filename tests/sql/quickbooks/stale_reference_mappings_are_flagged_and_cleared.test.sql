-- Proves: private.flag_stale_reference_mappings flags a project's mappings of one kind
-- whose QuickBooks item is inactive or no longer cached (with a reason naming it and the
-- internal code), leaves mappings of other kinds alone, and clears a flag once the item is
-- active again; it returns how many mappings of that kind are stale.
begin;
select plan(5);

insert into public.projects (id, name, country_code) values (tests.id('qb_stale'), 'Stale', 'GB');
create temporary table qb on commit drop as
select pi.id, pi.provider_id from public.project_integrations as pi
join public.integration_providers as p on p.id = pi.provider_id and p.key = 'quickbooks'
where pi.project_id = tests.id('qb_stale');

insert into public.integration_reference_data (provider_id, project_integration_id, kind, external_id, name, is_active)
select qb.provider_id, qb.id, 'account', x.external_id, x.name, x.active
from qb, (values ('1', 'Cost of Sales', true), ('2', 'Old Travel', false)) as x (external_id, name, active);
insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id)
select qb.id, x.kind, x.code, x.external from qb,
    (values ('account', '5000', '1'), ('account', '6200', '2'), ('account', '7000', '99'), ('class', 'C1', '2')) as x (kind, code, external);

select is((select private.flag_stale_reference_mappings(id, 'account') from qb), 2, 'two account mappings are stale');
select results_eq(
    $$select internal_id, is_stale, stale_reason from public.integration_entity_mappings
      where entity_type = 'account' order by internal_id$$,
    $$values ('5000', false, null::text),
        ('6200', true, 'QuickBooks account "Old Travel" is inactive; map 6200 to an active one'),
        ('7000', true, 'QuickBooks account 99 no longer exists; map 7000 to another one')$$,
    'inactive and missing items flag their mappings with a reason; an active one does not'
);
select is((select is_stale from public.integration_entity_mappings where entity_type = 'class'), false,
    'mappings of another kind are left alone');

update public.integration_reference_data set is_active = true where external_id = '2';
select is((select private.flag_stale_reference_mappings(id, 'account') from qb), 1, 'one left once the item is back');
select is((select stale_reason from public.integration_entity_mappings where internal_id = '6200'), null,
    'the reactivated item''s mapping is cleared');

select * from finish();
rollback;
