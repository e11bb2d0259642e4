-- National scale (issue 11): an org's subtree by its materialised path, search by a stored and
-- GIN-indexed text vector, and the list's default order backed by an index.

-- "/1/24/301/": the ids from the root down to the org itself, each followed by "/". The subtree of an
-- org with path P is every org whose path starts with P. Kept by the statement triggers below for
-- every insert and every parent change (moves included), whatever code writes the rows; a restored
-- backup's paths are recomputed the same way.
alter table orgs add column path text;
create index orgs_path on orgs (path text_pattern_ops);

-- Recomputes the paths of the given orgs and of everything under them, from their parents' paths.
-- The walk stops at an org already on the path, so a cycle (refused elsewhere) cannot loop it.
create function orgs_refresh_paths(roots bigint[]) returns void language sql as $$
  with recursive t(id, path) as (
    select o.id, coalesce(p.path, '/') || o.id || '/'
    from orgs o left join orgs p on p.id = o.parent_id
    where o.id = any(roots)
    union all
    select c.id, t.path || c.id || '/'
    from orgs c join t on c.parent_id = t.id
    where position('/' || c.id || '/' in t.path) = 0
  )
  update orgs o set path = t.path from t where o.id = t.id and o.path is distinct from t.path;
$$;

-- The inserted orgs whose parent is not among them: the rest is reached from these.
create function orgs_paths_after_insert() returns trigger language plpgsql as $$
declare
  roots bigint[] := array(
    select n.id from new_orgs n where n.parent_id is null or n.parent_id not in (select id from new_orgs));
begin
  if cardinality(roots) > 0 then perform orgs_refresh_paths(roots); end if;
  return null;
end $$;

-- The orgs whose parent changed (a move). Updates of other columns do nothing — the paths' own update
-- included, which fires this trigger again (a statement trigger fires even for no rows).
create function orgs_paths_after_update() returns trigger language plpgsql as $$
declare
  roots bigint[] := array(
    select n.id from new_orgs n join old_orgs o on o.id = n.id where n.parent_id is distinct from o.parent_id);
begin
  if cardinality(roots) > 0 then perform orgs_refresh_paths(roots); end if;
  return null;
end $$;

create trigger orgs_paths_insert after insert on orgs
  referencing new table as new_orgs for each statement execute function orgs_paths_after_insert();
create trigger orgs_paths_update after update on orgs
  referencing new table as new_orgs old table as old_orgs for each statement execute function orgs_paths_after_update();

select orgs_refresh_paths(array(select id from orgs where parent_id is null));

-- The tasks' search words (search_text, segmented by jieba on import and revision) as a stored vector,
-- so that a common term's many matches are read from the GIN index, not recomputed row by row.
alter table tasks add column search_vector tsvector;

create function tasks_search_vector() returns trigger language plpgsql as $$
begin
  new.search_vector := to_tsvector('simple', new.search_text);
  return new;
end $$;

create trigger tasks_search_vector before insert or update of search_text on tasks
  for each row execute function tasks_search_vector();

update tasks set search_vector = to_tsvector('simple', search_text);
drop index if exists tasks_search;
create index tasks_search on tasks using gin (search_vector);

-- Partial words within a measure's text (LIKE '%…%'), where the trigram index helps.
create index measures_text_trgm on measures using gin (text gin_trgm_ops);

-- The list's default order (due date, undated last, then id) read off an index, not sorted.
create index assignments_due on assignments (due_on, id);

-- A search's matching measures lead to their assignments.
create index assignments_measure on assignments (measure_id);
