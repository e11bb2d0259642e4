// What each unit owes and how it stands: assignments with their status computed against a given
// "today" (domain/status), filtered, searched and rolled up to task, section, plan and org.
import { type Kysely, sql } from "kysely";
import { yearOf } from "../domain/dates.ts";
import { planSpanOf } from "../domain/periods.ts";
import {
  type RollUp,
  rollUp,
  rollUpBy,
  SEVERITY,
  type StatusEvaluator,
  type StatusResult,
  statusEvaluator,
} from "../domain/status.ts";
import { segmentQuery } from "../domain/text-search.ts";
import type {
  AssignmentStatus,
  Cadence,
  IsoDate,
  PlanSpan,
  ReportRecord,
  ReportStatus,
  StatusColour,
} from "../domain/types.ts";
import type { Database } from "../store/schema.ts";

export type AssignmentView = {
  id: number;
  measureId: number;
  planId: number;
  planTitle: string;
  taskKey: string;
  section: string;
  taskTitle: string;
  measureText: string;
  orgId: number;
  orgName: string;
  role: "lead" | "support" | "owner";
  via: string | null;
  dueOn: string | null;
  ongoing: boolean;
  deadlineRaw: string | null;
  status: AssignmentStatus;
  colour: StatusColour;
  missingPeriod: string | null;
  latestReport: { period: string; status: string; percent: number | null; reportedAt: string } | null;
};

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
  limit?: number;
  offset?: number;
};

/** Orders a list may be read in; "-" reverses. Without one: due date (undated last), then id. */
export const ASSIGNMENT_SORTS = ["due", "-due", "status", "-status", "org", "-org", "plan", "-plan"] as const;
export type AssignmentSort = (typeof ASSIGNMENT_SORTS)[number];

/** An assignment with what its status depends on, loaded once and evaluated on any day. */
export type TrackedAssignment = Omit<AssignmentView, "status" | "colour" | "missingPeriod" | "latestReport"> & {
  cadence: Cadence;
  plan: PlanSpan | null;
  dueSoonDays: number;
  signedOff: boolean;
  /** The sign-off's day; null when the measure is open (or was marked done without a time). */
  signedOffOn: IsoDate | null;
  /** Oldest filing first. */
  reports: { period: string; status: ReportStatus; percent: number | null; reportedAt: Date; reportedOn: IsoDate }[];
};

/** Which part of an assignment's history a status is judged by. */
export type History = "all" | "known-then";

