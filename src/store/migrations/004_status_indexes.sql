-- What the status of many assignments needs at province scale (tens of thousands of assignments,
-- hundreds of thousands of reports) without reading every report: an assignment's latest report,
-- whether it has a done one, and single reports by period (the unique (assignment_id, period) index).

-- The first day of a reporting period label, as domain/periods.ts parsePeriodLabel reads it:
-- '2025-Q2' → 2025-04-01, '2025-03' → 2025-03-01; null for anything else (reports.ts accepts no other).
-- The domain orders an assignment's reports by it, then by filing time; "latest" is the last in that order.
create function report_period_start(label text) returns date
  language sql immutable strict parallel safe
  as $$
    select case
      when label ~ '^\d{4}-Q[1-4]$' then make_date(substr(label, 1, 4)::int, substr(label, 7, 1)::int * 3 - 2, 1)
      when label ~ '^\d{4}-(0[1-9]|1[0-2])$' then make_date(substr(label, 1, 4)::int, substr(label, 6, 2)::int, 1)
    end
  $$;

-- An assignment's reports, latest first: its latest report is the first entry, read from the index alone.
create index progress_reports_latest
  on progress_reports (assignment_id, report_period_start(period) desc, reported_at desc, id desc)
  include (status, period);

-- An assignment's done reports (a done report meets a "…完成并持续推进" deadline), read from the index alone.
create index progress_reports_done on progress_reports (assignment_id) include (period, reported_at)
  where status = 'done';

