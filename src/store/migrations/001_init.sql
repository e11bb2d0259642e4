-- Luoshi schema v1. Every row that grows carries region_code, so the data can later be sharded by region.

create extension if not exists pg_trgm;

create table orgs (
  id bigint generated always as identity primary key,
  name text not null,
  kind text not null check (kind in ('national', 'province', 'city', 'county', 'township', 'division', 'department', 'other')),
  parent_id bigint references orgs (id),
  region_code text not null,
  -- The org that receives measures handed down to its region (its IP office / market-regulation bureau).
  is_region_office boolean not null default false,
  row_version integer not null default 1,
  created_at timestamptz not null default now()
);
create index orgs_parent on orgs (parent_id);
create index orgs_region on orgs (region_code);
create unique index orgs_name_parent on orgs (name, coalesce(parent_id, 0));

create table org_aliases (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id) on delete cascade,
  alias text not null,
  unique (alias, org_id)
);
create index org_aliases_alias on org_aliases (alias);

-- A printed group name (各市市场监督管理局) that stands for many orgs, as seen from an owner org.
create table org_groups (
  id bigint generated always as identity primary key,
  owner_org_id bigint not null references orgs (id) on delete cascade,
  name text not null,
  unique (owner_org_id, name)
);
create table org_group_members (
  group_id bigint not null references org_groups (id) on delete cascade,
  org_id bigint not null references orgs (id) on delete cascade,
  primary key (group_id, org_id)
);

create table users (
  id bigint generated always as identity primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'plan_office', 'reporter', 'viewer')),
  org_id bigint not null references orgs (id),
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

create table sessions (
  token_hash text primary key,
  user_id bigint not null references users (id) on delete cascade,
  csrf_token text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);

create table login_attempts (
  username text not null,
  attempted_at timestamptz not null default now(),
  succeeded boolean not null
);
create index login_attempts_recent on login_attempts (username, attempted_at);

create table plans (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  region_code text not null,
  title text not null,
  doc_number text,
  issuer text,
  issued_on date,
  period_from integer,
  period_to integer,
  plan_year integer,
  -- Same 文号 (or, without one, same title) = same plan; a revised file is a new version.
  lineage_key text not null,
  version integer not null default 1,
  status text not null default 'active' check (status in ('active', 'superseded')),
  cadence text not null default 'quarterly' check (cadence in ('monthly', 'quarterly')),
  due_soon_days integer not null default 14,
  weights jsonb not null default '{"onTime": 0.4, "timeliness": 0.3, "overdue": 0.2, "indicators": 0.1}',
  row_version integer not null default 1,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  unique (org_id, lineage_key, version)
);
create index plans_region on plans (region_code);

create table plan_files (
  id bigint generated always as identity primary key,
  plan_id bigint not null references plans (id) on delete cascade,
  file_name text not null,
  format text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null,
  source_text text not null
);

create table tasks (
  id bigint generated always as identity primary key,
  plan_id bigint not null references plans (id) on delete cascade,
  region_code text not null,
  key text not null,
  section text not null,
  title text not null,
  position integer not null,
  source jsonb not null,
  search_text text not null default '',
  unique (plan_id, key, position)
);
create index tasks_plan on tasks (plan_id);
create index tasks_search on tasks using gin (to_tsvector('simple', search_text));

create table measures (
  id bigint generated always as identity primary key,
  plan_id bigint not null references plans (id) on delete cascade,
  task_id bigint not null references tasks (id) on delete cascade,
  region_code text not null,
  position integer not null,
  text text not null,
  scope text,
  stated_units text not null default '',
  deadline_raw text,
  due_on date,
  ongoing boolean not null default false,
  source jsonb not null,
  status text not null default 'open' check (status in ('open', 'done')),
  signed_off_by bigint references users (id),
  signed_off_at timestamptz,
  row_version integer not null default 1
);
create index measures_task on measures (task_id);
create index measures_plan on measures (plan_id);

create table assignments (
  id bigint generated always as identity primary key,
  measure_id bigint not null references measures (id) on delete cascade,
  plan_id bigint not null references plans (id) on delete cascade,
  org_id bigint not null references orgs (id),
  region_code text not null,
  role text not null check (role in ('lead', 'support', 'owner')),
  -- The printed group or scope this assignment came from (各市市场监督管理局, 各地区), if any.
  via text,
  due_on date,
  ongoing boolean not null default false,
  unique (measure_id, org_id)
);
create index assignments_org on assignments (org_id, due_on);
create index assignments_plan on assignments (plan_id);

-- Unit names an import could not resolve, waiting for a person to map them to an org.
create table unresolved_units (
  id bigint generated always as identity primary key,
  plan_id bigint not null references plans (id) on delete cascade,
  name text not null,
  role text not null,
  measure_id bigint not null references measures (id) on delete cascade,
  resolved_org_id bigint references orgs (id),
  unique (plan_id, name, measure_id)
);

create table indicators (
  id bigint generated always as identity primary key,
  plan_id bigint not null references plans (id) on delete cascade,
  region_code text not null,
  name text not null,
  op text not null,
  target double precision not null,
  target_high double precision,
  unit text not null,
  due_by text,
  source jsonb not null
);
create index indicators_plan on indicators (plan_id);

create table progress_reports (
  id bigint generated always as identity primary key,
  assignment_id bigint not null references assignments (id) on delete cascade,
  region_code text not null,
  period text not null,
  status text not null check (status in ('not_started', 'in_progress', 'done', 'blocked')),
  narrative text not null default '',
  percent integer check (percent between 0 and 100),
  reported_by bigint references users (id),
  reported_at timestamptz not null default now(),
  row_version integer not null default 1,
  unique (assignment_id, period)
);

create table evidence_files (
  id bigint generated always as identity primary key,
  report_id bigint not null references progress_reports (id) on delete cascade,
  file_name text not null,
  mime_type text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null,
  uploaded_at timestamptz not null default now()
);

create table indicator_values (
  id bigint generated always as identity primary key,
  indicator_id bigint not null references indicators (id) on delete cascade,
  org_id bigint not null references orgs (id),
  region_code text not null,
  value double precision not null,
  as_of date not null,
  source text not null default '',
  reported_by bigint references users (id),
  reported_at timestamptz not null default now()
);

create table notices (
  id bigint generated always as identity primary key,
  measure_id bigint not null references measures (id) on delete cascade,
  org_id bigint not null references orgs (id),
  region_code text not null,
  issued_by bigint references users (id),
  issued_at timestamptz not null default now(),
  message text not null,
  respond_by date not null,
  response text,
  responded_by bigint references users (id),
  responded_at timestamptz,
  escalated_at timestamptz,
  row_version integer not null default 1
);
create index notices_org on notices (org_id);

-- One reminder per assignment, kind and period, whatever restarts or processes there are.
create table reminders (
  id bigint generated always as identity primary key,
  assignment_id bigint not null references assignments (id) on delete cascade,
  region_code text not null,
  kind text not null check (kind in ('due_soon', 'overdue', 'report_missing')),
  period text not null,
  created_at timestamptz not null default now(),
  email_sent_at timestamptz,
  webhook_sent_at timestamptz,
  unique (assignment_id, kind, period)
);

create table notifications (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  reminder_id bigint references reminders (id) on delete cascade,
  notice_id bigint references notices (id) on delete cascade,
  message text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_org on notifications (org_id, created_at);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id bigint references users (id),
  action text not null,
  entity text not null,
  entity_id text not null,
  before jsonb,
  after jsonb
);
create index audit_log_entity on audit_log (entity, entity_id);
