// What leaders look at: how work stands by status, org and section, how the overdue count moved over
// time, and which deadlines fall on which day. Every bucket carries the drill-down filter that lists
// exactly its assignments, so a chart can always be clicked through to the work behind it. Statuses
// come from the domain rules (domain/status) through the assignment service; nothing here re-decides
// what "done" or "overdue" means.
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { type RollUp, rollUp, rollUpOfCounts, SEVERITY, STATUS_COLOUR } from "../../domain/status.ts";
import type { AssignmentStatus, IsoDate, StatusColour } from "../../domain/types.ts";
import type { Database } from "../../store/schema.ts";
import { type AssignmentView, freshenStatuses, listAssignments } from "../assignments/assignments.ts";
import { knownThenCounts } from "../assignments/history.ts";
import { listNotices } from "../tracking/notices.ts";

type Db = Kysely<Database>;

export type DashboardInput = {
  /** The orgs whose work counts (the caller's scope, narrowed to an org's subtree); undefined for all. */
  orgIds?: number[] | undefined;
  planId?: number | undefined;
  /** The org whose subtree orgIds was narrowed to; echoed into every drill-down. */
  underOrgId?: number | undefined;
};

/** The assignment-list filter that reproduces a bucket: each field is one filter of the list. */
export type Drill = {
  planId?: number;
  /** Exactly this org's assignments. */
  orgId?: number;
  /** This org's and its descendants' assignments. */
  underOrgId?: number;
  status?: AssignmentStatus;
  section?: string;
  dueFrom?: IsoDate;
  dueTo?: IsoDate;
  /** Status as of this day, judged by what was reported and signed off by then. */
  asOf?: IsoDate;
};

/** The notice-list filter behind the escalated-notices count. */
export type NoticeDrill = { open: true; escalated: true; planId?: number; underOrgId?: number };

export type Completion = {
  total: number;
  done: number;
  overdue: number;
  /** done / total, 0–1; null when there is nothing. */
  completionRate: number | null;
  worst: AssignmentStatus | null;
  colour: StatusColour;
  drill: Drill;
};

export type DashboardSummary = {
  asOf: IsoDate;
  total: number;
  done: number;
  overdue: number;
  completionRate: number | null;
  /** Every status, worst first, including those with no assignments. */
  byStatus: { status: AssignmentStatus; colour: StatusColour; count: number; drill: Drill }[];
  /** Per responsible org; most overdue first, then lowest completion, then org id. */
  byOrg: (Completion & { orgId: number; orgName: string })[];
  /** Per plan section, in the plan's order (plans by id). */
  /** sectionTitle: the printed heading of the section, null where the plan printed none. */
  bySection: (Completion & { planId: number; planTitle: string; section: string; sectionTitle: string | null })[];
  escalatedNotices: { open: number; drill: NoticeDrill };
};

const baseDrill = (input: DashboardInput): Drill => ({
  ...(input.planId !== undefined ? { planId: input.planId } : {}),
  ...(input.underOrgId !== undefined ? { underOrgId: input.underOrgId } : {}),
});

const loadFilter = (input: DashboardInput) => ({
  ...(input.orgIds ? { orgIds: input.orgIds } : {}),
  ...(input.planId !== undefined ? { planId: input.planId } : {}),
});

function completion(r: RollUp, drill: Drill): Completion {
  return {
    total: r.total,
    done: r.counts.done,
    overdue: r.counts.overdue,
    completionRate: r.completionRate,
    worst: r.worst,
    colour: r.colour,
    drill,
  };
}

/** Groups in first-seen order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The summary's scope as one condition on `assignments as a`. */
function scopeCondition(input: DashboardInput): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [];
  if (input.orgIds) parts.push(sql<SqlBool>`a.org_id = any(${input.orgIds}::bigint[])`);
  if (input.planId !== undefined) parts.push(sql<SqlBool>`a.plan_id = ${input.planId}`);
  return parts.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

type Counts = Partial<Record<AssignmentStatus, number>>;
const add = (counts: Counts, status: string | null, n: string | number) => {
  const s = status as AssignmentStatus;
  counts[s] = (counts[s] ?? 0) + Number(n);
};

/**
 * How work stands as of `today`: the stored statuses (migration 017) of the scope, added up from their
 * counters per org and per plan section (migration 019; for the whole country their totals, migration 020),
 * two statements side by side; no assignment or report is loaded into Node, and no assignment row is read
 * once the scope is fresh.
 */
