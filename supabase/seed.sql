-- Demo data for local development only (`plugboard up`, `plugboard db seed`); never a
-- migration. Fixed ids and upserts, so loading it twice changes nothing.
-- Two people: Olivia owns both projects (every permission); Max is a member of the GB
-- project without integration permissions. Projects in GB and the US switch their
-- integrations on by country (auto_enable_integrations).

insert into auth.users (id, email, role, aud, raw_user_meta_data)
values
(
    '00000000-0000-4000-a000-000000000001', 'olivia.owner@example.com', 'authenticated',
    'authenticated', '{"full_name": "Olivia Owner"}'
),
(
    '00000000-0000-4000-a000-000000000002', 'max.member@example.com', 'authenticated',
    'authenticated', '{"full_name": "Max Member"}'
)
on conflict (id) do nothing;

insert into public.projects (id, name, country_code, created_by)
values
(
    '10000000-0000-4000-a000-000000000001', 'Thames Joinery Ltd', 'GB',
    '00000000-0000-4000-a000-000000000001'
),
(
    '10000000-0000-4000-a000-000000000002', 'Hudson Design LLC', 'US',
    '00000000-0000-4000-a000-000000000001'
)
on conflict (id) do nothing;

insert into public.project_members (project_id, user_id, role_id)
select
    '10000000-0000-4000-a000-000000000001'::uuid as project_id,
    '00000000-0000-4000-a000-000000000002'::uuid as user_id,
    r.id as role_id
from public.roles as r
where r.key = 'project:member'
on conflict do nothing;

insert into public.project_relationships (
    id, project_id, entity_type, role_can_be_vendor, role_can_be_customer, display_name,
    legal_name, email, phone, address_line1, city, postal_code, country_code, currency_code,
    tax_number, company_number
)
values
(
    '20000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', 'Business',
    true, false, 'Oakwood Timber Supplies', 'Oakwood Timber Supplies Limited',
    'accounts@oakwood-timber.example', '+44 20 7946 0011', '12 Mill Lane', 'Reading',
    'RG1 8AB', 'GB', 'GBP', 'GB123456782', '04512345'
),
(
    '20000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', 'Business',
    true, false, 'Brightspark Electrical', 'Brightspark Electrical Ltd',
    'billing@brightspark.example', '+44 161 496 0022', '4 Canal Street', 'Manchester',
    'M1 3HE', 'GB', 'GBP', null, 'SC612345'
),
(
    '20000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000001', 'Individual',
    true, true, 'Sam Patel', null, 'sam.patel@example.com', null, null, 'London', null, 'GB',
    'GBP', null, null
),
(
    '20000000-0000-4000-a000-000000000004', '10000000-0000-4000-a000-000000000002', 'Business',
    true, false, 'Empire Office Supply', 'Empire Office Supply Inc.',
    'ap@empire-office.example', '+1 212 555 0147', '350 5th Ave', 'New York', '10118', 'US',
    'USD', null, null
),
(
    '20000000-0000-4000-a000-000000000005', '10000000-0000-4000-a000-000000000002', 'Business',
    false, true, 'Brooklyn Roasters', 'Brooklyn Roasters LLC', 'hello@bkroasters.example',
    null, '1 Water St', 'Brooklyn', '11201', 'US', 'USD', null, null
)
on conflict (id) do nothing;

insert into public.transactions (
    id, project_id, relationship_id, transaction_type, transaction_direction, status,
    reference, description, transaction_date, due_date, currency_code, subtotal_amount,
    tax_amount, total_amount, payment_method, payment_account_code
)
values
(
    '30000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001',
    '20000000-0000-4000-a000-000000000001', 'Expense', 'inbound', 'Approved', 'EXP-1001',
    'Oak boards for the Henley job', '2026-11-02', null, 'GBP', 400.00, 80.00, 480.00,
    'Credit Card', '1200'
),
(
    '30000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001',
    '20000000-0000-4000-a000-000000000002', 'Invoice', 'inbound', 'Approved', 'BS-77812',
    'Workshop rewiring', '2026-11-05', '2026-12-05', 'GBP', 1250.00, 250.00, 1500.00,
    null, null
),
(
    '30000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000001',
    '20000000-0000-4000-a000-000000000003', 'Reimbursement', 'inbound', 'Submitted',
    'R-0042', 'Mileage, site visits in October', '2026-11-01', '2026-11-30', 'GBP', 86.40,
    0.00, 86.40, null, null
),
(
    '30000000-0000-4000-a000-000000000004', '10000000-0000-4000-a000-000000000001',
    '20000000-0000-4000-a000-000000000001', 'Expense', 'inbound', 'Draft', 'EXP-1002',
    'Sandpaper and finishing oil', '2026-11-20', null, 'GBP', 62.50, 12.50, 75.00,
    'Debit Card', '1200'
),
(
    '30000000-0000-4000-a000-000000000005', '10000000-0000-4000-a000-000000000002',
    '20000000-0000-4000-a000-000000000004', 'Expense', 'inbound', 'Approved', 'NY-311',
    'Printer paper and toner', '2026-11-10', null, 'USD', 212.35, 18.84, 231.19,
    'Credit Card', '1200'
)
on conflict (id) do nothing;

insert into public.transaction_lines (
    transaction_id, line_number, description, quantity, unit_amount, amount, tax_amount,
    account_code, tax_code
)
values
('30000000-0000-4000-a000-000000000001', 1, 'Oak boards 25mm', 20, 15.00, 300.00, 60.00, '5000', '20.0S'),
('30000000-0000-4000-a000-000000000001', 2, 'Delivery', 1, 100.00, 100.00, 20.00, '5100', '20.0S'),
('30000000-0000-4000-a000-000000000002', 1, 'Rewiring labour', 25, 50.00, 1250.00, 250.00, '6100', '20.0S'),
('30000000-0000-4000-a000-000000000003', 1, 'Mileage 192 miles at 45p', 192, 0.45, 86.40, 0.00, '6200', 'NO'),
('30000000-0000-4000-a000-000000000004', 1, 'Finishing supplies', 1, 62.50, 62.50, 12.50, '5000', '20.0S'),
('30000000-0000-4000-a000-000000000005', 1, 'Paper and toner', 1, 212.35, 212.35, 18.84, '6000', 'TAX')
on conflict (transaction_id, line_number) do nothing;