const isoDay = (d: Date | string) => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** Assignments of active plans matching the filter's database-side parts (not statuses, asOf or paging). */
export async function loadAssignments(db: Kysely<Database>, filter: AssignmentFilter): Promise<TrackedAssignment[]> {
  if (filter.orgIds && filter.orgIds.length === 0) return [];
  let query = db
    .selectFrom("assignments as a")
    .innerJoin("measures as m", "m.id", "a.measure_id")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .select([
      "a.id",
      "a.measure_id",
      "a.plan_id",
      "p.title as plan_title",
      "p.cadence",
      "p.period_from",
      "p.period_to",
      "p.plan_year",
      "p.due_soon_days",
      "t.key as task_key",
      "t.section",
      "t.title as task_title",
      "m.text as measure_text",
      "m.status as measure_status",
      "m.signed_off_at",
      "m.deadline_raw",
      "a.org_id",
      "o.name as org_name",
      "a.role",
      "a.via",
      "a.due_on",
      "a.ongoing",
    ])
    .where("p.status", "=", "active");
  if (filter.orgIds) query = query.where("a.org_id", "in", filter.orgIds);
  if (filter.planId !== undefined) query = query.where("a.plan_id", "=", filter.planId);
  if (filter.measureId !== undefined) query = query.where("a.measure_id", "=", filter.measureId);
  if (filter.section !== undefined) query = query.where("t.section", "=", filter.section);
  if (filter.dueFrom) query = query.where("a.due_on", ">=", filter.dueFrom);
  if (filter.dueTo) query = query.where("a.due_on", "<=", filter.dueTo);
  if (filter.q?.trim()) {
    const terms = segmentQuery(filter.q);
    query = query.where(
      sql<boolean>`(to_tsvector('simple', t.search_text) @@ plainto_tsquery('simple', ${terms}) or m.text like ${`%${filter.q.trim()}%`})`,
    );
  }
  const rows = await query.orderBy("a.due_on", sql`asc nulls last`).orderBy("a.id").execute();
  const reports = await reportsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    measureId: r.measure_id,
    planId: r.plan_id,
    planTitle: r.plan_title,
    taskKey: r.task_key,
    section: r.section,
    taskTitle: r.task_title,
    measureText: r.measure_text,
    orgId: r.org_id,
    orgName: r.org_name,
    role: r.role,
    via: r.via,
    dueOn: r.due_on,
    ongoing: r.ongoing,
    deadlineRaw: r.deadline_raw,
    cadence: r.cadence,
    plan: planSpanOf({ periodFrom: r.period_from, periodTo: r.period_to, planYear: r.plan_year }),
    dueSoonDays: r.due_soon_days,
    signedOff: r.measure_status === "done",
    signedOffOn: r.signed_off_at ? isoDay(r.signed_off_at) : null,
    reports: (reports.get(r.id) ?? []).map((x) => ({
      period: x.period,
      status: x.status,
      percent: x.percent,
      reportedAt: new Date(x.reported_at),
      reportedOn: isoDay(x.reported_at),
    })),
  }));
}

// The rules' day-independent work (sorting reports, laying out reporting periods) is done once per
// assignment and kept, so that a time series evaluates each assignment on many days cheaply. A plan
// that names no year reports within the year of the day asked about, hence one evaluator per year.
const evaluators = new WeakMap<TrackedAssignment, Map<number, StatusEvaluator>>();

function evaluatorFor(a: TrackedAssignment, day: IsoDate): StatusEvaluator {
  const year = a.plan ? 0 : yearOf(day);
  let byYear = evaluators.get(a);
  if (!byYear) {
    byYear = new Map();
    evaluators.set(a, byYear);
  }
  let evaluator = byYear.get(year);
  if (!evaluator) {
    evaluator = statusEvaluator({
      dueOn: a.dueOn,
      ongoing: a.ongoing,
      deadlineRaw: a.deadlineRaw,
      signedOff: a.signedOff,
      signedOffOn: a.signedOffOn,
      reports: a.reports.map((x): ReportRecord => ({ period: x.period, status: x.status, reportedAt: x.reportedOn })),
      cadence: a.cadence,
      plan: a.plan ?? { from: year, to: year },
      dueSoonDays: a.dueSoonDays,
    });
    byYear.set(year, evaluator);
  }
  return evaluator;
}

/**
 * The assignment's status on `day` by the domain rules. With "known-then" history only the reports
 * filed and the sign-off made on or before that day count, so a past day shows what was true then.
 */
export function statusOn(a: TrackedAssignment, day: IsoDate, history: History = "all"): StatusResult {
  const evaluator = evaluatorFor(a, day);
  return history === "known-then" ? evaluator.asKnownOn(day) : evaluator.on(day);
}

