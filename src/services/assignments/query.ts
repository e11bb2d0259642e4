// The SQL side of listing assignments: which rows a filter selects. A status filter is a condition on
// the stored status (migration 017, stored-status.ts), which is always the domain rule's answer.
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { segmentQuery } from "../../domain/text-search.ts";
import type { AssignmentStatus, IsoDate } from "../../domain/types.ts";
import { likeContaining } from "../../store/like.ts";
import type { Database } from "../../store/schema.ts";

export type AssignmentFilter = {
  /** Only these orgs' assignments (a reporter's own org, a viewer's subtree). */
  orgIds?: number[];
  planId?: number;
  measureId?: number;
  /** A plan section (the tasks' enumerator above the task, e.g. "一"); "" for tasks outside any section. */
  section?: string;
  statuses?: AssignmentStatus[];
  dueFrom?: string;
  dueTo?: string;
  /** Free text, matched against the segmented task and measure words. */
  q?: string;
  /**
   * Status as it stood at the end of this day, judged only by the reports filed and sign-offs made
   * on or before it. Without it, status is as of `today` with everything on record.
   */
  asOf?: IsoDate;
  sort?: AssignmentSort;
  /** Only ids above this one, and (idUpTo) up to that one: the daily run's batches (jobs/daily.ts). */
  idAfter?: number;
  idUpTo?: number;
  limit?: number;
  offset?: number;
  /** Where a total counted row by row stops (listAssignments' COUNT_CAP unless given). */
  countCap?: number;
  /**
   * The text search already resolved (resolveText): the measures it matches when they are few, or how a
   * large match is to be tested, row by row (a page walking the list order) or as one hashed set (a count).
   */
  textMeasureIds?: number[];
  textForm?: "row" | "set";
  /** Only the matches of this relevance tier (textTier below); with textMeasureIds, those are the tier's. */
  textTier?: TextTier;
  /** A page of every tier at once, ordered by each row's tier (relevanceOf): a scope small enough to rank whole. */
  textRanked?: boolean;
  /** How many matching measures still count as few (resolveText; FEW_MEASURES unless given). */
  fewMeasures?: number;
};

/** Orders a list may be read in; "-" reverses. Without one: due date (undated last), then id. */
export const ASSIGNMENT_SORTS = ["due", "-due", "status", "-status", "org", "-org", "plan", "-plan"] as const;
export type AssignmentSort = (typeof ASSIGNMENT_SORTS)[number];

/** Assignments of active plans, with nothing else joined: enough to count statuses. */
export function activeAssignments(db: Kysely<Database>) {
  return db
    .selectFrom("assignments as a")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .where("p.status", "=", "active");
}

/** Assignments of active plans with their measure, task, plan and org. */
export function joined(db: Kysely<Database>) {
  return activeAssignments(db)
    .innerJoin("measures as m", "m.id", "a.measure_id")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .innerJoin("orgs as o", "o.id", "a.org_id");
}

export type Joined = ReturnType<typeof joined>;

/** The list's order: earliest due first, work without a due date last. */
export const inListOrder = (query: Joined): Joined =>
  query.orderBy("a.due_on", (ob) => ob.asc().nullsLast()).orderBy("a.id");

/**
 * How well a measure matches a search, best first: the words as typed appear in the measure's own text
 * and in its task's title (3), in the measure's text (2), in the task's title (1), or the match is by the
 * task's segmented words alone (0). Within a tier a search lists in list order (due date, then id).
 * Whole tiers, not a score per row: a common term's first page is then read off the list order, tier
 * by tier, instead of scoring and sorting every match in the country.
 */
export const TEXT_TIERS = [3, 2, 1, 0] as const;
export type TextTier = (typeof TEXT_TIERS)[number];

/** Whether measure `sm` under task `st` is in the tier (the match itself is tested apart). */
function inTier(tier: TextTier, like: string): RawBuilder<SqlBool> {
  const text = tier >= 2 ? sql`sm.text like ${like}` : sql`sm.text not like ${like}`;
  const title = tier % 2 === 1 ? sql`st.title like ${like}` : sql`st.title not like ${like}`;
  return sql<SqlBool>`(${text} and ${title})`;
}

/** A matching row's tier (TEXT_TIERS), for a page ordered by it. */
export function relevanceOf(q: string): RawBuilder<number> {
  const like = likeContaining(q.trim());
  return sql<number>`(select (case when sm.text like ${like} then 2 else 0 end) + (case when st.title like ${like} then 1 else 0 end)
      from measures sm join tasks st on st.id = sm.task_id where sm.id = a.measure_id)`;
}

/** A scope of at most this many orgs is searched row by row; a larger one through the indexes. */
const ROW_BY_ROW_ORGS = 20;