export async function dashboardSummary(db: Db, input: DashboardInput, today: IsoDate): Promise<DashboardSummary> {
  const base = baseDrill(input);
  const empty = input.orgIds !== undefined && input.orgIds.length === 0;
  const scope = scopeCondition(input);
  if (!empty) await freshenStatuses(db, today, scope);
  // The counters of migration 019 (status_counts, aliased `a` so the scope condition reads the same):
  // as many rows as orgs × plan sections × statuses in scope, not one per assignment. The two groupings
  // are two statements run side by side (a server has more than one core; one GROUPING SETS took longer).
  type Row = { key: number; section?: string; status: string | null; n: string };
  // The whole country (no org or plan filter) reads the counters' totals per org and per section instead
  // (migration 020): as many rows as the summary returns.
  const whole = input.orgIds === undefined && input.planId === undefined;
  const counters = (keys: "org" | "section") =>
    (whole
      ? keys === "org"
        ? sql<Row>`select a.org_id as key, a.status, a.n from status_org_totals a where a.n <> 0`
        : sql<Row>`select a.plan_id as key, a.section, a.status, a.n
                     from status_section_totals a join plans p on p.id = a.plan_id
                    where p.status = 'active' and a.n <> 0`
      : sql<Row>`select ${keys === "org" ? sql`a.org_id as key` : sql`a.plan_id as key, a.section`}, a.status, sum(a.n) as n
               from status_counts a
               join plans p on p.id = a.plan_id
              where p.status = 'active' and a.n <> 0 and ${scope}
              group by ${keys === "org" ? sql`a.org_id` : sql`a.plan_id, a.section`}, a.status`
    )
      .execute(db)
      .then((r) => r.rows);
  const [orgRows, sectionRows] = empty ? [[], []] : await Promise.all([counters("org"), counters("section")]);
  const all: Counts = {};
  const orgs = new Map<number, Counts>();
  const sectionsBy = new Map<string, { planId: number; section: string; order: number; counts: Counts }>();
  for (const r of orgRows) {
    add(all, r.status, r.n);
    const id = Number(r.key);
    const counts = orgs.get(id) ?? {};
    add(counts, r.status, r.n);
    orgs.set(id, counts);
  }
  for (const r of sectionRows) {
    const planId = Number(r.key);
    const section = r.section ?? "";
    const key = `${planId}\u0000${section}`;
    const entry = sectionsBy.get(key) ?? { planId, section, order: Number.POSITIVE_INFINITY, counts: {} };
    add(entry.counts, r.status, r.n);
    sectionsBy.set(key, entry);
  }
  const planIds = [...new Set([...sectionsBy.values()].map((s) => s.planId))];
  const [orgNames, planTitles, headings, firstTasks] = await Promise.all([
    namesOf(db, "orgs", [...orgs.keys()]),
    namesOf(db, "plans", planIds),
    planHeadings(db, planIds),
    sectionOrder(db, planIds),
  ]);
  // Tasks are stored in document order, so a section's smallest task id places it in its plan.
  for (const entry of sectionsBy.values())
    entry.order = firstTasks.get(`${entry.planId}\u0000${entry.section}`) ?? Number.POSITIVE_INFINITY;
  const total = rollUpOfCounts(all);

  // The org filter alone is exact; the subtree filter would add nothing.
  const { underOrgId: _, ...orgDrill } = base;
  const byOrg = [...orgs].map(([orgId, counts]) => ({
    orgId,
    orgName: orgNames.get(orgId) ?? "",
    ...completion(rollUpOfCounts(counts), { ...orgDrill, orgId }),
  }));
  byOrg.sort((a, b) => b.overdue - a.overdue || (a.completionRate ?? 1) - (b.completionRate ?? 1) || a.orgId - b.orgId);

  const sections = [...sectionsBy.values()].sort((a, b) => a.planId - b.planId || a.order - b.order);

  const escalated = await listNotices(db, {
    orgIds: input.orgIds,
    open: true,
    escalated: true,
    planId: input.planId,
    limit: 0,
  });

  return {
    asOf: today,
    total: total.total,
    done: total.counts.done,
    overdue: total.counts.overdue,
    completionRate: total.completionRate,
    byStatus: SEVERITY.map((status) => ({
      status,
      colour: STATUS_COLOUR[status],
      count: total.counts[status],
      drill: { ...base, status },
    })),
    byOrg,
    bySection: sections.map((s) => ({
      planId: s.planId,
      planTitle: planTitles.get(s.planId) ?? "",
      section: s.section,
      ...completion(rollUpOfCounts(s.counts), { ...base, planId: s.planId, section: s.section }),
      sectionTitle: headings.get(s.planId)?.get(s.section) ?? null,
    })),
    escalatedNotices: { open: escalated.total, drill: { open: true, escalated: true, ...base } },
  };
}

