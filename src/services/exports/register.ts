// The task register (任务台账) as data: one row per assignment of a plan, in the plan's own order
// (task, then measure, then lead before support), with its status and the latest progress report.
// The .xlsx and the .docx are both drawn from these rows, so the two never disagree.
import type { Kysely } from "kysely";
import { ROLE_LABEL, STATUS_LABEL } from "../../domain/labels.ts";
import { FORECAST_METHOD_LABEL, PACE_BAND_LABEL, paceSentence } from "../../domain/pace-words.ts";
import { type RollUp, rollUp, rollUpBy } from "../../domain/status.ts";
import type { AssignmentStatus } from "../../domain/types.ts";
import type { Database } from "../../store/schema.ts";
import { type AssignmentView, listAssignments } from "../assignments/assignments.ts";
import { planIndicators } from "../indicators/indicators.ts";
import type { PaceView } from "../indicators/pace.ts";

type Db = Kysely<Database>;

export type RegisterRow = {
  /** 序号, from 1 in plan order. */
  seq: number;
  assignmentId: number;
  measureId: number;
  section: string;
  taskKey: string;
  taskTitle: string;
  measureText: string;
  orgId: number;
  orgName: string;
  role: AssignmentView["role"];
  roleLabel: string;
  deadlineRaw: string | null;
  dueOn: string | null;
  ongoing: boolean;
  status: AssignmentStatus;
  statusLabel: string;
  missingPeriod: string | null;
  latestReport: {
    period: string;
    status: string;
    narrative: string;
    percent: number | null;
    /** The day it was filed (UTC), YYYY-MM-DD. */
    reportedOn: string;
  } | null;
  /** 指标进度: the pace of each indicator the row's org answers for (the plan's own, or its share). */
  indicatorPace: string;
};

/** One indicator for one org: the register's 指标进度 sheet. */
export type IndicatorPaceRow = {
  indicatorName: string;
  unit: string;
  orgId: number;
  orgName: string;
  /** plan: the plan's own figure (its issuing office); share: the org's share of the target. */
  scope: "plan" | "share";
  bandLabel: string;
  offPace: boolean;
  latest: number | null;
  targetYear: number | null;
  target: number | null;
  neededThisYear: number | null;
  forecast: number | null;
  forecastMethod: string;
  sentence: string;
};

export type OrgRollUp = { orgId: number; orgName: string; rollUp: RollUp };

export type Register = { rows: RegisterRow[]; total: RollUp; byOrg: OrgRollUp[]; indicators?: IndicatorPaceRow[] };

export type RegisterFilter = {
  planId: number;
  /** Only these orgs' assignments; every org when undefined. */
  orgIds?: number[] | undefined;
  /**
   * Status as it stood at the end of this day, by the reports and sign-offs on record then (a past
   * period's summary); without it, as of `today` with everything on record.
   */
  asOf?: string | undefined;
};

const ROLE_ORDER = { lead: 0, owner: 1, support: 2 } as const;

