// What each unit owes and how it stands: assignments with their status computed against a given
// "today" (domain/status), filtered, searched and rolled up to task, section, plan and org.
//
// At province scale (tens of thousands of assignments, hundreds of thousands of reports) nothing here
// reads whole report histories: status as of today comes from a few picked reports per assignment
// (status.ts); a list without a status filter is paged in SQL, one with a status filter
// evaluates only the rows that could have that status (query.ts) and then cuts the page;
// a roll-up counts statuses without building views. Status on a past day judged by what was known
// then (asOf) needs the histories, and takes history.ts. The row shape and its mapper are read-model.ts.
import { type Kysely, type SqlBool, sql } from "kysely";
import { type RollUp, rollUp, rollUpBy, type StatusResult } from "../../domain/status.ts";
import type { AssignmentStatus, Cadence } from "../../domain/types.ts";
import type { Database } from "../../store/schema.ts";
import { loadAssignments, viewOn } from "./history.ts";
import {
  type AssignmentFilter,
  activeAssignments,
  couldHaveStatus,
  counted,
  filtered,
  type Joined,
  joined,
} from "./query.ts";
import { type AssignmentView, assignmentFacts, VIEW_COLUMNS } from "./read-model.ts";
import { bySeverity, compareViews, listOrder, sortsByStatus } from "./sort.ts";
import { loadMeasureFacts, type MeasureFacts, readStatusRows, resolveStatuses, statusRows } from "./status.ts";

export {
  type History,
  loadAssignments,
  statusOn,
  type TrackedAssignment,
  viewOn,
} from "./history.ts";
export { ASSIGNMENT_SORTS, type AssignmentFilter, type AssignmentSort } from "./query.ts";
export type { AssignmentFacts, AssignmentView } from "./read-model.ts";

