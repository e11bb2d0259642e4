-- Calendar apps fetch a subscription without cookies, so each user may have one feed token for the
-- .ics URLs. Only its SHA-256 is kept, as for sessions; a new token replaces the old one.
create table calendar_tokens (
  token_hash text primary key,
  user_id bigint not null unique references users (id) on delete cascade,
  created_at timestamptz not null default now()
);
