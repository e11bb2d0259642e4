// What each unit owes and how it stands: assignments with their status as of a given "today"
// (domain/status), filtered, searched and rolled up to task, section, plan and org.
//
// Status as of today is a column (migration 017): the rule's answer, stored by every write that changes
// it and by the daily run (stored-status.ts), and freshened for a read's scope before the read when a
// row's day is not today. So a list filters and sorts by it and pages in SQL, and a roll-up counts it
// with GROUP BY; nothing here reads report histories. Status on a past day judged by what was known
// then (asOf) needs the histories, and takes history.ts.
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { type RollUp, rollUpOfCounts, SEVERITY, STATUS_COLOUR } from "../../domain/status.ts";
import type { AssignmentStatus, Cadence } from "../../domain/types.ts";
import type { Database } from "../../store/schema.ts";
import { loadAssignments, viewOn } from "./history.ts";
import {
  type AssignmentFilter,
  countableByCounters,
  counted,
  countedByCounters,
  filtered,
  inListOrder,
  type Joined,
  joined,
  relevanceOf,
  resolveText,
} from "./query.ts";
import { type AssignmentView, assignmentView, VIEW_COLUMNS } from "./read-model.ts";
import { compareRelevance, compareViews, listOrder, sortsByStatus } from "./sort.ts";
import { anyStale, freshenStatuses } from "./stored-status.ts";

export {
  type History,
  loadAssignments,
  statusOn,
  type TrackedAssignment,
  viewOn,
} from "./history.ts";
export { ASSIGNMENT_SORTS, type AssignmentFilter, type AssignmentSort } from "./query.ts";
export type { AssignmentFacts, AssignmentView } from "./read-model.ts";
export { freshenStatuses, refreshStatus, refreshStatuses } from "./stored-status.ts";

