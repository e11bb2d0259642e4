-- One row per daily job and day: whoever inserts it first runs the job, every other process skips it.
create table job_runs (
  job text not null,
  day date not null,
  primary key (job, day)
);
