-- Indicators under supervision (issue 12): a rate's weight indicator, set by the plan office, so a rate
-- rolls up as the weighted mean of the orgs' rates (万人发明专利拥有量 weighted by population); and a
-- reminder to each org whose indicator is off pace, once per org, indicator, year and band.
alter table indicators add column weight_indicator_id bigint;

create table indicator_reminders (
  id bigint generated always as identity primary key,
  indicator_id bigint not null references indicators (id) on delete cascade,
  org_id bigint not null references orgs (id),
  region_code text not null,
  -- "2025:acceleration_needed": a band that worsens within the year is chased afresh.
  period text not null,
  band text not null,
  created_at timestamptz not null default now(),
  unique (indicator_id, org_id, period)
);
create index indicator_reminders_org on indicator_reminders (org_id);