/**
 * Free text: the task's segmented words through the stored vector (tasks.search_vector, migration 016),
 * or the measure's own text containing the query as typed (partial words). A small scope (a reporter's
 * org) tests its few rows' stored vectors, computing nothing; a large one reads the matching tasks from
 * the GIN index and the matching measures from the trigram index, each set found once and hashed.
 */
function textMatch(filter: AssignmentFilter, q: string): RawBuilder<SqlBool> {
  const terms = segmentQuery(q);
  const like = likeContaining(q.trim());
  const rowByRow = filter.textForm
    ? filter.textForm === "row"
    : filter.orgIds && filter.orgIds.length <= ROW_BY_ROW_ORGS;
  // One tier of a common term, tested row by row as the page walks the list order: a subquery the planner
  // keeps per row (an EXISTS it would turn into a join over every match, sorted, missing its page).
  if (filter.textTier !== undefined)
    return sql<SqlBool>`coalesce((select true from measures sm join tasks st on st.id = sm.task_id
      where sm.id = a.measure_id
        and (st.search_vector @@ plainto_tsquery('simple', ${terms}) or sm.text like ${like})
        and ${inTier(filter.textTier, like)} limit 1), false)`;
  if (rowByRow)
    return sql<SqlBool>`exists (select 1 from measures sm join tasks st on st.id = sm.task_id
      where sm.id = a.measure_id
        and (st.search_vector @@ plainto_tsquery('simple', ${terms}) or sm.text like ${like}))`;
  return sql<SqlBool>`(a.measure_id in (select sm.id from measures sm join tasks st on st.id = sm.task_id
                                      where st.search_vector @@ plainto_tsquery('simple', ${terms}))
    or a.measure_id in (select sm.id from measures sm where sm.text like ${like}))`;
}

/** The filter's conditions on a query over `assignments as a` joined with `plans as p`. */
function narrowed<Q extends ReturnType<typeof activeAssignments>>(query: Q, filter: AssignmentFilter): Q {
  let q = query;
  // One array parameter, however large a plan office's subtree is.
  // One org (a reporter's) as a plain equality: the planner then reads its rows in list order off
  // assignments_org_due (migration 018) instead of walking the whole due-date index and filtering.
  if (filter.orgIds?.length === 1) q = q.where("a.org_id", "=", filter.orgIds[0] as number) as Q;
  else if (filter.orgIds) q = q.where(sql<SqlBool>`a.org_id = any(${filter.orgIds}::bigint[])`) as Q;
  if (filter.planId !== undefined) q = q.where("a.plan_id", "=", filter.planId) as Q;
  if (filter.idAfter !== undefined) q = q.where("a.id", ">", filter.idAfter) as Q;
  if (filter.idUpTo !== undefined) q = q.where("a.id", "<=", filter.idUpTo) as Q;
  if (filter.measureId !== undefined) q = q.where("a.measure_id", "=", filter.measureId) as Q;
  // The task's section is copied onto the assignment (migration 019).
  if (filter.section !== undefined) q = q.where("a.section", "=", filter.section) as Q;
  if (filter.dueFrom) q = q.where("a.due_on", ">=", filter.dueFrom) as Q;
  if (filter.dueTo) q = q.where("a.due_on", "<=", filter.dueTo) as Q;
  if (filter.textMeasureIds) q = q.where(sql<SqlBool>`a.measure_id = any(${filter.textMeasureIds}::bigint[])`) as Q;
  else if (filter.q?.trim()) q = q.where(textMatch(filter, filter.q)) as Q;
  return q;
}

/** A search matching at most this many measures (of active plans) is listed through their ids. */
export const FEW_MEASURES = 2000;

/**
 * A text search resolved before the list is read, so its cost follows its matches: the matching measures
 * of active plans are read off the two indexes (the tasks' GIN vectors, the measures' trigrams), tier by
 * tier (TEXT_TIERS), up to FEW_MEASURES each; that few are handed to the list as ids (their assignments
 * read by index, however rare the term, or none at all); more mean the term is common, so a page walks the
 * list order testing each row (the first page's rows are found within a few hundred) and a count first
 * counts the assignments of the measures found so far (often past the cap already), then hashes every
 * match once. `ranked` is the page's filter per tier, best first, for a list in order of relevance.
 */
