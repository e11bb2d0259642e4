-- Sign-in throttling by (username, address) pair, shared by every server process: each attempt names
-- the client address, and has an id so that attempts racing each other are ordered (an attempt is
-- recorded before its password is checked, and judged by the attempts before it).
alter table login_attempts
  add column id bigint generated always as identity primary key,
  add column address text;

create index login_attempts_pair on login_attempts (username, address, id);
create index login_attempts_address on login_attempts (address, id) where not succeeded;
