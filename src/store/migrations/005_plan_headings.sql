-- The headings above a plan's tasks ("一" → "强化知识产权创造"), so sections read by name, not by marker.
-- Plans imported before this carry none; their sections show the marker alone.
alter table plans add column headings jsonb not null default '[]'::jsonb;
