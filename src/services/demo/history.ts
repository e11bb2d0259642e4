// Demo history: progress reports filed period by period across each plan's own period (its stored
// span and cadence), never after today. Each measure gets a fate from a hash of its id — done on time,
// done late, stalled (blocked mid-way), still in progress, never reported — and each unit files a
// report per period with a rising percent, some late (after the period's report deadline), some
// periods skipped. Done measures are signed off; some overdue ones get a notice. All rows of a plan
// are written by multi-row statements in one transaction.
import { sql } from "kysely";
import { addDays } from "../../domain/dates.ts";
import { DEFAULT_REPORT_GRACE_DAYS, planSpanOf, reportingPeriods } from "../../domain/periods.ts";
import type { Period } from "../../domain/types.ts";
import type { Store } from "../../store/db.ts";
import type { ReportStatus } from "../../store/schema.ts";
import { mix, narrative, type Stage } from "./narratives.ts";

type Fate = "done" | "done_late" | "stalled" | "in_progress" | "silent";

/** Out of 20: 11 done, 2 done late, 3 stalled, 3 still in progress, 1 never reported. */
export function fateOf(measureId: number): Fate {
  const bucket = mix(measureId, 7) % 20;
  if (bucket < 11) return "done";
  if (bucket < 13) return "done_late";
  if (bucket < 16) return "stalled";
  if (bucket < 19) return "in_progress";
  return "silent";
}

type ReportRow = {
  assignment_id: number;
  region_code: string;
  period: string;
  status: ReportStatus;
  narrative: string;
  percent: number;
  reported_by: number;
  reported_at: Date;
};

const at = (day: string) => new Date(`${day}T02:00:00Z`);
const CHUNK = 1000;

export type HistoryCounts = { reports: number; late: number; signedOff: number; notices: number };

