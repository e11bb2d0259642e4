-- Decomposition (issue 10, 二次分解): an org holding an assignment breaks it down to orgs under it (its
-- divisions, the next level's bureaus). A sub-assignment is an assignment like any other (periods,
-- reports, reminders, notices, status) that names the assignment it came from, who made it, when, and
-- the holder's instruction. Removing an assignment removes what was decomposed from it (the service
-- refuses, or asks for confirmation, when that would remove filed reports).
alter table assignments
  add column parent_assignment_id bigint references assignments (id) on delete cascade,
  add column instruction text,
  add column created_by bigint references users (id),
  add column created_at timestamptz not null default now(),
  add constraint assignments_parent_not_self check (parent_assignment_id is null or parent_assignment_id <> id);
create index assignments_parent on assignments (parent_assignment_id) where parent_assignment_id is not null;
-- Work assigned at import dates from its plan's import.
update assignments a set created_at = p.created_at from plans p where p.id = a.plan_id;

-- Scopes that are not everyone (有关地区, 有条件的地区, 各有关市, 有关单位): an import no longer assigns
-- them to every member. The candidates wait here until the plan office chooses which of them the measure
-- goes to, or until members opt in (领办) while the window is open; chosen and opted-in members become
-- ordinary assignments (via = the printed name).
create table selective_scopes (
  id bigint generated always as identity primary key,
  measure_id bigint not null references measures (id) on delete cascade,
  plan_id bigint not null references plans (id) on delete cascade,
  region_code text not null,
  -- As printed: 有关地区, 各有关市, 有关单位.
  via text not null,
  role text not null check (role in ('lead', 'support', 'owner')),
  -- The orgs the printed name could mean: [12, 15, 17].
  candidate_org_ids jsonb not null,
  -- 'choose': the office picks; 'opt_in': members may 领办 until opt_in_until.
  mode text not null default 'choose' check (mode in ('choose', 'opt_in')),
  opt_in_until date,
  -- 'open' until the office has chosen (or closed the opt-in window).
  state text not null default 'open' check (state in ('open', 'decided')),
  decided_by bigint references users (id),
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  row_version integer not null default 1,
  unique (measure_id, via, role),
  check (mode = 'choose' or opt_in_until is not null)
);
create index selective_scopes_plan on selective_scopes (plan_id, state);
