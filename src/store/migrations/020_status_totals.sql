-- Whole-country totals of the status counters (issue 11): the national office's dashboard groups every
-- counter of migration 019 by org and by plan section, some 190k rows for 3,300 orgs and 2,200 plans.
-- These two tables hold those groupings already added up, kept by triggers on status_counts in the same
-- statement as every change to it, so the summary reads ~20k rows instead:
-- - status_org_totals: per org and stored status, over the active plans only (a superseded version's work
--   is history). A plan that stops or starts being active moves its counts out or in (plans trigger), and a
--   deleted plan's are taken out before its assignments go (its row is gone when their cascade runs);
-- - status_section_totals: per plan, section and status over every org, of every plan (the summary joins
--   the plan to keep the active ones: as many rows as it returns).
-- Counters that fall to zero stay, as in migration 019.
create table status_org_totals (
  org_id bigint not null,
  status text not null,
  n bigint not null,
  primary key (org_id, status)
);

create table status_section_totals (
  plan_id bigint not null,
  section text not null,
  status text not null,
  n bigint not null,
  primary key (plan_id, section, status)
);

insert into status_org_totals (org_id, status, n)
select c.org_id, c.status, sum(c.n)
  from status_counts c join plans p on p.id = c.plan_id
 where p.status = 'active'
 group by 1, 2;

insert into status_section_totals (plan_id, section, status, n)
select plan_id, section, status, sum(n) from status_counts group by 1, 2, 3;

-- One statement's changes of status_counts, netted per counter (`changes`: plan_id, org_id, section, status,
-- k), added to both tables in key order like migration 019, so that writers lock shared totals in the same
-- order. status_counts changes only by upserts (a counter inserted, or added to) and deletes (a truncate of
-- assignments); each operation reads the transition tables it has, through one text run by EXECUTE (which
-- sees them as a static query would).
create function status_totals_changed() returns trigger language plpgsql as $$
declare
  changes text := case tg_op
    when 'INSERT' then 'select plan_id, org_id, section, status, n as k from new_counts'
    when 'DELETE' then 'select plan_id, org_id, section, status, -n as k from old_counts'
    else 'select plan_id, org_id, section, status, n.n - o.n as k
            from new_counts n join old_counts o using (plan_id, org_id, section, status)'
  end;
begin
  execute format($q$
    with changes as (%s),
    by_org as (
      insert into status_org_totals as t (org_id, status, n)
      select x.org_id, x.status, sum(x.k)
        from changes x join plans p on p.id = x.plan_id
       where p.status = 'active'
       group by 1, 2
      having sum(x.k) <> 0
       order by 1, 2
      on conflict (org_id, status) do update set n = t.n + excluded.n)
    insert into status_section_totals as t (plan_id, section, status, n)
    select x.plan_id, x.section, x.status, sum(x.k)
      from changes x
     group by 1, 2, 3
    having sum(x.k) <> 0
     order by 1, 2, 3
    on conflict (plan_id, section, status) do update set n = t.n + excluded.n$q$, changes);
  return null;
end $$;

create trigger status_totals_insert after insert on status_counts
  referencing new table as new_counts for each statement execute function status_totals_changed();
create trigger status_totals_update after update on status_counts
  referencing new table as new_counts old table as old_counts for each statement execute function status_totals_changed();
create trigger status_totals_delete after delete on status_counts
  referencing old table as old_counts for each statement execute function status_totals_changed();

create function status_totals_truncate() returns trigger language plpgsql as $$
begin
  delete from status_org_totals;
  delete from status_section_totals;
  return null;
end $$;

create trigger status_totals_truncate after truncate on status_counts
  for each statement execute function status_totals_truncate();

-- A plan that becomes active (or stops being so) brings its orgs' counts in (or takes them out).
create function status_totals_plan_status() returns trigger language plpgsql as $$
begin
  insert into status_org_totals as t (org_id, status, n)
  select c.org_id, c.status, sum(case when n.status = 'active' then c.n else -c.n end)
    from new_plans n
    join old_plans o on o.id = n.id
    join status_counts c on c.plan_id = n.id
   where (n.status = 'active') <> (o.status = 'active')
   group by 1, 2
  having sum(case when n.status = 'active' then c.n else -c.n end) <> 0
   order by 1, 2
  on conflict (org_id, status) do update set n = t.n + excluded.n;
  return null;
end $$;

create trigger status_totals_plan_status after update on plans
  referencing new table as new_plans old table as old_plans
  for each statement execute function status_totals_plan_status();

-- A deleted active plan's counts leave the org totals before its assignments are deleted by the cascade:
-- by then the plan row is gone and status_totals_apply no longer sees it as active.
create function status_totals_plan_delete() returns trigger language plpgsql as $$
begin
  if old.status = 'active' then
    insert into status_org_totals as t (org_id, status, n)
    select c.org_id, c.status, -sum(c.n)
      from status_counts c
     where c.plan_id = old.id
     group by 1, 2
    having sum(c.n) <> 0
     order by 1, 2
    on conflict (org_id, status) do update set n = t.n + excluded.n;
  end if;
  return old;
end $$;

create trigger status_totals_plan_delete before delete on plans
  for each row execute function status_totals_plan_delete();

-- The summary places each plan section by its first task (the smallest id): read off this index alone,
-- not off the tasks' wide rows (their text and vectors).
create index tasks_plan_section on tasks (plan_id, section, id);