/** Names of orgs or titles of plans by id. */
async function namesOf(db: Db, table: "orgs" | "plans", ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows =
    table === "orgs"
      ? await db.selectFrom("orgs").select(["id", "name"]).where(sql<SqlBool>`id = any(${ids}::bigint[])`).execute()
      : await db
          .selectFrom("plans")
          .select(["id", "title as name"])
          .where(sql<SqlBool>`id = any(${ids}::bigint[])`)
          .execute();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** "plan id NUL section" → the section's first task id. */
async function sectionOrder(db: Db, planIds: number[]): Promise<Map<string, number>> {
  if (planIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("tasks")
    .select(["plan_id", "section", (eb) => eb.fn.min("id").as("first")])
    .where(sql<SqlBool>`plan_id = any(${planIds}::bigint[])`)
    .groupBy(["plan_id", "section"])
    .execute();
  return new Map(rows.map((r) => [`${r.plan_id}\u0000${r.section}`, Number(r.first)]));
}

/** Plan id → section key → heading title. */
async function planHeadings(db: Db, planIds: number[]): Promise<Map<number, Map<string, string>>> {
  if (planIds.length === 0) return new Map();
  const rows = await db.selectFrom("plans").select(["id", "headings"]).where("id", "in", planIds).execute();
  return new Map(rows.map((r) => [r.id, new Map(r.headings.map((h) => [h.key, h.title]))]));
}

export type TrendPoint = {
  date: IsoDate;
  /** Assignments of the plans as they stand now (plan versions active today). */
  total: number;
  done: number;
  overdue: number;
  drills: { done: Drill; overdue: Drill };
};

/**
 * For each day, how many assignments were overdue and how many done at the end of that day, judged by
 * the status rules with only the reports filed and sign-offs made on or before it. Later edits of a
 * report replace its earlier state (reports keep their latest filing only), and a reopened measure
 * counts as never signed off.
 */
export async function overdueTrend(db: Db, input: DashboardInput, days: readonly IsoDate[]): Promise<TrendPoint[]> {
  // In batches with only the rules' facts (knownThenCounts): flat memory for the whole country.
  const counts = await knownThenCounts(db, loadFilter(input), days);
  const base = baseDrill(input);
  return days.map((date, i) => ({
    date,
    total: counts.total,
    done: counts.done[i] ?? 0,
    overdue: counts.overdue[i] ?? 0,
    drills: {
      done: { ...base, status: "done", asOf: date },
      overdue: { ...base, status: "overdue", asOf: date },
    },
  }));
}

export type CalendarItem = Pick<
  AssignmentView,
  | "id"
  | "measureId"
  | "planId"
  | "planTitle"
  | "taskTitle"
  | "measureText"
  | "orgId"
  | "orgName"
  | "role"
  | "status"
  | "colour"
>;

export type CalendarDay = {
  date: IsoDate;
  count: number;
  worst: AssignmentStatus;
  colour: StatusColour;
  counts: Record<AssignmentStatus, number>;
  /** The day's assignments, worst first, at most itemsPerDay of them; the drill lists all. */
  items: CalendarItem[];
  drill: Drill;
};

export const CALENDAR_ITEMS_PER_DAY = 50;

/** Days from `from` to `to` on which assignments fall due, with their status as of today; empty days left out. */
export async function deadlineCalendar(
  db: Db,
  input: DashboardInput,
  range: { from: IsoDate; to: IsoDate },
  today: IsoDate,
  itemsPerDay = CALENDAR_ITEMS_PER_DAY,
): Promise<CalendarDay[]> {
  // Stored statuses (migration 017) through the list, which freshens the scope first; no histories.
  const { items: views } = await listAssignments(
    db,
    { ...loadFilter(input), dueFrom: range.from, dueTo: range.to, limit: Number.MAX_SAFE_INTEGER },
    today,
  );
  const base = baseDrill(input);
  const severity = (s: AssignmentStatus) => SEVERITY.indexOf(s);
  const days = [...groupBy(views, (v) => v.dueOn ?? "").entries()].filter(([date]) => date !== "");
  return days
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, group]) => {
      const r = rollUp(group);
      const worst = r.worst as AssignmentStatus;
      const items = [...group]
        .sort((a, b) => severity(a.status) - severity(b.status) || a.id - b.id)
        .slice(0, itemsPerDay)
        .map(
          (v): CalendarItem => ({
            id: v.id,
            measureId: v.measureId,
            planId: v.planId,
            planTitle: v.planTitle,
            taskTitle: v.taskTitle,
            measureText: v.measureText,
            orgId: v.orgId,
            orgName: v.orgName,
            role: v.role,
            status: v.status,
            colour: v.colour,
          }),
        );
      return {
        date,
        count: r.total,
        worst,
        colour: r.colour,
        counts: r.counts,
        items,
        drill: { ...base, dueFrom: date, dueTo: date },
      };
    });
}