/** Everything a view shows, with the most recently filed report and the stored status (migration 017). */
function viewRows(query: Joined) {
  return query
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("progress_reports as r")
          .select(["r.period", "r.status", "r.percent", "r.reported_at"])
          .whereRef("r.assignment_id", "=", "a.id")
          .orderBy("r.reported_at", "desc")
          .orderBy("r.id", "desc")
          .limit(1)
          .as("filed"),
      (join) => join.onTrue(),
    )
    .select(VIEW_COLUMNS)
    .select([
      "a.id",
      "a.measure_id",
      "a.org_id",
      "a.due_on",
      "a.ongoing",
      "a.status as stored_status",
      "a.status_missing_period",
      "filed.period as filed_period",
      "filed.status as filed_status",
      "filed.percent as filed_percent",
      "filed.reported_at as filed_reported_at",
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewRows>["execute"]>>[number];

function toView(r: ViewRow): AssignmentView {
  const status = r.stored_status as AssignmentStatus;
  return assignmentView(r, {
    status,
    colour: STATUS_COLOUR[status],
    missingPeriod: r.status_missing_period,
    latestReport:
      r.filed_period !== null && r.filed_status !== null && r.filed_reported_at !== null
        ? {
            period: r.filed_period,
            status: r.filed_status,
            percent: r.filed_percent,
            reportedAt: new Date(r.filed_reported_at).toISOString(),
          }
        : null,
  });
}

/**
 * A total counted row by row (a text search, a due range) stops here: beyond it the list says "at least
 * this many" (totalCapped). Totals of filters on org, plan, section and status come from the counters
 * (migration 019) and are always exact.
 */
export const COUNT_CAP = 10_000;

export type AssignmentPage = {
  items: AssignmentView[];
  total: number;
  /** total is the cap (COUNT_CAP) and more rows match: a lower bound, not the exact count. */
  totalCapped: boolean;
};

/** Assignments of active plans matching the filter, with status as of `today` (or the filter's asOf). */
export async function listAssignments(
  db: Kysely<Database>,
  filter: AssignmentFilter,
  today: string,
): Promise<AssignmentPage> {
  const offset = filter.offset ?? 0;
  const limit = filter.limit ?? 50;
  const { statuses, sort } = filter;
  if (filter.asOf !== undefined) {
    const asOf = filter.asOf;
    const views = (await loadAssignments(db, filter)).map((a) => viewOn(a, asOf, "known-then"));
    const wanted = statuses ? views.filter((v) => statuses.includes(v.status)) : views;
    if (sort) wanted.sort(compareViews(sort));
    else if (filter.q?.trim()) wanted.sort(compareRelevance(filter.q));
    return { items: wanted.slice(offset, offset + limit), total: wanted.length, totalCapped: false };
  }
  if (filter.orgIds && filter.orgIds.length === 0) return { items: [], total: 0, totalCapped: false };
  if (statuses && statuses.length === 0) return { items: [], total: 0, totalCapped: false };
  const scope = scopeOf(filter);
  const text = await resolveText(db, filter);
  // Status is a column: a status filter is a condition, a status sort an order, and the page is cut in SQL.
  const byStatus = sortsByStatus(sort);
  const order = byStatus ? severityOrder(sort === "-status" ? "desc" : "asc") : await listOrder(db, sort);
  const withStatus = <Q extends ReturnType<typeof counted>>(q: Q): Q =>
    statuses ? (q.where(sql<SqlBool>`a.status = any(${[...new Set(statuses)]}::text[])`) as Q) : q;
  // In list order the page's ids come off an index (assignments_due, or assignments_status for a status
  // filter) with no other join than the plan's (measures, tasks and orgs join one to one).
  // A search without a sort lists by relevance: tier by tier (TEXT_TIERS), each in list order.
  const ranked = sort === undefined ? text.ranked : undefined;
  const inList = (f: AssignmentFilter) => {
    const rows = withStatus(counted(db, f)).select("a.id");
    return (f.textRanked && f.q ? rows.orderBy(relevanceOf(f.q), "desc") : rows)
      .orderBy("a.due_on", (ob) => ob.asc().nullsLast())
      .orderBy("a.id");
  };
  const rankedIds = async (tiers: AssignmentFilter[]): Promise<number[]> => {
    const ids: number[] = [];
    let skip = offset;
    for (const tier of tiers) {
      if (ids.length >= limit) break;
      const rows = await inList(tier)
        .limit(limit - ids.length)
        .offset(skip)
        .execute();
      ids.push(...rows.map((r) => Number(r.id)));
      if (rows.length > 0) skip = 0;
      else if (skip > 0) {
        // The page starts past this tier: skip as many rows as it has (at most skip).
        const n = await db
          .selectFrom(withStatus(counted(db, tier)).select("a.id").limit(skip).as("c"))
          .select(sql<string>`count(*)`.as("n"))
          .executeTakeFirstOrThrow();
        skip -= Number(n.n);
      }
    }
    return ids;
  };
  const pageIds =
    sort === undefined
      ? inList(text.page).limit(limit).offset(offset)
      : order(withStatus(filtered(db, text.page)))
          .select("a.id")
          .limit(limit)
          .offset(offset);
  const cap = filter.countCap ?? COUNT_CAP;
  // Counting stops one row past the cap: a search matching half the country costs as much as one
  // matching ten thousand.
  const capped = (f: AssignmentFilter) =>
    db
      .selectFrom(
        withStatus(counted(db, f))
          .select("a.id")
          .limit(cap + 1)
          .as("c"),
      )
      .select(sql<string>`count(*)`.as("n"));
  const countQuery = async () => {
    if (countableByCounters(filter)) return countedByCounters(db, filter, statuses);
    // A common term: the assignments of the measures found so far may already pass the cap.
    if (text.some !== undefined && Number((await capped(text.some).executeTakeFirstOrThrow()).n) > cap)
      return db.selectNoFrom(sql<string>`${String(cap + 1)}::bigint`.as("n"));
    return capped(text.count);
  };
  let rankedPage = ranked ? await rankedIds(ranked) : [];
  const pageWith = (count: Awaited<ReturnType<typeof countQuery>>) =>
    viewRows(
      ranked
        ? joined(db)
            .where(sql<SqlBool>`a.id = any(${rankedPage}::bigint[])`)
            .orderBy(sql`array_position(${rankedPage}::bigint[], a.id)`)
        : order(joined(db).where(sql<SqlBool>`a.id = any(array(${pageIds}))`)),
    )
      .select(sql<string>`${count}`.as("total"))
      .select(anyStale(today, scope).as("stale"));
  // One statement when, as usual, no row of the scope is stale: the page, its count and whether anything is
  // stale. If something is, its statuses are recomputed and the page (and count) read again.
  let count = await countQuery();
  let rows = await pageWith(count).execute();
  let stale = false;
  if (rows[0]?.stale) {
    await freshenStatuses(db, today, scope);
    stale = true;
  } else if (rows.length === 0) {
    // Past the last page no row tells whether anything was stale; freshened, the page may have rows now.
    stale = (await freshenStatuses(db, today, scope)) > 0;
  }
  if (stale) {
    if (ranked) rankedPage = await rankedIds(ranked);
    count = await countQuery();
    rows = await pageWith(count).execute();
  }
  // Past the last page there is no row to carry the count.
  const n = Number(rows[0]?.total ?? (await count.executeTakeFirstOrThrow()).n);
  const totalCapped = !countableByCounters(filter) && n > cap;
  return { items: rows.map(toView), total: totalCapped ? cap : n, totalCapped };
}

/** The org an assignment belongs to (any plan version), for the access check; undefined if there is none. */
export async function assignmentOrg(db: Kysely<Database>, id: number): Promise<number | undefined> {
  const row = await db.selectFrom("assignments").select("org_id").where("id", "=", id).executeTakeFirst();
  return row?.org_id;
}

/**
 * One assignment of an active plan with its status as of `today`, and its plan's cadence; null when there
 * is none (assignments of superseded plan versions are history, not work). Read by id in SQL, the same
 * view as a list row, its stored status freshened first.
 */
export async function getAssignment(
  db: Kysely<Database>,
  id: number,
  today: string,
): Promise<{ view: AssignmentView; cadence: Cadence } | null> {
  await freshenStatuses(db, today, sql<SqlBool>`a.id = ${id}`);
  const row = await viewRows(joined(db).where("a.id", "=", id)).executeTakeFirst();
  if (!row) return null;
  return { view: toView(row), cadence: row.cadence };
}

/** The status sort: severity (domain SEVERITY), ties in list order. */
function severityOrder(direction: "asc" | "desc") {
  const rank = sql<number>`array_position(${[...SEVERITY]}::text[], a.status)`;
  return (q: Joined): Joined => inListOrder(q.orderBy(rank, direction));
}

/** A superset of the rows a filter can select, as one condition: what is freshened before reading it. */
function scopeOf(filter: AssignmentFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [];
  // One org as an equality, as query.ts narrows it: no array parameter, so the page's statement is prepared.
  if (filter.orgIds?.length === 1) parts.push(sql<SqlBool>`a.org_id = ${filter.orgIds[0]}`);
  else if (filter.orgIds) parts.push(sql<SqlBool>`a.org_id = any(${filter.orgIds}::bigint[])`);
  if (filter.planId !== undefined) parts.push(sql<SqlBool>`a.plan_id = ${filter.planId}`);
  if (filter.measureId !== undefined) parts.push(sql<SqlBool>`a.measure_id = ${filter.measureId}`);
  return parts.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

export type PlanRollUp = {
  plan: RollUp;
  sections: Record<string, RollUp>;
  tasks: Record<string, RollUp>;
  orgs: Record<string, RollUp>;
};

/** Counts per status keyed by group, groups in the order given (first row first). */
export function countsByKey(
  rows: readonly { key: string; status: string | null; n: number | string }[],
): Map<string, Partial<Record<AssignmentStatus, number>>> {
  const out = new Map<string, Partial<Record<AssignmentStatus, number>>>();
  for (const r of rows) {
    const counts = out.get(r.key) ?? {};
    const status = r.status as AssignmentStatus;
    counts[status] = (counts[status] ?? 0) + Number(r.n);
    out.set(r.key, counts);
  }
  return out;
}

/**
 * The whole-plan roll-up of many plans at once (the plan list), as of `today`: the stored statuses of
 * their assignments added up per plan and status from the counters (migration 019). A plan in `restricted.planIds` counts only the
 * assignments of `restricted.orgIds` (a caller who sees the plan only through its own orgs' share), as
 * planRollUp does with `orgIds`.
 */
export async function planRollUps(
  db: Kysely<Database>,
  planIds: readonly number[],
  today: string,
  restricted?: { planIds: ReadonlySet<number>; orgIds: readonly number[] },
): Promise<Map<number, RollUp>> {
  const whole = planIds.filter((id) => !restricted?.planIds.has(id));
  const partial = restricted && restricted.orgIds.length > 0 ? planIds.filter((id) => restricted.planIds.has(id)) : [];
  let counts = new Map<string, Partial<Record<AssignmentStatus, number>>>();
  if (whole.length + partial.length > 0) {
    const inScope = sql<SqlBool>`(a.plan_id = any(${whole}::bigint[])
      or (a.plan_id = any(${partial}::bigint[]) and a.org_id = any(${restricted?.orgIds ?? []}::bigint[])))`;
    await freshenStatuses(db, today, inScope);
    // The counters of migration 019 (aliased `a`, so inScope reads the same), not the assignment rows; a
    // whole plan's from their per-section totals (migration 020), a few rows per plan whatever its orgs.
    const wholePlans = db
      .selectFrom("status_section_totals as a")
      .innerJoin("plans as p", "p.id", "a.plan_id")
      .where("p.status", "=", "active")
      .where("a.n", "<>", 0)
      .where(sql<SqlBool>`a.plan_id = any(${whole}::bigint[])`)
      .select([sql<string>`a.plan_id::text`.as("key"), "a.status", sql<string>`sum(a.n)`.as("n")])
      .groupBy(["a.plan_id", "a.status"]);
    const shares = db
      .selectFrom("status_counts as a")
      .innerJoin("plans as p", "p.id", "a.plan_id")
      .where("p.status", "=", "active")
      .where("a.n", "<>", 0)
      .where(
        sql<SqlBool>`(a.plan_id = any(${partial}::bigint[]) and a.org_id = any(${restricted?.orgIds ?? []}::bigint[]))`,
      )
      .select([sql<string>`a.plan_id::text`.as("key"), "a.status", sql<string>`sum(a.n)`.as("n")])
      .groupBy(["a.plan_id", "a.status"]);
    const rows = await (whole.length === 0
      ? shares
      : partial.length === 0
        ? wholePlans
        : wholePlans.unionAll(shares)
    ).execute();
    counts = countsByKey(rows);
  }
  return new Map(planIds.map((id) => [id, rollUpOfCounts(counts.get(String(id)) ?? {})]));
}

/**
 * A plan's progress by task, section and responsible org, as of `today`: the stored statuses counted in
 * SQL over the plan's assignments alone (per measure and per org, GROUPING SETS), then placed under their
 * tasks, sections and org names from the plan's few measures and orgs.
 */
export async function planRollUp(
  db: Kysely<Database>,
  planId: number,
  today: string,
  orgIds?: number[],
): Promise<PlanRollUp> {
  type Row = { measure_id: number | null; org_id: number | null; status: string | null; n: string; first: number };
  let rows: Row[] = [];
  const measures = new Map<number, { section: string; key: string }>();
  const orgNames = new Map<number, string>();
  if (!orgIds || orgIds.length > 0) {
    const inScope = orgIds
      ? sql<SqlBool>`(a.plan_id = ${planId} and a.org_id = any(${orgIds}::bigint[]))`
      : sql<SqlBool>`a.plan_id = ${planId}`;
    await freshenStatuses(db, today, inScope);
    const [counted, ms, os] = await Promise.all([
      sql<Row>`select a.measure_id, a.org_id, a.status, count(*) as n, min(a.id) as first
                 from assignments a join plans p on p.id = a.plan_id
                where p.status = 'active' and ${inScope}
                group by grouping sets ((a.measure_id, a.status), (a.org_id, a.status))`.execute(db),
      db
        .selectFrom("measures as m")
        .innerJoin("tasks as t", "t.id", "m.task_id")
        .select(["m.id", "t.section", "t.key"])
        .where("m.plan_id", "=", planId)
        .execute(),
      db
        .selectFrom("orgs")
        .select(["id", "name"])
        .where("id", "in", (eb) => eb.selectFrom("assignments").select("org_id").where("plan_id", "=", planId))
        .execute(),
    ]);
    rows = counted.rows;
    for (const m of ms) measures.set(Number(m.id), { section: m.section, key: m.key });
    for (const o of os) orgNames.set(Number(o.id), o.name);
  }
  const byMeasure = rows.filter((r) => r.measure_id !== null);
  const byOrg = rows.filter((r) => r.org_id !== null);
  // Groups in the order of their first assignment, as the per-assignment roll-up listed them.
  const by = (part: Row[], key: (r: Row) => string) => {
    const firsts = new Map<string, number>();
    for (const r of part) firsts.set(key(r), Math.min(firsts.get(key(r)) ?? Number.POSITIVE_INFINITY, Number(r.first)));
    const sorted = [...part].sort((a, b) => (firsts.get(key(a)) as number) - (firsts.get(key(b)) as number));
    return Object.fromEntries(
      [...countsByKey(sorted.map((r) => ({ key: key(r), status: r.status, n: r.n })))].map(([k, c]) => [
        k,
        rollUpOfCounts(c),
      ]),
    );
  };
  const measureOf = (r: Row) => measures.get(Number(r.measure_id)) as { section: string; key: string };
  const plan = rollUpOfCounts(countsByKey(byOrg.map((r) => ({ key: "", status: r.status, n: r.n }))).get("") ?? {});
  return {
    plan,
    sections: by(byMeasure, (r) => measureOf(r).section || "—"),
    tasks: by(byMeasure, (r) => measureOf(r).key),
    orgs: by(byOrg, (r) => orgNames.get(Number(r.org_id)) as string),
  };
}
