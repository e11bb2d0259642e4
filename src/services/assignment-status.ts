// Today's status of many assignments at once without reading their whole report histories.
//
// The domain rule (domain/status.ts, the only place status is decided) looks at an assignment's reports
// in four ways: the latest one (period order, then filing time); whether any is done, and only when a
// "…完成并持续推进" deadline lets a done report meet the due date; whether every one says "not started";
// and whether the last lapsed required period was filed. So the rule gets the same answer from a few
// picked reports as from all of them:
//   1. the latest (one index-only probe, migration 004);
//   2. for ongoing work whose latest is not done, a done report; where the latest says "not started",
//      the latest that says more — both picked in the same query, by probes that only run for those rows;
//   3. when the rule then says report_missing for a period, that period's report if it was filed after
//      all — looked up for just those, and the rule asked again.
// The picks are real reports and the latest stays last, so the rule's sort sees them as it would. A
// pick the rule turns out not to need is harmless: any real report only brings "some report is done",
// "some report has this period" and "every report says not started" closer to what the full history says.
import { type Kysely, type SqlBool, sql } from "kysely";
import { planSpanOf } from "../domain/periods.ts";
import { assignmentStatus, type StatusResult } from "../domain/status.ts";
import type { ReportRecord } from "../domain/types.ts";
import { selectColumnar } from "../store/columnar.ts";
import type { Database, ReportStatus } from "../store/schema.ts";
import type { Joined } from "./assignment-query.ts";

/** The domain's report order, latest first: the order of index progress_reports_latest. */
const LATEST_FIRST = sql`report_period_start(r.period) desc, r.reported_at desc, r.id desc`;

/** A filing day as text: parsing the timestamps of thousands of rows is a good part of a roll-up. */
const filedOn = sql<string>`to_char(r.reported_at at time zone 'UTC', 'YYYY-MM-DD')`;

/** Per assignment, what its status needs beyond its measure's facts: its own due date and its picked reports. */
export function statusRows(query: Joined) {
  return query
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("progress_reports as r")
          .select(["r.period", "r.status", filedOn.as("day")])
          .whereRef("r.assignment_id", "=", "a.id")
          .orderBy(LATEST_FIRST)
          .limit(1)
          .as("latest"),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("progress_reports as r")
          .select(["r.period", filedOn.as("day")])
          // Conditions on the outer row only: the probe runs just for ongoing work not finished by its latest.
          .where(sql<SqlBool>`a.ongoing and latest.status <> 'done'`)
          .whereRef("r.assignment_id", "=", "a.id")
          .where("r.status", "=", "done")
          .limit(1)
          .as("done"),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("progress_reports as r")
          .select(["r.period", "r.status", filedOn.as("day")])
          .where(sql<SqlBool>`latest.status = 'not_started'`)
          .whereRef("r.assignment_id", "=", "a.id")
          .where("r.status", "<>", "not_started")
          .orderBy(LATEST_FIRST)
          .limit(1)
          .as("started"),
      (join) => join.onTrue(),
    )
    .select([
      "a.id",
      "a.measure_id",
      "a.org_id",
      "a.due_on",
      "a.ongoing",
      "latest.period as latest_period",
      "latest.status as latest_status",
      "latest.day as latest_day",
      "done.period as done_period",
      "done.day as done_day",
      "started.period as started_period",
      "started.status as started_status",
      "started.day as started_day",
    ]);
}

export type StatusRow = Awaited<ReturnType<ReturnType<typeof statusRows>["execute"]>>[number];

/** The status rows of many assignments (a roll-up, a status filter's candidates), read as columns. */
export async function readStatusRows(db: Kysely<Database>, query: ReturnType<typeof statusRows>): Promise<StatusRow[]> {
  const { length, values: v } = await selectColumnar(db, query, [
    "id",
    "measure_id",
    "org_id",
    "due_on",
    "ongoing",
    "latest_period",
    "latest_status",
    "latest_day",
    "done_period",
    "done_day",
    "started_period",
    "started_status",
    "started_day",
  ]);
  const rows: StatusRow[] = new Array(length);
  for (let i = 0; i < length; i++)
    rows[i] = {
      id: v.id[i] as number,
      measure_id: v.measure_id[i] as number,
      org_id: v.org_id[i] as number,
      due_on: v.due_on[i] ?? null,
      ongoing: v.ongoing[i] as boolean,
      latest_period: v.latest_period[i] ?? null,
      latest_status: v.latest_status[i] ?? null,
      latest_day: v.latest_day[i] ?? null,
      done_period: v.done_period[i] ?? null,
      done_day: v.done_day[i] ?? null,
      started_period: v.started_period[i] ?? null,
      started_status: v.started_status[i] ?? null,
      started_day: v.started_day[i] ?? null,
    };
  return rows;
}

