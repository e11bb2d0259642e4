// What a progress report / annual work-summary draft (工作总结初稿) says, as data: the plan, whose work
// it covers, the counts by status, every measure with each responsible org's latest narrative within
// the span, the overdue and due-soon items, and the indicators' latest values against their targets.
import type { Kysely } from "kysely";
import { parsePeriodLabel } from "../../domain/periods.ts";
import { periodWithin, type ReportSpan } from "../../domain/report-span.ts";
import type { RollUp } from "../../domain/status.ts";
import { NotFoundError } from "../../store/errors.ts";
import type { Database } from "../../store/schema.ts";
import { type IndicatorView, planIndicators } from "../indicators/indicators.ts";
import { implementingTasks } from "../links/implementing.ts";
import { buildRegister, type RegisterRow } from "./register.ts";

type Db = Kysely<Database>;

export type Narrative = {
  period: string;
  status: string;
  narrative: string;
  percent: number | null;
  reportedOn: string;
};

/**
 * A task of the unit's own plan that carries out the handed-down measure (a confirmed link to its task),
 * with each of its units' latest narrative within the span.
 */
export type Implementation = {
  planTitle: string;
  taskKey: string;
  taskTitle: string;
  reports: { orgName: string; measureText: string; narrative: Narrative | null }[];
};

export type UnitEntry = RegisterRow & { narrative: Narrative | null; implementedBy: Implementation[] };

export type MeasureEntry = {
  measureId: number;
  text: string;
  deadlineRaw: string | null;
  dueOn: string | null;
  units: UnitEntry[];
};
export type TaskEntry = { key: string; title: string; measures: MeasureEntry[] };
/** title: the printed heading of the section; null where the plan has none (or predates headings). */
export type SectionEntry = { section: string; title: string | null; tasks: TaskEntry[] };

export type ProgressReport = {
  plan: { id: number; title: string; docNumber: string | null; issuer: string | null };
  scopeLabel: string;
  span: ReportSpan;
  total: RollUp;
  roles: { lead: number; support: number; owner: number };
  sections: SectionEntry[];
  overdue: RegisterRow[];
  dueSoon: RegisterRow[];
  indicators: IndicatorView[];
};

export type ProgressReportInput = {
  planId: number;
  /** The orgs whose work the report covers; every org when undefined. */
  orgIds?: number[] | undefined;
  scopeLabel: string;
  span: ReportSpan;
};

export async function buildProgressReport(db: Db, input: ProgressReportInput): Promise<ProgressReport> {
  const plan = await db
    .selectFrom("plans")
    .select(["id", "title", "doc_number", "issuer", "headings"])
    .where("id", "=", input.planId)
    .executeTakeFirst();
  if (!plan) throw new NotFoundError(`No plan ${input.planId}.`);
  // Statuses as they stood on the span's last day: a 2024 summary is not rewritten by 2025's reports.
  const register = await buildRegister(
    db,
    { planId: plan.id, orgIds: input.orgIds, asOf: input.span.asOf },
    input.span.asOf,
  );
  const narratives = await narrativesWithin(
    db,
    register.rows.map((r) => r.assignmentId),
    input.span,
  );
  const implementedBy = await implementationsWithin(
    db,
    register.rows.map((r) => r.assignmentId),
    input.span,
  );
  const roles = { lead: 0, support: 0, owner: 0 };
  for (const r of register.rows) roles[r.role] += 1;
  return {
    plan: { id: plan.id, title: plan.title, docNumber: plan.doc_number, issuer: plan.issuer },
    scopeLabel: input.scopeLabel,
    span: input.span,
    total: register.total,
    roles,
    sections: outline(
      register.rows.map((r) => ({
        ...r,
        narrative: narratives.get(r.assignmentId) ?? null,
        implementedBy: implementedBy.get(r.assignmentId) ?? [],
      })),
      new Map(plan.headings.map((h) => [h.key, h.title])),
    ),
    overdue: register.rows.filter((r) => r.status === "overdue"),
    dueSoon: register.rows.filter((r) => r.status === "due_soon"),
    indicators: await unitIndicators(db, plan.id, input.orgIds, input.span.asOf, register.rows),
  };
}

type Place = { line?: number; page?: number; table?: number; row?: number; paragraph?: number; sheet?: string };

/** The same line of a text, or the same table row (or paragraph) of a document. */
function samePlace(a: Place, b: Place): boolean {
  if (a.line !== undefined || b.line !== undefined) return a.line === b.line;
  if (a.page !== b.page || a.sheet !== b.sheet) return false;
  if (a.table !== undefined || b.table !== undefined) return a.table === b.table && a.row === b.row;
  return a.paragraph !== undefined && a.paragraph === b.paragraph;
}

