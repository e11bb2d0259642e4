// The public shapes of the dashboard and calendar, and the drill-down queries their buckets carry.
import { z } from "zod";
import type {
  CalendarDay,
  DashboardSummary,
  Drill,
  NoticeDrill,
  TrendPoint,
} from "../../services/dashboard/dashboard.ts";
import { assignmentStatusSchema, isoDateSchema } from "../tracking/schemas.ts";

const colourSchema = z.enum(["green", "yellow", "red", "grey"]);

export const assignmentQuerySchema = z
  .object({
    plan: z.number().int().optional(),
    org: z.number().int().optional(),
    under: z.number().int().optional(),
    status: assignmentStatusSchema.optional(),
    section: z.string().optional(),
    dueFrom: isoDateSchema.optional(),
    dueTo: isoDateSchema.optional(),
    asOf: isoDateSchema.optional(),
  })
  .describe("The query of GET /api/assignments that lists exactly this bucket's assignments");

export const noticeQuerySchema = z
  .object({
    open: z.literal(true),
    escalated: z.literal(true),
    plan: z.number().int().optional(),
    under: z.number().int().optional(),
  })
  .describe("The query of GET /api/notices that lists these notices");

const completionFields = {
  total: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  completionRate: z.number().nullable().describe("done / total, 0–1; null when there is nothing"),
  worst: assignmentStatusSchema.nullable(),
  colour: colourSchema,
  query: assignmentQuerySchema,
};

const countsSchema = z.record(assignmentStatusSchema, z.number().int());

export const summarySchema = z.object({
  asOf: isoDateSchema,
  total: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  completionRate: z.number().nullable(),
  byStatus: z.array(
    z.object({
      status: assignmentStatusSchema,
      colour: colourSchema,
      count: z.number().int(),
      query: assignmentQuerySchema,
    }),
  ),
  byOrg: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), ...completionFields })),
  bySection: z.array(
    z.object({
      planId: z.number().int(),
      planTitle: z.string(),
      section: z.string(),
      sectionTitle: z.string().nullable().describe("The section's printed heading; null where the plan has none"),
      ...completionFields,
    }),
  ),
  escalatedNotices: z.object({ open: z.number().int(), query: noticeQuerySchema }),
});

export const trendSchema = z.object({
  step: z.enum(["week", "month"]),
  points: z.array(
    z.object({
      date: isoDateSchema,
      total: z.number().int(),
      done: z.number().int(),
      overdue: z.number().int(),
      queries: z.object({ done: assignmentQuerySchema, overdue: assignmentQuerySchema }),
    }),
  ),
});

export const calendarSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  days: z.array(
    z.object({
      date: isoDateSchema,
      count: z.number().int(),
      worst: assignmentStatusSchema,
      colour: colourSchema,
      counts: countsSchema,
      items: z.array(
        z.object({
          id: z.number().int(),
          measureId: z.number().int(),
          planId: z.number().int(),
          planTitle: z.string(),
          taskTitle: z.string(),
          measureText: z.string(),
          orgId: z.number().int(),
          orgName: z.string(),
          role: z.enum(["lead", "support", "owner"]),
          status: assignmentStatusSchema,
          colour: colourSchema,
        }),
      ),
      query: assignmentQuerySchema,
    }),
  ),
});

/** A service drill-down as the query parameters of GET /api/assignments. */
export function presentDrill(d: Drill): z.input<typeof assignmentQuerySchema> {
  return {
    ...(d.planId !== undefined ? { plan: d.planId } : {}),
    ...(d.orgId !== undefined ? { org: d.orgId } : {}),
    ...(d.underOrgId !== undefined ? { under: d.underOrgId } : {}),
    ...(d.status !== undefined ? { status: d.status } : {}),
    ...(d.section !== undefined ? { section: d.section } : {}),
    ...(d.dueFrom !== undefined ? { dueFrom: d.dueFrom } : {}),
    ...(d.dueTo !== undefined ? { dueTo: d.dueTo } : {}),
    ...(d.asOf !== undefined ? { asOf: d.asOf } : {}),
  };
}

const presentNoticeDrill = (d: NoticeDrill): z.input<typeof noticeQuerySchema> => ({
  open: true,
  escalated: true,
  ...(d.planId !== undefined ? { plan: d.planId } : {}),
  ...(d.underOrgId !== undefined ? { under: d.underOrgId } : {}),
});

export function presentSummary(s: DashboardSummary): z.input<typeof summarySchema> {
  const withQuery = <T extends { drill: Drill }>({ drill, ...rest }: T) => ({ ...rest, query: presentDrill(drill) });
  return {
    ...s,
    byStatus: s.byStatus.map(withQuery),
    byOrg: s.byOrg.map(withQuery),
    bySection: s.bySection.map(withQuery),
    escalatedNotices: { open: s.escalatedNotices.open, query: presentNoticeDrill(s.escalatedNotices.drill) },
  };
}

export const presentTrendPoint = ({ drills, ...p }: TrendPoint) => ({
  ...p,
  queries: { done: presentDrill(drills.done), overdue: presentDrill(drills.overdue) },
});

export const presentCalendarDay = ({ drill, ...d }: CalendarDay) => ({ ...d, query: presentDrill(drill) });