/** What the status rule needs from an assignment's measure and plan, shared by all its assignments. */
export type MeasureFacts = {
  deadline_raw: string | null;
  measure_status: "open" | "done";
  cadence: "monthly" | "quarterly";
  period_from: number | null;
  period_to: number | null;
  plan_year: number | null;
  due_soon_days: number;
  task_key: string;
  section: string;
};

/** The facts of the rows' measures, one row per measure. */
export async function loadMeasureFacts(
  db: Kysely<Database>,
  rows: readonly { measure_id: number }[],
): Promise<Map<number, MeasureFacts>> {
  const ids = [...new Set(rows.map((r) => r.measure_id))];
  if (ids.length === 0) return new Map();
  const facts = await db
    .selectFrom("measures as m")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .innerJoin("plans as p", "p.id", "m.plan_id")
    .select([
      "m.id",
      "m.deadline_raw",
      "m.status as measure_status",
      "p.cadence",
      "p.period_from",
      "p.period_to",
      "p.plan_year",
      "p.due_soon_days",
      "t.key as task_key",
      "t.section",
    ])
    .where(sql<SqlBool>`m.id = any(${ids}::bigint[])`)
    .execute();
  return new Map(facts.map((f) => [f.id, f]));
}

type Pick = { assignment_id: number; period: string; status: ReportStatus; day: string };

const record = (period: string, status: ReportStatus, day: string): ReportRecord => ({
  period,
  status,
  reportedAt: day,
});

/**
 * The row's picked reports, the latest last. Neither pick can be the latest (each is only looked for when
 * the latest's status rules it out); the two can be one report, which a period names (one per period).
 */
function pickedReports(row: StatusRow): ReportRecord[] {
  if (row.latest_period === null || row.latest_status === null || row.latest_day === null) return [];
  const reports: ReportRecord[] = [];
  if (row.done_period !== null && row.done_day !== null) reports.push(record(row.done_period, "done", row.done_day));
  if (
    row.started_period !== null &&
    row.started_status !== null &&
    row.started_day !== null &&
    row.started_period !== row.done_period
  )
    reports.push(record(row.started_period, row.started_status, row.started_day));
  reports.push(record(row.latest_period, row.latest_status, row.latest_day));
  return reports;
}

function statusOf(row: StatusRow, facts: MeasureFacts, reports: ReportRecord[], today: string): StatusResult {
  return assignmentStatus(
    {
      dueOn: row.due_on,
      ongoing: row.ongoing,
      deadlineRaw: facts.deadline_raw,
      signedOff: facts.measure_status === "done",
      reports,
      cadence: facts.cadence,
      // A plan that names no year reports within the current year.
      plan: planSpanOf({ periodFrom: facts.period_from, periodTo: facts.period_to, planYear: facts.plan_year }) ?? {
        from: Number(today.slice(0, 4)),
        to: Number(today.slice(0, 4)),
      },
      dueSoonDays: facts.due_soon_days,
    },
    today,
  );
}

/** Step 3: the reports of the periods the rule found missing among the picks, where they were filed. */
async function filedAfterAll(db: Kysely<Database>, missing: { id: number; period: string }[]) {
  if (missing.length === 0) return new Map<number, Pick>();
  const found = await sql<Pick>`
    select r.assignment_id, r.period, r.status, ${filedOn} as day
    from unnest(${missing.map((m) => m.id)}::bigint[], ${missing.map((m) => m.period)}::text[]) as x(id, period)
    join progress_reports r on r.assignment_id = x.id and r.period = x.period`.execute(db);
  return new Map(found.rows.map((r) => [r.assignment_id, r]));
}

/** Each row's status as of `today` by the domain rule, keyed by assignment id; `facts` holds the rows' measures. */
export async function resolveStatuses(
  db: Kysely<Database>,
  rows: readonly StatusRow[],
  facts: ReadonlyMap<number, MeasureFacts>,
  today: string,
): Promise<Map<number, StatusResult>> {
  const out = new Map<number, StatusResult>();
  const missing: { row: StatusRow; reports: ReportRecord[]; period: string }[] = [];
  const factsOf = (row: StatusRow) => {
    const f = facts.get(row.measure_id);
    if (!f) throw new Error(`no facts loaded for measure ${row.measure_id}`);
    return f;
  };
  for (const row of rows) {
    const reports = pickedReports(row);
    const status = statusOf(row, factsOf(row), reports, today);
    out.set(row.id, status);
    if (status.status === "report_missing" && status.missingPeriod !== null)
      missing.push({ row, reports, period: status.missingPeriod });
  }
  const filed = await filedAfterAll(
    db,
    missing.map((m) => ({ id: m.row.id, period: m.period })),
  );
  for (const { row, reports } of missing) {
    const found = filed.get(row.id);
    if (!found) continue;
    // Before the latest, which has to stay last.
    const more = [...reports.slice(0, -1), record(found.period, found.status, found.day), ...reports.slice(-1)];
    out.set(row.id, statusOf(row, factsOf(row), more, today));
  }
  return out;
}