/** The assignment as the API shows it, with its status on `day` (see statusOn). */
export function viewOn(a: TrackedAssignment, day: IsoDate, history: History = "all"): AssignmentView {
  const status = statusOn(a, day, history);
  const own = history === "known-then" ? a.reports.filter((r) => r.reportedOn <= day) : a.reports;
  const latest = own.at(-1);
  const { cadence: _c, plan: _p, dueSoonDays: _d, signedOff: _s, signedOffOn: _o, reports: _r, ...view } = a;
  return {
    ...view,
    status: status.status,
    colour: status.colour,
    missingPeriod: status.missingPeriod,
    latestReport: latest
      ? {
          period: latest.period,
          status: latest.status,
          percent: latest.percent,
          reportedAt: latest.reportedAt.toISOString(),
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
  const tracked = await loadAssignments(db, filter);
  const views = tracked.map((a) =>
    filter.asOf === undefined ? viewOn(a, today) : viewOn(a, filter.asOf, "known-then"),
  );
  const wanted = filter.statuses ? views.filter((v) => filter.statuses?.includes(v.status)) : views;
  if (filter.sort) wanted.sort(comparator(filter.sort));
  const offset = filter.offset ?? 0;
  const limit = filter.limit ?? 50;
  return { items: wanted.slice(offset, offset + limit), total: wanted.length };
}

// Status sorts worst first; ties keep the due-date order the rows were loaded in (Array.sort is stable),
// so a page boundary is the same on every request.
const severityRank = new Map(SEVERITY.map((status, index) => [status, index]));
const byText = (a: string, b: string) => a.localeCompare(b, "zh-Hans-CN");
const KEYS: Record<"due" | "status" | "org" | "plan", (a: AssignmentView, b: AssignmentView) => number> = {
  // Undated (ongoing, or a deadline not understood) sorts after every date either way.
  due: (a, b) => (a.dueOn === b.dueOn ? 0 : a.dueOn === null ? 1 : b.dueOn === null ? -1 : a.dueOn < b.dueOn ? -1 : 1),
  status: (a, b) => (severityRank.get(a.status) ?? 0) - (severityRank.get(b.status) ?? 0),
  org: (a, b) => byText(a.orgName, b.orgName),
  plan: (a, b) => byText(a.planTitle, b.planTitle),
};

function comparator(sort: AssignmentSort): (a: AssignmentView, b: AssignmentView) => number {
  const descending = sort.startsWith("-");
  const key = KEYS[(descending ? sort.slice(1) : sort) as keyof typeof KEYS];
  if (!descending) return key;
  if (sort !== "-due") return (a, b) => key(b, a);
  return (a, b) => (a.dueOn === null || b.dueOn === null ? key(a, b) : key(b, a));
}

async function reportsOf(db: Kysely<Database>, assignmentIds: number[]) {
  const byAssignment = new Map<
    number,
    {
      period: string;
      status: ReportStatus;
      percent: number | null;
      reported_at: Date;
    }[]
  >();
  for (let i = 0; i < assignmentIds.length; i += 5000) {
    const batch = assignmentIds.slice(i, i + 5000);
    const rows = await db
      .selectFrom("progress_reports")
      .select(["assignment_id", "period", "status", "percent", "reported_at"])
      .where("assignment_id", "in", batch)
      .orderBy("reported_at")
      .execute();
    for (const r of rows) {
      const list = byAssignment.get(r.assignment_id);
      if (list) list.push(r);
      else byAssignment.set(r.assignment_id, [r]);
    }
  }
  return byAssignment;
}

export type PlanRollUp = {
  plan: RollUp;
  sections: Record<string, RollUp>;
  tasks: Record<string, RollUp>;
  orgs: Record<string, RollUp>;
};

/** A plan's progress by task, section and responsible org, as of `today`. */
export async function planRollUp(
  db: Kysely<Database>,
  planId: number,
  today: string,
  orgIds?: number[],
): Promise<PlanRollUp> {
  const { items } = await listAssignments(
    db,
    { planId, ...(orgIds ? { orgIds } : {}), limit: Number.MAX_SAFE_INTEGER },
    today,
  );
  return {
    plan: rollUp(items),
    sections: Object.fromEntries(rollUpBy(items, (i) => i.section || "—")),
    tasks: Object.fromEntries(rollUpBy(items, (i) => i.taskKey)),
    orgs: Object.fromEntries(rollUpBy(items, (i) => i.orgName)),
  };
}
