-- Status as data (issue 11): each assignment keeps the status rule's answer (domain/status.ts) as of a
-- day, so that lists, counts, roll-ups and dashboards read a column and aggregate in SQL.
--
-- The rule lives in TypeScript; the database only keeps track of which stored answers can no longer be
-- trusted. status_as_of is the day `status` was computed for; NULL means "recompute". The application
-- recomputes (services/assignments/stored-status.ts): inside every write that changes a status, in the
-- daily run for rows whose day moved, and, before a read, for the rows of its scope whose status_as_of is
-- not the day asked about. The triggers below set status_as_of to NULL whatever code writes the facts the
-- rule reads (reports, due date, ongoing, closure, the measure's deadline, the plan's cadence and span),
-- so a write path that forgets to recompute still never leaves a stale answer that looks fresh.
-- No backfill here: every existing row starts NULL and is computed on first read or by the daily run.
alter table assignments
  add column status text,
  add column status_missing_period text,
  add column status_as_of date;

-- The stale rows (NULL, or another day's answer) are found through this index, not by a scan.
create index assignments_status_as_of on assignments (status_as_of);
-- A status filter (the overdue list) and the counts per status read this.
create index assignments_status on assignments (status, due_on, id);

-- Reports: the trigger functions of migration 006 refresh the latest report of every assignment a
-- statement touched; they now also mark those assignments' status for recomputing.
create or replace function refresh_latest_reports(ids bigint[]) returns void
  language plpgsql
  as $$
  begin
    perform 1 from assignments where id = any(ids) order by id for update;
    update assignments a
       set (latest_period, latest_status, latest_reported_at) = (
             select r.period, r.status, r.reported_at
               from progress_reports r
              where r.assignment_id = a.id
              order by report_period_start(r.period) desc, r.reported_at desc, r.id desc
              limit 1),
           status_as_of = null
     where a.id = any(ids);
  end
  $$;

-- The assignment's own facts: due date (extensions), ongoing, closure, measure. An update that sets
-- status_as_of itself (the recompute) is left alone.
create function assignments_status_stale() returns trigger language plpgsql as $$
begin
  if (new.due_on, new.ongoing, new.closed_at, new.measure_id)
       is distinct from (old.due_on, old.ongoing, old.closed_at, old.measure_id)
     and new.status_as_of is not distinct from old.status_as_of then
    new.status_as_of := null;
  end if;
  return new;
end $$;

create trigger assignments_status_stale before update on assignments
  for each row execute function assignments_status_stale();

-- The measure's deadline wording (持续推进 and the like).
create function measures_status_stale() returns trigger language plpgsql as $$
begin
  update assignments a set status_as_of = null
    from new_measures n join old_measures o on o.id = n.id
   where a.measure_id = n.id and a.status_as_of is not null
     and n.deadline_raw is distinct from o.deadline_raw;
  return null;
end $$;

create trigger measures_status_stale after update on measures
  referencing new table as new_measures old table as old_measures
  for each statement execute function measures_status_stale();

-- The plan's cadence, span and due-soon window.
create function plans_status_stale() returns trigger language plpgsql as $$
begin
  update assignments a set status_as_of = null
    from new_plans n join old_plans o on o.id = n.id
   where a.plan_id = n.id and a.status_as_of is not null
     and (n.cadence, n.period_from, n.period_to, n.plan_year, n.due_soon_days)
         is distinct from (o.cadence, o.period_from, o.period_to, o.plan_year, o.due_soon_days);
  return null;
end $$;

create trigger plans_status_stale after update on plans
  referencing new table as new_plans old table as old_plans
  for each statement execute function plans_status_stale();
