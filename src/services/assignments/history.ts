// Assignments with their whole report history, for judging status on any day by what was known then
// (a list's asOf, the dashboard's overdue trend). Lists and roll-ups as of today need far less and take
// the cheaper path in assignments.ts.
import { type Kysely, type SqlBool, sql } from "kysely";
import { yearOf } from "../../domain/dates.ts";
import { planSpanOf } from "../../domain/periods.ts";
import { type StatusEvaluator, type StatusResult, statusEvaluator } from "../../domain/status.ts";
import type { Cadence, IsoDate, PlanSpan, ReportRecord, ReportStatus } from "../../domain/types.ts";
import { selectColumnar } from "../../store/columnar.ts";
import type { Database } from "../../store/schema.ts";
import { type AssignmentFilter, counted, filtered, inListOrder } from "./query.ts";
import {
  type AssignmentFacts,
  type AssignmentView,
  assignmentFacts,
  RULE_COLUMNS,
  VIEW_COLUMNS,
} from "./read-model.ts";

export type { AssignmentView } from "./read-model.ts";

/** What an assignment's status on any day depends on: enough to evaluate it, nothing to show. */
export type StatusFacts = {
  dueOn: IsoDate | null;
  ongoing: boolean;
  deadlineRaw: string | null;
  cadence: Cadence;
  plan: PlanSpan | null;
  dueSoonDays: number;
  signedOff: boolean;
  /** The day the unit's assignment was signed off; null while it is open. */
  signedOffOn: IsoDate | null;
  /** Oldest filing first. */
  reports: { period: string; status: ReportStatus; reportedOn: IsoDate }[];
};

/** An assignment with what its status depends on, loaded once and evaluated on any day. */
export type TrackedAssignment = AssignmentFacts &
  Omit<StatusFacts, "reports"> & {
    reports: { period: string; status: ReportStatus; percent: number | null; reportedAt: Date; reportedOn: IsoDate }[];
  };

/** Which part of an assignment's history a status is judged by. */
export type History = "all" | "known-then";

const isoDay = (d: Date | string) => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** Assignments of active plans matching the filter's database-side parts (not statuses, asOf or paging). */
export async function loadAssignments(db: Kysely<Database>, filter: AssignmentFilter): Promise<TrackedAssignment[]> {
  if (filter.orgIds && filter.orgIds.length === 0) return [];
  const rows = await inListOrder(filtered(db, filter))
    .select(VIEW_COLUMNS)
    .select(["a.id", "a.measure_id", "a.org_id", "a.due_on", "a.ongoing", "a.closed_at"])
    .execute();
  const reports = await reportsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...assignmentFacts(r),
    cadence: r.cadence,
    plan: planSpanOf({ periodFrom: r.period_from, periodTo: r.period_to, planYear: r.plan_year }),
    dueSoonDays: r.due_soon_days,
    signedOff: r.closed_at !== null,
    signedOffOn: r.closed_at ? isoDay(r.closed_at) : null,
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
const evaluators = new WeakMap<StatusFacts, Map<number, StatusEvaluator>>();

function evaluatorFor(a: StatusFacts, day: IsoDate): StatusEvaluator {
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
export function statusOn(a: StatusFacts, day: IsoDate, history: History = "all"): StatusResult {
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

/** How many assignments of a filter were done and how many overdue at the end of each day, known then. */
export type DayCounts = { total: number; done: number[]; overdue: number[] };

/** Assignments read per batch by knownThenCounts: its memory, whatever the scope. */
export const TREND_BATCH = 5000;

/**
 * For each day, how many of the filter's assignments were done and how many overdue by the status rules
 * with only the reports filed and the sign-off made by then. The scope is read in batches of assignments
 * (keyset by id) with only the facts the rules need, the next batch fetched while this one is judged, so
 * memory stays flat however large the scope (the national office's 520k assignments and 5M reports).
 */
export async function knownThenCounts(
  db: Kysely<Database>,
  filter: AssignmentFilter,
  days: readonly IsoDate[],
  batchSize: number = TREND_BATCH,
): Promise<DayCounts> {
  const out: DayCounts = { total: 0, done: days.map(() => 0), overdue: days.map(() => 0) };
  if (filter.orgIds && filter.orgIds.length === 0) return out;
  const batch = async (after: number) => {
    const rows = await counted(db, { ...filter, idAfter: after })
      .innerJoin("measures as m", "m.id", "a.measure_id")
      .select(["a.id", "a.due_on", "a.ongoing", "a.closed_at", ...RULE_COLUMNS])
      .orderBy("a.id")
      .limit(batchSize)
      .execute();
    const ids = rows.map((r) => r.id);
    // Read column by column (store/columnar.ts): half a million reports cost less to parse as arrays, with
    // the filing day (UTC, as isoDay) computed by the database instead of a Date per row.
    const reports = await selectColumnar(
      db,
      db
        .selectFrom("progress_reports")
        .select([
          "assignment_id",
          "period",
          "status",
          sql<string>`to_char(reported_at at time zone 'UTC', 'YYYY-MM-DD')`.as("reported_on"),
        ])
        .where(sql<SqlBool>`assignment_id = any(${ids}::bigint[])`)
        .orderBy("assignment_id")
        .orderBy("reported_at"),
      ["assignment_id", "period", "status", "reported_on"],
    );
    return { rows, reports };
  };
  let next = batch(0);
  for (;;) {
    const { rows, reports } = await next;
    if (rows.length === 0) break;
    const last = rows[rows.length - 1]?.id as number;
    // The next batch is read while this one is judged (the database works beside the rules).
    if (rows.length === batchSize) next = batch(last);
    const byAssignment = new Map<number, StatusFacts["reports"]>();
    const { assignment_id: owner, period, status, reported_on: reportedOn } = reports.values;
    for (let k = 0; k < reports.length; k++) {
      const id = owner[k] as number;
      const list = byAssignment.get(id) ?? [];
      list.push({
        period: period[k] as string,
        status: status[k] as ReportStatus,
        reportedOn: reportedOn[k] as string,
      });
      byAssignment.set(id, list);
    }
    for (const r of rows) {
      const facts: StatusFacts = {
        dueOn: r.due_on,
        ongoing: r.ongoing,
        deadlineRaw: r.deadline_raw,
        cadence: r.cadence,
        plan: planSpanOf({ periodFrom: r.period_from, periodTo: r.period_to, planYear: r.plan_year }),
        dueSoonDays: r.due_soon_days,
        signedOff: r.closed_at !== null,
        signedOffOn: r.closed_at ? isoDay(r.closed_at) : null,
        reports: byAssignment.get(r.id) ?? [],
      };
      for (const [i, day] of days.entries()) {
        const status = statusOn(facts, day, "known-then").status;
        if (status === "done") out.done[i] = (out.done[i] ?? 0) + 1;
        else if (status === "overdue") out.overdue[i] = (out.overdue[i] ?? 0) + 1;
      }
    }
    out.total += rows.length;
    if (rows.length < batchSize) break;
  }
  return out;
}
