-- Status counts as data (issue 11): how many assignments each org has in each plan section per stored
-- status, kept by the database in the same statement as every change to assignments, so that a summary
-- over the whole country (the national office's dashboard, the plan list, a list's total) adds up tens of
-- thousands of counters instead of counting half a million rows.
--
-- The section is the task's (tasks.section) and is copied onto the assignment, so the counters need no
-- join: an assignment deleted by a cascade from its plan or measure is still counted out correctly.
alter table assignments add column section text not null default '';

update assignments a
   set section = t.section
  from measures m join tasks t on t.id = m.task_id
 where m.id = a.measure_id and a.section is distinct from t.section;

-- The section follows the measure: set on insert, and when an assignment moves to another measure.
create function assignments_section() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' or new.measure_id is distinct from old.measure_id then
    select t.section into new.section from measures m join tasks t on t.id = m.task_id where m.id = new.measure_id;
    new.section := coalesce(new.section, '');
  end if;
  return new;
end $$;

create trigger assignments_section before insert or update on assignments
  for each row execute function assignments_section();

-- A task's section changed by hand: its assignments follow.
create function tasks_section() returns trigger language plpgsql as $$
begin
  update assignments a set section = n.section
    from new_tasks n join old_tasks o on o.id = n.id join measures m on m.task_id = n.id
   where a.measure_id = m.id and n.section is distinct from o.section;
  return null;
end $$;

create trigger tasks_section after update on tasks
  referencing new table as new_tasks old table as old_tasks
  for each statement execute function tasks_section();

-- One counter per plan, org, section and stored status ('' for a status not computed yet). Counters that
-- fall to zero stay (cheap, and removing them would race with a concurrent increment).
create table status_counts (
  plan_id bigint not null,
  org_id bigint not null,
  section text not null,
  status text not null,
  n bigint not null,
  primary key (plan_id, org_id, section, status)
);
create index status_counts_org on status_counts (org_id);

insert into status_counts (plan_id, org_id, section, status, n)
select plan_id, org_id, section, coalesce(status, ''), count(*)
  from assignments
 group by 1, 2, 3, 4;

-- The changes of one statement, netted per counter, applied in key order (so two writers lock shared
-- counters in the same order). Each operation has its own function: a transition table exists only for
-- the operations that have it.
create function status_counts_insert() returns trigger language plpgsql as $$
begin
  insert into status_counts as c (plan_id, org_id, section, status, n)
  select plan_id, org_id, section, coalesce(status, ''), count(*)
    from new_rows group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (plan_id, org_id, section, status) do update set n = c.n + excluded.n;
  return null;
end $$;

create function status_counts_delete() returns trigger language plpgsql as $$
begin
  insert into status_counts as c (plan_id, org_id, section, status, n)
  select plan_id, org_id, section, coalesce(status, ''), -count(*)
    from old_rows group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (plan_id, org_id, section, status) do update set n = c.n + excluded.n;
  return null;
end $$;

create function status_counts_update() returns trigger language plpgsql as $$
begin
  insert into status_counts as c (plan_id, org_id, section, status, n)
  select plan_id, org_id, section, status, sum(k)
    from (select plan_id, org_id, section, coalesce(status, '') as status, 1 as k from new_rows
          union all
          select plan_id, org_id, section, coalesce(status, ''), -1 from old_rows) x
   group by 1, 2, 3, 4
  having sum(k) <> 0
   order by 1, 2, 3, 4
  on conflict (plan_id, org_id, section, status) do update set n = c.n + excluded.n;
  return null;
end $$;

create trigger status_counts_insert after insert on assignments
  referencing new table as new_rows for each statement execute function status_counts_insert();
create trigger status_counts_delete after delete on assignments
  referencing old table as old_rows for each statement execute function status_counts_delete();
create trigger status_counts_update after update on assignments
  referencing new table as new_rows old table as old_rows for each statement execute function status_counts_update();

create function status_counts_truncate() returns trigger language plpgsql as $$
begin
  delete from status_counts;
  return null;
end $$;

create trigger status_counts_truncate after truncate on assignments
  for each statement execute function status_counts_truncate();
