-- A unit's sign-off closes its own assignment, not the whole measure (issue 15.3): a measure fanned out to
-- sixteen cities is sixteen pieces of work. measures.status stays "done" only when every assignment is
-- signed off, or when the issuing plan office closed the measure (which signs off the rest in its name).
alter table assignments
  add column signed_off_by bigint references users (id),
  add column signed_off_at timestamptz;
update assignments a
   set signed_off_by = m.signed_off_by,
       signed_off_at = coalesce(m.signed_off_at, now())
  from measures m
 where m.id = a.measure_id and m.status = 'done';

-- A supervision notice covers one or more measures of its unit (issue 15.10); notices.measure_id stays the
-- first of them, so older readers keep working.
create table notice_items (
  notice_id bigint not null references notices (id) on delete cascade,
  measure_id bigint not null references measures (id) on delete cascade,
  position integer not null,
  primary key (notice_id, measure_id)
);
insert into notice_items (notice_id, measure_id, position) select id, measure_id, 0 from notices;

-- Evidence files belong to a progress report or to a notice's answer, never both.
alter table evidence_files
  alter column report_id drop not null,
  add column notice_id bigint references notices (id) on delete cascade,
  add constraint evidence_files_one_owner check ((report_id is null) <> (notice_id is null));
create index evidence_files_notice on evidence_files (notice_id) where notice_id is not null;
