// Today's status of many assignments at once without reading their whole report histories.
//
// The domain rule (domain/status.ts, the only place status is decided) looks at an assignment's reports
// in four ways: the latest one (period order, then filing time); whether any is done, and only when a
// "…完成并持续推进" deadline lets a done report meet the due date; whether every one says "not started";
// and whether the last lapsed required period was filed. So the rule gets the same answer from a few
// picked reports as from all of them:
//   1. the latest, read with the assignment (one index-only probe, migration 003);
//   2. when the latest is not done and the deadline continues, any done report; when the latest says
//      "not started", any report that says more — both looked up for just those assignments;
//   3. when the rule then says report_missing for a period, that period's report if it was filed after
//      all — looked up for just those, and the rule asked again.
// The picks are real reports, and the latest stays last, so the rule's sort sees them as it would.
import { type Kysely, type SqlBool, sql } from "kysely";
import { continuesPastDue, planSpanOf } from "../domain/periods.ts";
import { assignmentStatus, type StatusResult } from "../domain/status.ts";
import type { ReportRecord } from "../domain/types.ts";
import type { Database, ReportStatus } from "../store/schema.ts";
import type { Joined } from "./assignment-query.ts";

/** The domain's report order, latest first: the order of index progress_reports_latest. */
const LATEST_FIRST = sql`report_period_start(r.period) desc, r.reported_at desc, r.id desc`;

/**
 * Per assignment, what its status needs beyond its measure's facts: its own due date and its latest
 * report (the day as text: parsing timestamps of thousands of rows is a good part of a roll-up).
 */
export function statusRows(query: Joined) {
  return query
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("progress_reports as r")
          .select(["r.id", "r.period", "r.status", "r.reported_at"])
          .whereRef("r.assignment_id", "=", "a.id")
          .orderBy(LATEST_FIRST)
          .limit(1)
          .as("latest"),
      (join) => join.onTrue(),
    )
    .select([
      "a.id",
      "a.measure_id",
      "a.org_id",
      "a.due_on",
      "a.ongoing",
      "latest.id as latest_id",
      "latest.period as latest_period",
      "latest.status as latest_status",
      sql<string | null>`to_char(latest.reported_at at time zone 'UTC', 'YYYY-MM-DD')`.as("latest_day"),
    ]);
}

export type StatusRow = Awaited<ReturnType<ReturnType<typeof statusRows>["execute"]>>[number];

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

type Pick = { assignment_id: number; id: number; period: string; status: ReportStatus; day: string };

const record = (p: { period: string; status: ReportStatus; day: string }): ReportRecord => ({
  period: p.period,
  status: p.status,
  reportedAt: p.day,
});

const PICK_COLUMNS = sql`r.assignment_id, r.id, r.period, r.status, to_char(r.reported_at at time zone 'UTC', 'YYYY-MM-DD') as day`;

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

/** Step 2: a done report where a continuing deadline may be met by one, a started one where the latest is not. */
async function extraPicks(
  db: Kysely<Database>,
  rows: readonly StatusRow[],
  facts: ReadonlyMap<number, MeasureFacts>,
): Promise<Map<number, Pick[]>> {
  const wanted = rows.flatMap((r) => {
    if (r.latest_id === null) return [];
    const deadline = facts.get(r.measure_id)?.deadline_raw;
    const done = r.latest_status !== "done" && r.ongoing && continuesPastDue(deadline);
    const started = r.latest_status === "not_started";
    return done || started ? [{ id: r.id, done, started }] : [];
  });
  const out = new Map<number, Pick[]>();
  if (wanted.length === 0) return out;
  const picks = await sql<Pick>`
    select p.* from unnest(${wanted.map((w) => w.id)}::bigint[], ${wanted.map((w) => w.done)}::boolean[],
                           ${wanted.map((w) => w.started)}::boolean[]) as x(id, done, started)
    cross join lateral (
      (select ${PICK_COLUMNS} from progress_reports r
        where x.done and r.assignment_id = x.id and r.status = 'done' limit 1)
      union all
      (select ${PICK_COLUMNS} from progress_reports r
        where x.started and r.assignment_id = x.id and r.status <> 'not_started' order by ${LATEST_FIRST} limit 1)
    ) p`.execute(db);
  for (const p of picks.rows) out.set(p.assignment_id, [...(out.get(p.assignment_id) ?? []), p]);
  return out;
}

/** Step 3: the reports of the periods the rule found missing among the picks, where they were filed. */
async function filedAfterAll(db: Kysely<Database>, missing: { id: number; period: string }[]) {
  if (missing.length === 0) return new Map<number, Pick>();
  const found = await sql<Pick>`
    select ${PICK_COLUMNS}
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
  const extra = await extraPicks(db, rows, facts);
  const out = new Map<number, StatusResult>();
  const picked = new Map<number, { reports: ReportRecord[]; ids: Set<number> }>();
  const missing: { id: number; period: string }[] = [];
  const factsOf = (row: StatusRow) => {
    const f = facts.get(row.measure_id);
    if (!f) throw new Error(`no facts loaded for measure ${row.measure_id}`);
    return f;
  };
  for (const row of rows) {
    const reports: ReportRecord[] = [];
    const ids = new Set<number>();
    if (row.latest_id !== null && row.latest_period !== null && row.latest_status !== null && row.latest_day) {
      for (const p of extra.get(row.id) ?? [])
        if (p.id !== row.latest_id && !ids.has(p.id)) {
          ids.add(p.id);
          reports.push(record(p));
        }
      ids.add(row.latest_id);
      reports.push(record({ period: row.latest_period, status: row.latest_status, day: row.latest_day }));
    }
    const status = statusOf(row, factsOf(row), reports, today);
    out.set(row.id, status);
    if (status.status === "report_missing" && status.missingPeriod !== null) {
      missing.push({ id: row.id, period: status.missingPeriod });
      picked.set(row.id, { reports, ids });
    }
  }
  const filed = await filedAfterAll(db, missing);
  for (const row of rows) {
    const found = filed.get(row.id);
    const own = picked.get(row.id);
    if (!found || !own || own.ids.has(found.id)) continue;
    // Before the latest, which has to stay last.
    const reports = [...own.reports.slice(0, -1), record(found), ...own.reports.slice(-1)];
    out.set(row.id, statusOf(row, factsOf(row), reports, today));
  }
  return out;
}