export async function resolveText(
  db: Kysely<Database>,
  filter: AssignmentFilter,
): Promise<{ page: AssignmentFilter; count: AssignmentFilter; some?: AssignmentFilter; ranked?: AssignmentFilter[] }> {
  const q = filter.q?.trim();
  if (!q || filter.textMeasureIds) return { page: filter, count: filter };
  // A reporter-sized scope is tested row by row already (textMatch): a few hundred rows cost less than
  // finding the matches of the whole country.
  if (filter.orgIds && filter.orgIds.length <= ROW_BY_ROW_ORGS)
    return { page: filter, count: filter, ranked: [{ ...filter, textRanked: true }] };
  const terms = segmentQuery(q);
  const like = likeContaining(q);
  const few = filter.fewMeasures ?? FEW_MEASURES;
  // Only the plans the scope has work in (from the counters, migration 019): a province searches its own
  // and its upper plans' measures, not the country's.
  const plans =
    filter.planId !== undefined
      ? sql`select ${filter.planId}::bigint as id`
      : filter.orgIds
        ? sql`select distinct c.plan_id as id from status_counts c where c.n <> 0 and c.org_id = any(${filter.orgIds}::bigint[])`
        : sql`select id from plans`;
  // Tiers 3 and 2 have the words in the measure's text (the trigram index finds them), 1 and 0 match by
  // the task's vector (the GIN index) with the words not in the measure's text: each measure in one tier.
  const tierIds = await Promise.all(
    TEXT_TIERS.map(async (tier) => {
      const match = tier >= 2 ? sql`true` : sql`st.search_vector @@ plainto_tsquery('simple', ${terms})`;
      const rows = (
        await sql<{ id: number }>`select sm.id from measures sm join tasks st on st.id = sm.task_id
           join plans sp on sp.id = sm.plan_id
          where sp.status = 'active' and sp.id in (${plans}) and ${match} and ${inTier(tier, like)}
          limit ${few + 1}`.execute(db)
      ).rows;
      return rows.map((r) => Number(r.id));
    }),
  );
  const ids = tierIds.flat();
  const ranked: AssignmentFilter[] = [];
  for (const [i, textTier] of TEXT_TIERS.entries()) {
    const found = tierIds[i] as number[];
    if (found.length === 0) continue;
    ranked.push(
      found.length <= few ? { ...filter, textTier, textMeasureIds: found } : { ...filter, textTier, textForm: "row" },
    );
  }
  if (ids.length <= few) {
    const resolved = { ...filter, textMeasureIds: ids };
    return { page: resolved, count: resolved, ranked };
  }
  // `some`: the measures found so far, enough to show a common term's total is past the cap without
  // hashing every match.
  return {
    page: { ...filter, textForm: "row" },
    count: { ...filter, textForm: "set" },
    some: { ...filter, textMeasureIds: ids },
    ranked,
  };
}

/** The filter's conditions in SQL: everything but statuses, asOf and paging. */
export function filtered(db: Kysely<Database>, filter: AssignmentFilter): Joined {
  return narrowed(joined(db), filter);
}

/** The same rows as filtered() with only the plan joined: what a count needs, no measure, task or org. */
export function counted(db: Kysely<Database>, filter: AssignmentFilter) {
  return narrowed(activeAssignments(db), filter);
}

/**
 * Whether a filter's total can be added up from the status counters (migration 019): they are kept per
 * plan, org, section and status, so a filter on anything else (text, due dates, a measure, an id range)
 * is counted row by row.
 */
export function countableByCounters(filter: AssignmentFilter): boolean {
  return (
    !filter.q?.trim() &&
    filter.measureId === undefined &&
    !filter.dueFrom &&
    !filter.dueTo &&
    filter.idAfter === undefined &&
    filter.idUpTo === undefined
  );
}

/** The total of a countable filter (countableByCounters) with these statuses, from the counters. */
export function countedByCounters(db: Kysely<Database>, filter: AssignmentFilter, statuses?: readonly string[]) {
  let q = db.selectFrom("status_counts as a");
  if (filter.orgIds?.length === 1) q = q.where("a.org_id", "=", filter.orgIds[0] as number);
  else if (filter.orgIds) q = q.where(sql<SqlBool>`a.org_id = any(${filter.orgIds}::bigint[])`);
  if (filter.planId !== undefined) q = q.where("a.plan_id", "=", filter.planId);
  if (filter.section !== undefined) q = q.where("a.section", "=", filter.section);
  if (statuses) q = q.where(sql<SqlBool>`a.status = any(${[...new Set(statuses)]}::text[])`);
  // Summed per plan first, each plan's status then read by its key: a reporter's few plans cost a few
  // lookups, not a hash of every plan (half the count's time at 1,000 requests a second).
  const perPlan = q
    .select(["a.plan_id", sql<string>`sum(a.n)`.as("n")])
    .groupBy("a.plan_id")
    .as("x");
  return db
    .selectFrom(perPlan)
    .where(sql<SqlBool>`(select p.status from plans p where p.id = x.plan_id) = 'active'`)
    .select(sql<string>`coalesce(sum(x.n), 0)`.as("n"));
}
