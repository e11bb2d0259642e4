// Today's status of many assignments at once without reading their whole report histories.
//
// The domain rule (domain/status.ts, the only place status is decided) looks at an assignment's reports
// in four ways: the latest one (period order, then filing time); whether any is done, and only when a
// "…完成并持续推进" deadline lets a done report meet the due date; whether every one says "not started";
// and whether the last lapsed required period was filed. So the rule gets the same answer from a few
// picked reports as from all of them:
//   1. the latest, which the assignment row carries (kept by the database, migration 006);
//   2. for ongoing work whose latest is not done, a done report; where the latest says "not started",
//      one that says more — each looked up, in the same query, only for the rows it can matter to;
//   3. when the rule then says report_missing for a period, that period's report if it was filed after
//      all — looked up for just those, and the rule asked again.
// The picks are real reports and the latest stays last, so the rule's sort sees them as it would. A
// pick the rule turns out not to need is harmless: any real report only brings "some report is done",
// "some report has this period" and "every report says not started" closer to what the full history says.
import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { planSpanOf } from "../../domain/periods.ts";
import { type RuleFacts, type StatusResult, type StatusRule, statusRule } from "../../domain/status.ts";
import type { ReportRecord } from "../../domain/types.ts";
import { selectColumnar } from "../../store/columnar.ts";
import type { Database, ReportStatus } from "../../store/schema.ts";
import { RULE_COLUMNS } from "./read-model.ts";

/** A filing day ("YYYY-MM-DD", UTC) rather than a timestamp: parsing thousands of those is a good part of a roll-up. */
const day = (at: ReturnType<typeof sql.ref>) => sql<string>`(${at} at time zone 'UTC')::date`;

/** Per assignment, what its status needs beyond its measure's facts. */
export type StatusRow = {
  id: number;
  measure_id: number;
  org_id: number;
  due_on: string | null;
  ongoing: boolean;
  /** The assignment is closed: its unit's application (sign-off or done report) approved (closed_at, migration 013). */
  signed_off: boolean;
  latest_period: string | null;
  latest_status: ReportStatus | null;
  latest_day: string | null;
  /** A done report, for ongoing work whose latest report is not done: [period, day]. */
  done: [string, string] | null;
  /** A report saying more than "not started", where the latest says not started: [period, status, day]. */
  started: [string, ReportStatus, string] | null;
};

/**
 * The status columns of the assignments a query selects (as "a"); it can be any query over assignments,
 * joined to whatever its filter needs. Each pick is a subquery the CASE only runs for the rows it can
 * matter to, one index probe each (indexes progress_reports_done and progress_reports_latest).
 */
export function statusRows<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>) {
  return query
    .select([
      sql<number>`a.id`.as("id"),
      sql<number>`a.measure_id`.as("measure_id"),
      sql<number>`a.org_id`.as("org_id"),
      sql<string | null>`a.due_on`.as("due_on"),
      sql<boolean>`a.ongoing`.as("ongoing"),
      sql<boolean>`a.closed_at is not null`.as("signed_off"),
      sql<string | null>`a.latest_period`.as("latest_period"),
      sql<ReportStatus | null>`a.latest_status`.as("latest_status"),
      day(sql.ref("a.latest_reported_at")).as("latest_day"),
      sql<[string, string] | null>`case when a.ongoing and a.latest_status <> 'done' then (
        select json_build_array(r.period, ${day(sql.ref("r.reported_at"))}) from progress_reports r
         where r.assignment_id = a.id and r.status = 'done' limit 1) end`.as("done"),
      sql<[string, ReportStatus, string] | null>`case when a.latest_status = 'not_started' then (
        select json_build_array(r.period, r.status, ${day(sql.ref("r.reported_at"))}) from progress_reports r
         where r.assignment_id = a.id and r.status <> 'not_started' limit 1) end`.as("started"),
    ])
    .$castTo<O & StatusRow>();
}

/** The status rows of many assignments (a roll-up, a status filter's candidates), read as columns. */
export async function readStatusRows<DB, TB extends keyof DB>(
  db: Kysely<Database>,
  query: SelectQueryBuilder<DB, TB, StatusRow>,
): Promise<StatusRow[]> {
  const { length, values: v } = await selectColumnar(db, query, [
    "id",
    "measure_id",
    "org_id",
    "due_on",
    "ongoing",
    "signed_off",
    "latest_period",
    "latest_status",
    "latest_day",
    "done",
    "started",
  ]);
  const rows: StatusRow[] = new Array(length);
  for (let i = 0; i < length; i++)
    rows[i] = {
      id: v.id[i] as number,
      measure_id: v.measure_id[i] as number,
      org_id: v.org_id[i] as number,
      due_on: v.due_on[i] ?? null,
      ongoing: v.ongoing[i] as boolean,
      signed_off: v.signed_off[i] as boolean,
      latest_period: v.latest_period[i] ?? null,
      latest_status: v.latest_status[i] ?? null,
      latest_day: v.latest_day[i] ?? null,
      done: v.done[i] ?? null,
      started: v.started[i] ?? null,
    };
  return rows;
}

