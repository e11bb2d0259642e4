-- The daily run in batches (issue 11): each step of a day's run keeps how far it got, so a run cut
-- short (a crash, a deploy) resumes after its last committed batch instead of starting over, and a
-- second process joining the same day takes the next batch rather than the same one (the row is locked
-- by each batch's transaction). The reminders' unique key still makes every reminder exactly once.
create table job_run_steps (
  job text not null,
  day date not null,
  step text not null,
  -- The last assignment id (or other key) this step has finished; null before its first batch.
  cursor bigint,
  done boolean not null default false,
  batches integer not null default 0,
  updated_at timestamptz not null default now(),
  primary key (job, day, step)
);

-- Set when every step of the day's run is done (and the run's hooks ran): until then any process's next
-- tick resumes the run.
alter table job_runs add column finished_at timestamptz;

-- One org's assignments in list order (due date, undated last, then id) straight off an index: a
-- reporter's first page reads its 20 rows instead of walking the whole due-date index past every other
-- org's (issue 11's throughput: the busiest reporter's page of 20).
create index assignments_org_due on assignments (org_id, due_on, id);
