// Assessment (考核) of one plan: for every org holding assignments in it, the four score components and
// the weighted score as of a day (domain/scoring), ranked. This module only gathers the facts:
// - assignments: due date, and the day the work was done — once closed (the closure approved, 办结), the day
//   the unit applied: its sign-off or its first 'done' report, whichever came first;
// - reports: what the plan's cadence and span say each assignment owed (domain reportsOwed) against
//   when each period's report was filed;
// - indicators: the plan's indicators against the org's latest value on or before the day. Indicators
//   are not assigned to orgs in the schema yet, so an org answers for all of a plan's indicators once
//   it has reported a value for any of them; an org that never reported one is scored without them.
import { type Kysely, sql } from "kysely";
import { isUnfinished } from "../../domain/open-ended.ts";
import { planSpanOf } from "../../domain/periods.ts";
import {
  type OrgScore,
  type OrgScoringInput,
  reportsOwed,
  type ScoringAssignment,
  scoreOrgs,
} from "../../domain/scoring.ts";
import type { IndicatorOp, ReportRecord } from "../../domain/types.ts";
import { NotFoundError } from "../../store/errors.ts";
import type { Database, ScoreWeights } from "../../store/schema.ts";

export type OrgAssessment = OrgScore & { orgName: string; assignments: number; rank: number | null };
export type PlanAssessment = { planId: number; asOf: string; weights: ScoreWeights; orgs: OrgAssessment[] };

// Timestamps are compared by their UTC date, as the assignment status list does, so both agree.
const isoDay = (d: Date | string): string => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));
const INDICATOR_OPS: readonly string[] = [">=", ">", "=", "<=", "range"] satisfies IndicatorOp[];
const isIndicatorOp = (op: string): op is IndicatorOp => INDICATOR_OPS.includes(op);
const earliest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null || a <= b ? a : b);