/** What the status rule needs from an assignment's measure and plan, shared by all its assignments. */
export type MeasureFacts = {
  deadline_raw: string | null;
  cadence: "monthly" | "quarterly";
  period_from: number | null;
  period_to: number | null;
  plan_year: number | null;
  due_soon_days: number;
  task_key: string;
  section: string;
};

/** The facts of some measures, or of every measure of a plan or of several plans, keyed by measure id. */
export async function loadMeasureFacts(
  db: Kysely<Database>,
  which: { measureIds: readonly number[] } | { planId: number } | { planIds: readonly number[] },
): Promise<Map<number, MeasureFacts>> {
  if ("measureIds" in which && which.measureIds.length === 0) return new Map();
  if ("planIds" in which && which.planIds.length === 0) return new Map();
  const query = db
    .selectFrom("measures as m")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .innerJoin("plans as p", "p.id", "m.plan_id")
    .select(["m.id", ...RULE_COLUMNS, "t.key as task_key", "t.section"])
    .where(
      "measureIds" in which
        ? sql<SqlBool>`m.id = any(${[...new Set(which.measureIds)]}::bigint[])`
        : "planIds" in which
          ? sql<SqlBool>`m.plan_id = any(${[...new Set(which.planIds)]}::bigint[])`
          : sql<SqlBool>`m.plan_id = ${which.planId}`,
    );
  const { length, values: v } = await selectColumnar(db, query, [
    "id",
    "deadline_raw",
    "cadence",
    "period_from",
    "period_to",
    "plan_year",
    "due_soon_days",
    "task_key",
    "section",
  ]);
  const facts = new Map<number, MeasureFacts>();
  for (let i = 0; i < length; i++)
    facts.set(v.id[i] as number, {
      deadline_raw: v.deadline_raw[i] ?? null,
      cadence: v.cadence[i] as MeasureFacts["cadence"],
      period_from: v.period_from[i] ?? null,
      period_to: v.period_to[i] ?? null,
      plan_year: v.plan_year[i] ?? null,
      due_soon_days: v.due_soon_days[i] as number,
      task_key: v.task_key[i] as string,
      section: v.section[i] as string,
    });
  return facts;
}

/** The domain rule's facts of an assignment (its due date, ongoing or not) and its measure's. */
export function ruleFactsOf(
  row: { due_on: string | null; ongoing: boolean },
  facts: MeasureFacts,
  today: string,
): RuleFacts {
  return {
    dueOn: row.due_on,
    ongoing: row.ongoing,
    deadlineRaw: facts.deadline_raw,
    cadence: facts.cadence,
    // A plan that names no year reports within the current year.
    plan: planSpanOf({ periodFrom: facts.period_from, periodTo: facts.period_to, planYear: facts.plan_year }) ?? {
      from: Number(today.slice(0, 4)),
      to: Number(today.slice(0, 4)),
    },
    dueSoonDays: facts.due_soon_days,
  };
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
  if (row.done) reports.push(record(row.done[0], "done", row.done[1]));
  if (row.started && row.started[0] !== row.done?.[0])
    reports.push(record(row.started[0], row.started[1], row.started[2]));
  reports.push(record(row.latest_period, row.latest_status, row.latest_day));
  return reports;
}

/**
 * The domain rule for each group of rows that share its facts (a measure, a due date, ongoing or not),
 * prepared once per group: a plan's ten thousand assignments come from a few hundred such groups.
 */
class Rules {
  readonly #rules = new Map<string, StatusRule>();
  readonly #facts: ReadonlyMap<number, MeasureFacts>;
  readonly #today: string;
  constructor(facts: ReadonlyMap<number, MeasureFacts>, today: string) {
    this.#facts = facts;
    this.#today = today;
  }

  statusOf(row: StatusRow, reports: readonly ReportRecord[]): StatusResult {
    const facts = this.#facts.get(row.measure_id);
    if (!facts) throw new Error(`no facts loaded for measure ${row.measure_id}`);
    const key = `${row.measure_id}|${row.due_on}|${row.ongoing}`;
    let rule = this.#rules.get(key);
    if (!rule) {
      rule = statusRule(ruleFactsOf(row, facts, this.#today));
      this.#rules.set(key, rule);
    }
    return rule.judge(reports, row.signed_off, this.#today);
  }
}

/** Step 3: the reports of the periods the rule found missing among the picks, where they were filed. */
async function filedAfterAll(db: Kysely<Database>, missing: { id: number; period: string }[]) {
  if (missing.length === 0) return new Map<number, Pick>();
  const found = await sql<Pick>`
    select r.assignment_id, r.period, r.status, ${day(sql.ref("r.reported_at"))} as day
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
  const rules = new Rules(facts, today);
  for (const row of rows) {
    const reports = pickedReports(row);
    const status = rules.statusOf(row, reports);
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
    out.set(row.id, rules.statusOf(row, more));
  }
  return out;
}
