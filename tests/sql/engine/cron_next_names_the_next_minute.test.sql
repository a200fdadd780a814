-- Proves: private.cron_next gives the first minute after a moment that a 5-field cron
-- expression names (UTC): steps, ranges, lists, day-of-week with 7 as Sunday, day-of-month
-- OR day-of-week when both are restricted, month and leap-day rollovers, always strictly
-- after the moment, null when nothing ever matches. (tests/py/engine/test_cron_next.py
-- compares it with croniter on generated expressions.)
begin;
select plan(1);

select results_eq(
    $$select private.cron_next(c.expression, c.after::timestamptz)
      from (values
        ('15 2 * * *', '2026-11-25 08:00Z'),
        ('15 2 * * *', '2026-11-25 02:14:59Z'),
        ('15 2 * * *', '2026-11-25 02:15:00Z'),
        ('*/7 * * * *', '2026-11-25 08:59:30Z'),
        ('0 9 * * 1-5', '2026-11-27 10:00Z'),
        ('0 9 * * 7', '2026-11-27 10:00Z'),
        ('0 0 1,15 * 3', '2026-11-25 00:00Z'),
        ('30 23 31 * *', '2026-11-25 00:00Z'),
        ('0 0 29 2 *', '2026-11-25 00:00Z'),
        ('5-10/2 4 * 1 *', '2026-12-31 23:59Z'),
        ('* * * * *', '2026-12-31 23:59:59Z'),
        ('0 0 31 2 *', '2026-11-25 00:00Z')
      ) as c (expression, after)$$,
    $$values
        ('2026-11-26 02:15Z'::timestamptz), ('2026-11-25 02:15Z'), ('2026-11-26 02:15Z'),
        ('2026-11-25 09:00Z'), ('2026-11-30 09:00Z'), ('2026-11-29 09:00Z'),
        ('2026-12-01 00:00Z'), ('2026-12-31 23:30Z'), ('2028-02-29 00:00Z'),
        ('2027-01-01 04:05Z'), ('2027-01-01 00:00Z'), (null)$$,
    'next minutes of daily, stepped, weekday, Sunday-as-7, dom-or-dow, month-end, leap-day, range/step, year-end and impossible schedules'
);

select * from finish();
rollback;