export async function assessPlan(db: Kysely<Database>, planId: number, asOf: string): Promise<PlanAssessment> {
  const plan = await db
    .selectFrom("plans")
    .select(["id", "cadence", "period_from", "period_to", "plan_year", "weights"])
    .where("id", "=", planId)
    .executeTakeFirst();
  if (!plan) throw new NotFoundError(`no plan ${planId}`);
  const span = planSpanOf({ periodFrom: plan.period_from, periodTo: plan.period_to, planYear: plan.plan_year }) ?? {
    from: Number(asOf.slice(0, 4)),
    to: Number(asOf.slice(0, 4)),
  };

  const assignments = await db
    .selectFrom("assignments as a")
    .innerJoin("measures as m", "m.id", "a.measure_id")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .select([
      "a.id",
      "a.org_id",
      "o.name as org_name",
      "a.due_on",
      "a.ongoing",
      "m.deadline_raw",
      "a.signed_off_at",
      "a.closed_at",
    ])
    .select((eb) =>
      eb
        .selectFrom("extension_requests as e")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("e.assignment_id", "=", "a.id")
        .where("e.state", "=", "approved")
        .where(sql<boolean>`(e.decided_at at time zone 'UTC')::date <= ${asOf}::date`)
        .as("extensions"),
    )
    .where("a.plan_id", "=", planId)
    .orderBy("a.id")
    .execute();
  // Scoring needs, per assignment and period, only the first day a report stood filed (a returned report,
  // 退回, counts as not filed until it is filed again) and the first such done report; and per
  // assignment how many reports were accepted and returned. Grouped in SQL, so a plan's report history
  // never reaches Node: one row per assignment and period reported, whatever the number of reports.
  const periods = await db
    .selectFrom("progress_reports as r")
    .innerJoin("assignments as a", "a.id", "r.assignment_id")
    .where("a.plan_id", "=", planId)
    .groupBy(["r.assignment_id", "r.period"])
    .select([
      "r.assignment_id",
      "r.period",
      sql<Date | string | null>`min(r.reported_at) filter (where r.review_state is distinct from 'returned')`.as(
        "first_filed",
      ),
      sql<
        Date | string | null
      >`min(r.reported_at) filter (where r.review_state is distinct from 'returned' and r.status = 'done')`.as(
        "first_done",
      ),
      sql<string>`count(*) filter (where r.review_state = 'accepted')`.as("accepted"),
      sql<string>`coalesce(sum(r.returned_count), 0)`.as("returned"),
    ])
    .execute();
  const reportsBy = new Map<number, Pick<ReportRecord, "period" | "reportedAt">[]>();
  const firstDoneBy = new Map<number, string>();
  const reviewBy = new Map<number, { accepted: number; returned: number }>();
  for (const r of periods) {
    const review = reviewBy.get(r.assignment_id) ?? { accepted: 0, returned: 0 };
    review.accepted += Number(r.accepted);
    review.returned += Number(r.returned);
    reviewBy.set(r.assignment_id, review);
    if (r.first_done !== null)
      firstDoneBy.set(
        r.assignment_id,
        earliest(firstDoneBy.get(r.assignment_id) ?? null, isoDay(r.first_done)) as string,
      );
    if (r.first_filed === null) continue;
    const list = reportsBy.get(r.assignment_id) ?? [];
    list.push({ period: r.period, reportedAt: isoDay(r.first_filed) });
    reportsBy.set(r.assignment_id, list);
  }

  const inputs = new Map<number, OrgScoringInput & { orgName: string }>();
  for (const a of assignments) {
    const own = reportsBy.get(a.id) ?? [];
    const firstDone = firstDoneBy.get(a.id);
    // Done only once closed (the reviewer approved the unit's application, 办结): on the day the unit applied —
    // its sign-off or its first done report, whichever came first. An application still waiting counts as open.
    const doneOn = a.closed_at ? earliest(isoDay(a.signed_off_at ?? a.closed_at), firstDone ?? null) : null;
    const input = inputs.get(a.org_id) ?? {
      orgId: a.org_id,
      orgName: a.org_name,
      assignments: [] as ScoringAssignment[],
      reports: [],
      indicators: [],
      loop: { reportsAccepted: 0, reportsReturned: 0, extensions: 0 },
    };
    const finished = doneOn !== null && doneOn <= asOf;
    input.assignments.push({
      dueOn: a.due_on,
      doneOn,
      unfinished: isUnfinished({ dueOn: a.due_on, ongoing: a.ongoing, plan: span }, asOf, finished),
    });
    const review = reviewBy.get(a.id);
    if (input.loop) {
      input.loop.reportsAccepted += review?.accepted ?? 0;
      input.loop.reportsReturned += review?.returned ?? 0;
      input.loop.extensions += Number(a.extensions ?? 0);
    }
    input.reports.push(
      ...reportsOwed({
        cadence: plan.cadence,
        plan: span,
        dueOn: a.due_on,
        ongoing: a.ongoing,
        deadlineRaw: a.deadline_raw,
        reports: own,
      }),
    );
    inputs.set(a.org_id, input);
  }
  await addIndicators(db, planId, asOf, inputs);

  const orgNames = new Map([...inputs.values()].map((i) => [i.orgId, i.orgName]));
  const counts = new Map([...inputs.values()].map((i) => [i.orgId, i.assignments.length]));
  const scored = scoreOrgs(
    [...inputs.values()].map(({ orgName: _, ...input }) => input),
    plan.weights,
    asOf,
  );
  return {
    planId,
    asOf,
    weights: plan.weights,
    orgs: scored.map((s) => ({
      ...s,
      orgName: orgNames.get(s.orgId) ?? "",
      assignments: counts.get(s.orgId) ?? 0,
    })),
  };
}

async function addIndicators(
  db: Kysely<Database>,
  planId: number,
  asOf: string,
  inputs: Map<number, OrgScoringInput>,
): Promise<void> {
  const indicators = await db
    .selectFrom("indicators")
    .select(["id", "op", "target", "target_high"])
    .where("plan_id", "=", planId)
    .orderBy("id")
    .execute();
  if (indicators.length === 0) return;
  // Latest value per (indicator, org) known on asOf: ordered so the last write wins.
  const values = await db
    .selectFrom("indicator_values")
    .select(["indicator_id", "org_id", "value"])
    .where(
      "indicator_id",
      "in",
      indicators.map((i) => i.id),
    )
    .where("as_of", "<=", asOf)
    .orderBy("as_of")
    .orderBy("reported_at")
    .orderBy("id")
    .execute();
  const latest = new Map<string, number>();
  for (const v of values) latest.set(`${v.indicator_id}|${v.org_id}`, v.value);
  const reporting = new Set(values.map((v) => v.org_id));
  for (const input of inputs.values()) {
    if (!reporting.has(input.orgId)) continue;
    // An operator the scorer does not know cannot be scored; such an indicator is left out, not guessed.
    input.indicators = indicators.flatMap((i) =>
      isIndicatorOp(i.op)
        ? [
            {
              op: i.op,
              target: i.target,
              targetHigh: i.target_high,
              value: latest.get(`${i.id}|${input.orgId}`) ?? null,
            },
          ]
        : [],
    );
  }
}
