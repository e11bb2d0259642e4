-- The cascade (issue 14): which upper-level task a lower-level task implements, and which plans a plan
-- is aligned against. A link is suggested by the alignment engine (on import or on demand) or added by
-- a person, and confirmed or rejected by the lower plan's office; rejected links stay, so that the same
-- suggestion is not offered again.
create table task_links (
  id bigint generated always as identity primary key,
  lower_task_id bigint not null references tasks (id) on delete cascade,
  upper_task_id bigint not null references tasks (id) on delete cascade,
  -- The lower task's region: links grow with the lower plans.
  region_code text not null,
  kind text not null check (kind in ('primary', 'related')),
  state text not null check (state in ('suggested', 'confirmed', 'rejected')),
  origin text not null check (origin in ('import', 'on_demand', 'manual')),
  score double precision,
  evidence jsonb,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  decided_by bigint references users (id),
  decided_at timestamptz,
  row_version integer not null default 1,
  unique (lower_task_id, upper_task_id),
  check (lower_task_id <> upper_task_id)
);
-- A lower task implements at most one upper task as its primary one.
create unique index task_links_one_primary on task_links (lower_task_id) where kind = 'primary' and state = 'confirmed';
create index task_links_upper on task_links (upper_task_id, state);

-- The plans a lower plan is aligned against. Rows chosen automatically (ancestor, handed_down, cited)
-- that a person removed stay, marked excluded, so the next automatic choice does not bring them back.
create table plan_upper_plans (
  lower_plan_id bigint not null references plans (id) on delete cascade,
  upper_plan_id bigint not null references plans (id) on delete cascade,
  reason text not null check (reason in ('cited', 'ancestor', 'handed_down', 'manual')),
  excluded boolean not null default false,
  added_by bigint references users (id),
  added_at timestamptz not null default now(),
  primary key (lower_plan_id, upper_plan_id),
  check (lower_plan_id <> upper_plan_id)
);
create index plan_upper_plans_upper on plan_upper_plans (upper_plan_id);
