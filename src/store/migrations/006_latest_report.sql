-- Each assignment carries its latest progress report (the domain's order: period, then filing time,
-- then id — report_period_start and index progress_reports_latest from migration 004), so that the
-- status of the ten thousand assignments of a plan roll-up needs no report lookup per assignment.
-- The database keeps it: statement triggers on progress_reports refresh the assignments a statement
-- touched, whoever writes (reports service, plan revisions, demo data, restore, bulk loads).
alter table assignments
  add column latest_period text,
  add column latest_status text,
  add column latest_reported_at timestamptz;

create function refresh_latest_reports(ids bigint[]) returns void
  language plpgsql
  as $$
  begin
    -- Lock first: a concurrent filing for the same assignment then commits before the next statement
    -- takes its snapshot (read committed), so the later refresh sees both reports and neither is lost.
    perform 1 from assignments where id = any(ids) order by id for update;
    update assignments a
       set (latest_period, latest_status, latest_reported_at) = (
             select r.period, r.status, r.reported_at
               from progress_reports r
              where r.assignment_id = a.id
              order by report_period_start(r.period) desc, r.reported_at desc, r.id desc
              limit 1)
     where a.id = any(ids);
  end
  $$;

create function progress_reports_inserted() returns trigger
  language plpgsql
  as $$
  begin
    perform refresh_latest_reports(array(select distinct assignment_id from inserted_reports));
    return null;
  end
  $$;

create function progress_reports_updated() returns trigger
  language plpgsql
  as $$
  begin
    perform refresh_latest_reports(array(
      select assignment_id from old_reports union select assignment_id from new_reports));
    return null;
  end
  $$;

create function progress_reports_deleted() returns trigger
  language plpgsql
  as $$
  begin
    perform refresh_latest_reports(array(select distinct assignment_id from deleted_reports));
    return null;
  end
  $$;

create trigger progress_reports_inserted after insert on progress_reports
  referencing new table as inserted_reports
  for each statement execute function progress_reports_inserted();

create trigger progress_reports_updated after update on progress_reports
  referencing old table as old_reports new table as new_reports
  for each statement execute function progress_reports_updated();

create trigger progress_reports_deleted after delete on progress_reports
  referencing old table as deleted_reports
  for each statement execute function progress_reports_deleted();

-- The reports already filed.
update assignments a
   set (latest_period, latest_status, latest_reported_at) = (
         select r.period, r.status, r.reported_at
           from progress_reports r
          where r.assignment_id = a.id
          order by report_period_start(r.period) desc, r.reported_at desc, r.id desc
          limit 1)
 where exists (select 1 from progress_reports r where r.assignment_id = a.id);
