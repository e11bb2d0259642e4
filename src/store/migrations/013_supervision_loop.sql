-- The closed loop of supervision (issue 10): acknowledge (签收), review of reports (审核), closure approved by
-- the office (办结), extensions of the due date (延期).

-- 签收: a new assignment waits for its unit to acknowledge it; what existed before counts as acknowledged.
-- A plan says after how many days unacknowledged work is chased.
alter table plans add column acknowledge_days integer not null default 3 check (acknowledge_days between 0 and 365);
alter table assignments
  add column assigned_at timestamptz not null default now(),
  add column acknowledged_by bigint references users (id),
  add column acknowledged_at timestamptz;
update assignments set acknowledged_at = assigned_at;

-- 办结: the unit's sign-off (signed_off_at, migration 009) is its application; the office's approval closes
-- the assignment (closed_at). Work signed off before this migration counts as approved. A rejection clears the
-- sign-off and keeps the reason (closure_note) until the unit applies again.
alter table assignments
  add column closed_by bigint references users (id),
  add column closed_at timestamptz,
  add column closure_note text,
  add column closure_rejected_at timestamptz;
update assignments set closed_by = signed_off_by, closed_at = signed_off_at where signed_off_at is not null;

-- 延期: the original due date is kept once an extension moves it.
alter table assignments add column original_due_on date;

-- 审核: the office's (or the parent unit's) decision on a report. Filing the period again clears it;
-- returned_count keeps how often the report was sent back, for assessment.
alter table progress_reports
  add column review_state text check (review_state in ('accepted', 'returned')),
  add column review_note text,
  add column reviewed_by bigint references users (id),
  add column reviewed_at timestamptz,
  add column returned_count integer not null default 0;

create table extension_requests (
  id bigint generated always as identity primary key,
  assignment_id bigint not null references assignments (id) on delete cascade,
  region_code text not null,
  requested_by bigint references users (id),
  requested_at timestamptz not null default now(),
  current_due_on date,
  requested_due_on date not null,
  reason text not null,
  state text not null default 'pending' check (state in ('pending', 'approved', 'rejected', 'withdrawn')),
  decided_by bigint references users (id),
  decided_at timestamptz,
  decision_note text,
  row_version integer not null default 1
);
create index extension_requests_assignment on extension_requests (assignment_id);
create index extension_requests_pending on extension_requests (region_code) where state = 'pending';
-- One pending request per assignment at a time.
create unique index extension_requests_one_pending on extension_requests (assignment_id) where state = 'pending';

-- New reminder kinds for the new waiting states.
alter table reminders drop constraint reminders_kind_check;
alter table reminders add constraint reminders_kind_check
  check (kind in ('due_soon', 'overdue', 'report_missing', 'unacknowledged', 'returned', 'extension_pending', 'closure_pending'));