/** The register of one plan as of `today`, restricted to the orgs the caller may see. */
export async function buildRegister(db: Db, filter: RegisterFilter, today: string): Promise<Register> {
  const { items } = await listAssignments(
    db,
    {
      planId: filter.planId,
      ...(filter.orgIds ? { orgIds: filter.orgIds } : {}),
      ...(filter.asOf ? { asOf: filter.asOf } : {}),
      limit: Number.MAX_SAFE_INTEGER,
    },
    today,
  );
  const order = await planOrder(db, filter.planId);
  const sorted = [...items].sort(
    (a, b) =>
      (order.get(a.measureId) ?? 0) - (order.get(b.measureId) ?? 0) ||
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      a.orgName.localeCompare(b.orgName, "zh-CN") ||
      a.id - b.id,
  );
  const narratives = await latestNarratives(db, sorted);
  const indicators = await indicatorPaceRows(db, filter, today);
  const paceByOrg = new Map<number, string[]>();
  for (const i of indicators)
    paceByOrg.set(i.orgId, [...(paceByOrg.get(i.orgId) ?? []), `${i.indicatorName}：${i.bandLabel}`]);
  const rows = sorted.map((a, i): RegisterRow => {
    const latest = a.latestReport;
    return {
      seq: i + 1,
      assignmentId: a.id,
      measureId: a.measureId,
      section: a.section,
      taskKey: a.taskKey,
      taskTitle: a.taskTitle,
      measureText: a.measureText,
      orgId: a.orgId,
      orgName: a.orgName,
      role: a.role,
      roleLabel: ROLE_LABEL[a.role],
      deadlineRaw: a.deadlineRaw,
      dueOn: a.dueOn,
      ongoing: a.ongoing,
      status: a.status,
      statusLabel: STATUS_LABEL[a.status],
      missingPeriod: a.missingPeriod,
      latestReport: latest
        ? {
            period: latest.period,
            status: latest.status,
            narrative: narratives.get(`${a.id}|${latest.period}`) ?? "",
            percent: latest.percent,
            reportedOn: latest.reportedAt.slice(0, 10),
          }
        : null,
      indicatorPace: (paceByOrg.get(a.orgId) ?? []).join("；"),
    };
  });
  const orgNames = new Map(rows.map((r) => [r.orgId, r.orgName]));
  const byOrg = [...rollUpBy(rows, (r) => String(r.orgId))]
    .map(([orgId, r]) => ({ orgId: Number(orgId), orgName: orgNames.get(Number(orgId)) ?? "", rollUp: r }))
    .sort((a, b) => a.orgName.localeCompare(b.orgName, "zh-CN"));
  return { rows, total: rollUp(rows), byOrg, indicators };
}

/** Each indicator's pace for the plan's office and for every org holding a share, as the caller may see. */
async function indicatorPaceRows(db: Db, filter: RegisterFilter, today: string): Promise<IndicatorPaceRow[]> {
  const day = filter.asOf ?? today;
  const items = await planIndicators(db, filter.planId, filter.orgIds, filter.asOf, { today: day });
  const visible = filter.orgIds ? new Set(filter.orgIds) : null;
  const out: IndicatorPaceRow[] = [];
  for (const i of items) {
    const row = (orgId: number, orgName: string, scope: IndicatorPaceRow["scope"], pace: PaceView) =>
      out.push({
        indicatorName: i.name,
        unit: i.unit,
        orgId,
        orgName,
        scope,
        bandLabel: PACE_BAND_LABEL[pace.band],
        offPace: pace.offPace,
        latest: pace.latest?.value ?? null,
        targetYear: pace.target?.year ?? null,
        target: pace.target?.value ?? null,
        neededThisYear: pace.neededThisYear?.value ?? null,
        forecast: pace.forecast?.value ?? null,
        forecastMethod: pace.forecast ? FORECAST_METHOD_LABEL[pace.forecast.method] : "",
        sentence: paceSentence(i.name, i.unit, pace) ?? "",
      });
    const { headline } = i.pace;
    if (!visible || visible.has(headline.orgId)) row(headline.orgId, headline.orgName, "plan", headline.pace);
    for (const o of i.pace.orgs) if (o.targets.length > 0) row(o.orgId, o.orgName, "share", o.pace);
  }
  return out;
}

/** Each measure's rank in the document: task position, then measure position. */
async function planOrder(db: Db, planId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("measures as m")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .select("m.id")
    .where("m.plan_id", "=", planId)
    .orderBy("t.position")
    .orderBy("m.position")
    .orderBy("m.id")
    .execute();
  return new Map(rows.map((r, i) => [r.id, i]));
}

/** The narrative of each assignment's latest report, keyed "assignmentId|period". */
async function latestNarratives(db: Db, items: AssignmentView[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = items.filter((a) => a.latestReport !== null).map((a) => a.id);
  for (let i = 0; i < wanted.length; i += 5000) {
    const rows = await db
      .selectFrom("progress_reports")
      .select(["assignment_id", "period", "narrative"])
      .where("assignment_id", "in", wanted.slice(i, i + 5000))
      .execute();
    for (const r of rows) out.set(`${r.assignment_id}|${r.period}`, r.narrative);
  }
  return out;
}