export async function writeDemoHistory(
  store: Store,
  planId: number,
  today: string,
  userId: number,
): Promise<HistoryCounts> {
  const plan = await store.db
    .selectFrom("plans")
    .select(["period_from", "period_to", "plan_year", "cadence"])
    .where("id", "=", planId)
    .executeTakeFirstOrThrow();
  const span = planSpanOf({ periodFrom: plan.period_from, periodTo: plan.period_to, planYear: plan.plan_year }) ?? {
    from: Number(today.slice(0, 4)),
    to: Number(today.slice(0, 4)),
  };
  const planStart = `${span.from}-01-01`;
  const planEnd = `${span.to}-12-31`;
  const measures = await store.db
    .selectFrom("measures")
    .select(["id", "text", "due_on", "ongoing", "deadline_raw"])
    .where("plan_id", "=", planId)
    .orderBy("id")
    .execute();
  const assignments = await store.db
    .selectFrom("assignments")
    .select(["id", "measure_id", "org_id", "region_code"])
    .where("plan_id", "=", planId)
    .orderBy("id")
    .execute();
  const byMeasure = new Map<number, typeof assignments>();
  for (const a of assignments) {
    const list = byMeasure.get(a.measure_id);
    if (list) list.push(a);
    else byMeasure.set(a.measure_id, [a]);
  }

  const reports: ReportRow[] = [];
  const signOffs: { id: number; at: Date }[] = [];
  const notices: { measure_id: number; org_id: number; region_code: string }[] = [];
  let late = 0;
  for (const m of measures) {
    const fate = fateOf(m.id);
    const own = byMeasure.get(m.id) ?? [];
    // The periods this measure reports for, inside the plan's span.
    const periods = reportingPeriods({
      cadence: plan.cadence,
      plan: span,
      dueOn: m.due_on,
      ongoing: m.ongoing,
      deadlineRaw: m.deadline_raw,
    }).filter((p) => p.start >= planStart && p.end <= planEnd);
    if (periods.length === 0 || fate === "silent") {
      if (m.due_on !== null && m.due_on < today && own[0] && mix(m.id, 3) % 2 === 0)
        notices.push({ measure_id: m.id, org_id: own[0].org_id, region_code: own[0].region_code });
      continue;
    }
    // The period the work finishes in: the last for done work (done_late: the period after the due
    // date is reached late, as a late report), never for the rest.
    const finishing = fate === "done" || fate === "done_late" ? periods.length - 1 : -1;
    let lastDone: string | null = null;
    for (const a of own) {
      let previous: string | undefined;
      let percent = 0;
      for (const [i, p] of periods.entries()) {
        const seed = mix(a.id, i);
        const filed = filingDay(p, fate, i === finishing, seed);
        if (filed > today) break;
        // Some periods are never reported (not the finishing one).
        if (i !== finishing && seed % 9 === 0) continue;
        const stage = stageOf(fate, i, periods.length, finishing);
        const share = (i + 1) / periods.length;
        const target =
          stage === "done"
            ? 100
            : fate === "stalled" && stage === "behind"
              ? Math.min(percent + 5, 60)
              : Math.round(Math.min(95, 100 * share * (fate === "in_progress" ? 0.7 : 0.9)) / 5) * 5;
        percent = Math.max(percent, target, 5);
        const status: ReportStatus =
          stage === "done"
            ? "done"
            : stage === "behind" && fate === "stalled" && seed % 3 === 0
              ? "blocked"
              : "in_progress";
        const text = narrative(stage, m.text, { percent, period: p.label, filedOn: filed, seed }, previous);
        previous = text;
        if (filed > addDays(p.end, DEFAULT_REPORT_GRACE_DAYS)) late++;
        reports.push({
          assignment_id: a.id,
          region_code: a.region_code,
          period: p.label,
          status,
          narrative: text,
          percent,
          reported_by: userId,
          reported_at: at(filed),
        });
        if (status === "done" && (lastDone === null || filed > lastDone)) lastDone = filed;
      }
    }
    if (lastDone !== null) signOffs.push({ id: m.id, at: at(lastDone) });
    else if (m.due_on !== null && m.due_on < today && own[0] && (fate === "stalled" || mix(m.id, 5) % 3 === 0))
      notices.push({ measure_id: m.id, org_id: own[0].org_id, region_code: own[0].region_code });
  }

  await store.db.transaction().execute(async (tx) => {
    for (let i = 0; i < reports.length; i += CHUNK)
      await tx
        .insertInto("progress_reports")
        .values(reports.slice(i, i + CHUNK))
        .execute();
    for (let i = 0; i < signOffs.length; i += CHUNK) {
      const rows = sql.join(signOffs.slice(i, i + CHUNK).map((s) => sql`(${s.id}::bigint, ${s.at}::timestamptz)`));
      await sql`update measures m set status = 'done', signed_off_by = ${userId}, signed_off_at = v.at
                  from (values ${rows}) as v(id, at) where m.id = v.id`.execute(tx);
      await sql`update assignments a set signed_off_by = ${userId}, signed_off_at = v.at
                  from (values ${rows}) as v(id, at) where a.measure_id = v.id`.execute(tx);
    }
    if (notices.length > 0)
      await tx
        .insertInto("notices")
        .values(
          notices.map((n) => ({
            ...n,
            issued_by: userId,
            message: "该项任务已逾期，请说明进展情况并提出整改措施。",
            respond_by: today,
          })),
        )
        .execute();
  });
  return { reports: reports.length, late, signedOff: signOffs.length, notices: notices.length };
}

/** The day a period's report is filed: in the period's last weeks, or late for late work and some units. */
function filingDay(p: Period, fate: Fate, finishing: boolean, seed: number): string {
  const lateReport = (finishing && fate === "done_late") || seed % 7 === 0;
  const offset = lateReport ? DEFAULT_REPORT_GRACE_DAYS + 3 + (seed % 25) : -(seed % 15);
  return addDays(p.end, offset);
}

function stageOf(fate: Fate, i: number, count: number, finishing: number): Stage {
  if (i === finishing) return "done";
  if (i === 0) return "start";
  if (fate === "stalled" && i >= Math.max(1, Math.floor(count / 2))) return "behind";
  if (i === Math.floor(count / 2) || (count > 4 && i % 4 === 3)) return "milestone";
  return "progress";
}