/**
 * The indicators of the units a draft is for: those they have values for, and those stated in one of their
 * measures (printed on its line or row, or named in its text). A plan's overall goals belong to no unit's
 * measures: a unit's draft leaves them out; the draft for every unit (orgIds undefined) lists them all.
 */
async function unitIndicators(
  db: Db,
  planId: number,
  orgIds: number[] | undefined,
  asOf: string,
  rows: RegisterRow[],
): Promise<IndicatorView[]> {
  const all = await planIndicators(db, planId, orgIds, asOf);
  if (orgIds === undefined || all.length === 0) return all;
  const measureIds = [...new Set(rows.map((r) => r.measureId))];
  const measures =
    measureIds.length === 0
      ? []
      : await db.selectFrom("measures").select(["text", "source"]).where("id", "in", measureIds).execute();
  return all.filter(
    (i) =>
      i.values.length > 0 ||
      measures.some((m) => m.text.includes(i.name) || samePlace(m.source as Place, i.source as Place)),
  );
}

/** For handed-down assignments: the implementing tasks of the unit's own plans, with their narratives. */
async function implementationsWithin(
  db: Db,
  assignmentIds: number[],
  span: ReportSpan,
): Promise<Map<number, Implementation[]>> {
  const tasks = await implementingTasks(db, assignmentIds);
  const narratives = await narrativesWithin(
    db,
    [...new Set([...tasks.values()].flatMap((list) => list.flatMap((t) => t.assignments.map((a) => a.assignmentId))))],
    span,
  );
  return new Map(
    [...tasks].map(([id, list]) => [
      id,
      list.map((t) => ({
        planTitle: t.planTitle,
        taskKey: t.taskKey,
        taskTitle: t.taskTitle,
        reports: t.assignments.map((a) => ({
          orgName: a.orgName,
          measureText: a.measureText,
          narrative: narratives.get(a.assignmentId) ?? null,
        })),
      })),
    ]),
  );
}

/** Rows (already in plan order) grouped into sections → tasks → measures. */
function outline(rows: UnitEntry[], headings: Map<string, string>): SectionEntry[] {
  const sections: SectionEntry[] = [];
  for (const row of rows) {
    let section = sections.at(-1);
    if (!section || section.section !== row.section) {
      section = { section: row.section, title: headings.get(row.section) ?? null, tasks: [] };
      sections.push(section);
    }
    let task = section.tasks.at(-1);
    if (!task || task.key !== row.taskKey || task.title !== row.taskTitle) {
      task = { key: row.taskKey, title: row.taskTitle, measures: [] };
      section.tasks.push(task);
    }
    let measure = task.measures.at(-1);
    if (!measure || measure.measureId !== row.measureId) {
      measure = {
        measureId: row.measureId,
        text: row.measureText,
        deadlineRaw: row.deadlineRaw,
        dueOn: row.dueOn,
        units: [],
      };
      task.measures.push(measure);
    }
    measure.units.push(row);
  }
  return sections;
}

/**
 * Each assignment's latest report for a period within the span (by period, then filing time), filed
 * by the span's as-of day: a summary of 2024 does not quote what was written in 2025.
 */
async function narrativesWithin(db: Db, assignmentIds: number[], span: ReportSpan): Promise<Map<number, Narrative>> {
  const latest = new Map<number, Narrative & { start: string; at: number }>();
  for (let i = 0; i < assignmentIds.length; i += 5000) {
    const rows = await db
      .selectFrom("progress_reports")
      .select(["assignment_id", "period", "status", "narrative", "percent", "reported_at"])
      .where("assignment_id", "in", assignmentIds.slice(i, i + 5000))
      .execute();
    for (const r of rows) {
      const reportedOn = new Date(r.reported_at).toISOString().slice(0, 10);
      if (!periodWithin(span, r.period) || reportedOn > span.asOf) continue;
      const start = parsePeriodLabel(r.period)?.start ?? r.period;
      const at = new Date(r.reported_at).getTime();
      const seen = latest.get(r.assignment_id);
      if (seen && (seen.start > start || (seen.start === start && seen.at >= at))) continue;
      latest.set(r.assignment_id, {
        period: r.period,
        status: r.status,
        narrative: r.narrative,
        percent: r.percent,
        reportedOn,
        start,
        at,
      });
    }
  }
  return new Map([...latest].map(([id, { start: _s, at: _a, ...n }]) => [id, n]));
}