/** Everything a view shows, with the most recently filed report, and what its status needs. */
function viewRows(query: Joined) {
  return statusRows(query)
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
      "filed.period as filed_period",
      "filed.status as filed_status",
      "filed.percent as filed_percent",
      "filed.reported_at as filed_reported_at",
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewRows>["execute"]>>[number];

function toView(r: ViewRow, status: StatusResult): AssignmentView {
  return {
    ...assignmentFacts(r),
    status: status.status,
    colour: status.colour,
    missingPeriod: status.missingPeriod,
    latestReport:
      r.filed_period !== null && r.filed_status !== null && r.filed_reported_at !== null
        ? {
            period: r.filed_period,
            status: r.filed_status,
            percent: r.filed_percent,
            reportedAt: new Date(r.filed_reported_at).toISOString(),
          }
        : null,
  };
}

/** Assignments of active plans matching the filter, with status as of `today` (or the filter's asOf). */
export async function listAssignments(
  db: Kysely<Database>,
  filter: AssignmentFilter,
  today: string,
): Promise<{ items: AssignmentView[]; total: number }> {
  const offset = filter.offset ?? 0;
  const limit = filter.limit ?? 50;
  const { statuses, sort } = filter;
  if (filter.asOf !== undefined) {
    const asOf = filter.asOf;
    const views = (await loadAssignments(db, filter)).map((a) => viewOn(a, asOf, "known-then"));
    const wanted = statuses ? views.filter((v) => statuses.includes(v.status)) : views;
    if (sort) wanted.sort(compareViews(sort));
    return { items: wanted.slice(offset, offset + limit), total: wanted.length };
  }
  if (filter.orgIds && filter.orgIds.length === 0) return { items: [], total: 0 };
  const order = await listOrder(db, sort);
  if (!statuses && !sortsByStatus(sort)) return pageInSql(db, filter, order, today, limit, offset, sort === undefined);
  // Statuses decide which rows are in the list or where they stand: work them out for the rows that could
  // be in it, then cut the page.
  let query = filtered(db, filter);
  if (statuses) query = query.where(couldHaveStatus(statuses, today));
  const candidates = await readStatusRows(db, statusRows(order(query)));
  const facts = await loadMeasureFacts(db, { measureIds: candidates.map((c) => c.measure_id) });
  const known = await resolveStatuses(db, candidates, facts, today);
  let wanted = statuses
    ? candidates.filter((c) => statuses.includes((known.get(c.id) as StatusResult).status))
    : candidates;
  if (sort === "status" || sort === "-status") wanted = bySeverity(wanted, known, sort);
  const page = wanted.slice(offset, offset + limit).map((c) => c.id);
  if (page.length === 0) return { items: [], total: wanted.length };
  const rows = await viewRows(joined(db).where(sql<SqlBool>`a.id = any(${page}::bigint[])`)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: page.map((id) => toView(byId.get(id) as ViewRow, known.get(id) as StatusResult)),
    total: wanted.length,
  };
}

/** The org an assignment belongs to (any plan version), for the access check; undefined if there is none. */
export async function assignmentOrg(db: Kysely<Database>, id: number): Promise<number | undefined> {
  const row = await db.selectFrom("assignments").select("org_id").where("id", "=", id).executeTakeFirst();
  return row?.org_id;
}

/**
 * One assignment of an active plan with its status as of `today`, and its plan's cadence; null when there
 * is none (assignments of superseded plan versions are history, not work). Read by id in SQL, the same
 * view and status rule as a list row.
 */
export async function getAssignment(
  db: Kysely<Database>,
  id: number,
  today: string,
): Promise<{ view: AssignmentView; cadence: Cadence } | null> {
  const row = await viewRows(joined(db).where("a.id", "=", id)).executeTakeFirst();
  if (!row) return null;
  const known = await resolveStatuses(db, [row], new Map([[row.measure_id, row]]), today);
  return { view: toView(row, known.get(row.id) as StatusResult), cadence: row.cadence };
}

/**
 * Without a status filter or sort the page is cut in SQL, and one query reads its rows with their views
 * and the total: the page's ids and the count are each worked out once, before the per-row report picks.
 */
async function pageInSql(
  db: Kysely<Database>,
  filter: AssignmentFilter,
  order: (query: Joined) => Joined,
  today: string,
  limit: number,
  offset: number,
  listOrder: boolean,
): Promise<{ items: AssignmentView[]; total: number }> {
  // In list order the page's ids come off the assignments_due index (migration 016) with no other join
  // than the plan's (measures, tasks and orgs join one to one): the scope is not sorted to cut a page.
  const pageIds = listOrder
    ? counted(db, filter)
        .select("a.id")
        .orderBy("a.due_on", (ob) => ob.asc().nullsLast())
        .orderBy("a.id")
        .limit(limit)
        .offset(offset)
    : order(filtered(db, filter)).select("a.id").limit(limit).offset(offset);
  const count = counted(db, filter).select(sql<string>`count(*)`.as("n"));
  const rows = await viewRows(order(joined(db).where(sql<SqlBool>`a.id = any(array(${pageIds}))`)))
    .select(sql<string>`${count}`.as("total"))
    .execute();
  // Past the last page there is no row to carry the count.
  const total = Number(rows[0]?.total ?? (await count.executeTakeFirstOrThrow()).n);
  const known = await resolveStatuses(db, rows, new Map(rows.map((r) => [r.measure_id, r])), today);
  return { items: rows.map((r) => toView(r, known.get(r.id) as StatusResult)), total };
}

export type PlanRollUp = {
  plan: RollUp;
  sections: Record<string, RollUp>;
  tasks: Record<string, RollUp>;
  orgs: Record<string, RollUp>;
};

/**
 * The whole-plan roll-up of many plans at once (the plan list), as of `today`: one read of the status rows
 * of all their assignments, one of their measures' facts, the rule applied once over them all, grouped by
 * plan. A plan in `restricted.planIds` counts only the assignments of `restricted.orgIds` (a caller who
 * sees the plan only through its own orgs' share), as planRollUp does with `orgIds`.
 */
export async function planRollUps(
  db: Kysely<Database>,
  planIds: readonly number[],
  today: string,
  restricted?: { planIds: ReadonlySet<number>; orgIds: readonly number[] },
): Promise<Map<number, RollUp>> {
  const whole = planIds.filter((id) => !restricted?.planIds.has(id));
  const partial = restricted && restricted.orgIds.length > 0 ? planIds.filter((id) => restricted.planIds.has(id)) : [];
  const statuses = new Map<number, { status: AssignmentStatus }[]>(planIds.map((id) => [id, []]));
  if (whole.length + partial.length > 0) {
    const query = activeAssignments(db).where((eb) =>
      eb.or([
        sql<SqlBool>`a.plan_id = any(${whole}::bigint[])`,
        sql<SqlBool>`(a.plan_id = any(${partial}::bigint[]) and a.org_id = any(${restricted?.orgIds ?? []}::bigint[]))`,
      ]),
    );
    const wanted = [...whole, ...partial];
    const [rows, facts, measures] = await Promise.all([
      readStatusRows(db, statusRows(query)),
      loadMeasureFacts(db, { planIds: wanted }),
      db
        .selectFrom("measures")
        .select(["id", "plan_id"])
        .where(sql<SqlBool>`plan_id = any(${wanted}::bigint[])`)
        .execute(),
    ]);
    const status = await resolveStatuses(db, rows, facts, today);
    const planOf = new Map(measures.map((m) => [m.id, m.plan_id]));
    for (const r of rows)
      statuses.get(planOf.get(r.measure_id) as number)?.push({ status: (status.get(r.id) as StatusResult).status });
  }
  return new Map([...statuses].map(([id, items]) => [id, rollUp(items)]));
}

/** A plan's progress by task, section and responsible org, as of `today`. */
export async function planRollUp(
  db: Kysely<Database>,
  planId: number,
  today: string,
  orgIds?: number[],
): Promise<PlanRollUp> {
  const items: { status: AssignmentStatus; section: string; taskKey: string; orgName: string }[] = [];
  if (!orgIds || orgIds.length > 0) {
    // Counting needs no order, no view and no filter but plan and orgs: the status columns alone, and
    // beside them (at the same time) the plan's measures and the names of the orgs with assignments in it.
    let query = activeAssignments(db).where("a.plan_id", "=", planId);
    if (orgIds) query = query.where(sql<SqlBool>`a.org_id = any(${orgIds}::bigint[])`);
    const [rows, facts, orgs] = await Promise.all([
      readStatusRows(db, statusRows(query)),
      loadMeasureFacts(db, { planId }),
      db
        .selectFrom("orgs")
        .select(["id", "name"])
        .where("id", "in", (eb) => eb.selectFrom("assignments").select("org_id").where("plan_id", "=", planId))
        .execute(),
    ]);
    const status = await resolveStatuses(db, rows, facts, today);
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    for (const r of rows) {
      const f = facts.get(r.measure_id) as MeasureFacts;
      items.push({
        status: (status.get(r.id) as StatusResult).status,
        section: f.section,
        taskKey: f.task_key,
        orgName: orgName.get(r.org_id) as string,
      });
    }
  }
  return {
    plan: rollUp(items),
    sections: Object.fromEntries(rollUpBy(items, (i) => i.section || "—")),
    tasks: Object.fromEntries(rollUpBy(items, (i) => i.taskKey)),
    orgs: Object.fromEntries(rollUpBy(items, (i) => i.orgName)),
  };
}
