-- Indicators as a statistics office keeps them (issue 12): the direction the target pursues, whether
-- each figure is a level (stock) or a year's amount (flow) and whether the target counts a running
-- total (累计), the baseline and its year, the target path (several years), a growth target as
-- printed, and the sentence it was read from. Corrections carry a row version.
alter table indicators
  add column direction text check (direction in ('increase', 'decrease', 'at_least', 'at_most', 'range')),
  add column kind text not null default 'stock' check (kind in ('stock', 'flow')),
  add column cumulative boolean not null default false,
  add column baseline double precision,
  add column base_year integer,
  -- [{"year": 2023, "value": 300}, {"year": 2025, "value": 500, "high": 600}], oldest first; null: the
  -- single target (target, target_high by due_by).
  add column target_path jsonb,
  -- {"by": 10, "unit": "%", "baseYear": 2020, "annual": true}: a growth the target was printed as.
  add column growth jsonb,
  add column raw_text text,
  add column row_version integer not null default 1;

-- 指标分解: an org's share of an indicator's target for a year, set by the office above it.
create table indicator_targets (
  id bigint generated always as identity primary key,
  indicator_id bigint not null references indicators (id) on delete cascade,
  org_id bigint not null references orgs (id),
  region_code text not null,
  target double precision not null,
  target_high double precision,
  target_year integer not null,
  set_by bigint references users (id),
  set_at timestamptz not null default now(),
  unique (indicator_id, org_id, target_year)
);
create index indicator_targets_org on indicator_targets (org_id);
