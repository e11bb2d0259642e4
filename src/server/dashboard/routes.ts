// Dashboards and the deadline calendar. Everything is limited to the caller's visible orgs, optionally
// narrowed to one org's subtree (?orgId=) and one plan (?planId=); an org or plan the caller cannot see
// is 404, as everywhere else.
import { z } from "zod";
import { daySeries } from "../../domain/dates.ts";
import { inScope, orgScope, scopeIds, scopeUnder } from "../../services/access/index.ts";
import {
  type DashboardInput,
  dashboardSummary,
  deadlineCalendar,
  overdueTrend,
} from "../../services/dashboard/dashboard.ts";
import { decomposedSummary } from "../../services/dashboard/subtrees.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { visiblePlan } from "../plans/access.ts";
import { badRequest, notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { assignmentStatusSchema, idSchema, isoDateSchema, subtreeSchema } from "../tracking/schemas.ts";
import {
  calendarSchema,
  presentCalendarDay,
  presentSummary,
  presentTrendPoint,
  summarySchema,
  trendSchema,
} from "./schemas.ts";

export const MAX_TREND_POINTS = 260;
export const MAX_CALENDAR_DAYS = 366;

const narrowing = {
  planId: idSchema.optional().describe("Only this plan"),
  orgId: idSchema.optional().describe("Only this org and its descendants"),
};

async function dashboardInput(
  deps: AppDeps,
  user: SessionUser,
  query: { planId?: number | undefined; orgId?: number | undefined },
): Promise<DashboardInput> {
  let scope = await orgScope(deps.db, user);
  if (query.planId !== undefined) await visiblePlan(deps.db, scope, query.planId);
  if (query.orgId !== undefined) {
    if (!inScope(scope, query.orgId)) throw notFound(`No org ${query.orgId}.`);
    scope = await scopeUnder(deps.db, scope, query.orgId);
  }
  return { orgIds: scopeIds(scope), planId: query.planId, underOrgId: query.orgId };
}

const dayCount = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

const summary = defineRoute({
  method: "GET",
  url: "/api/dashboard/summary",
  summary: "Where work stands: counts by status, completion by org and by section, escalated notices",
  description:
    "Statuses as of today, over the caller's visible orgs. Every bucket's `query` is the query of " +
    "GET /api/assignments (or, for notices, GET /api/notices) that lists exactly its items.",
  tags: ["dashboard"],
  auth: "user",
  query: z.object(narrowing),
  response: summarySchema,
  handler: async ({ query, user, deps }) => {
    const input = await dashboardInput(deps, user, query);
    return presentSummary(await dashboardSummary(deps.db, input, deps.today()));
  },
});

const trendQuery = z
  .object({
    ...narrowing,
    from: isoDateSchema.describe("First day of the series"),
    to: isoDateSchema.optional().describe("Last day of the series; default today"),
    step: z.enum(["week", "month"]).default("week"),
  })
  .superRefine((q, ctx) => {
    if (q.to !== undefined && q.to < q.from)
      ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  });

const trend = defineRoute({
  method: "GET",
  url: "/api/dashboard/overdue-trend",
  summary: "How many assignments were overdue and done on each day of a series",
  description:
    "Each point applies the status rules as of that day, counting only the reports filed and sign-offs " +
    `made on or before it. Points: from, every week or month after, and to; at most ${MAX_TREND_POINTS}. ` +
    "Each point's queries list its overdue and done assignments (GET /api/assignments with asOf).",
  tags: ["dashboard"],
  auth: "user",
  query: trendQuery,
  response: trendSchema,
  handler: async ({ query, user, deps }) => {
    const to = query.to ?? deps.today();
    const days = daySeries(query.from, to, query.step);
    if (days.length === 0) throw fieldProblem("query.from", "must not be after to (default today)");
    if (days.length > MAX_TREND_POINTS)
      throw fieldProblem(
        "query.step",
        `gives ${days.length} points, more than ${MAX_TREND_POINTS}; shorten the range or use step=month`,
      );
    const input = await dashboardInput(deps, user, query);
    const points = await overdueTrend(deps.db, input, days);
    return { step: query.step, points: points.map(presentTrendPoint) };
  },
});

const calendarQuery = z.object({ ...narrowing, from: isoDateSchema, to: isoDateSchema }).superRefine((q, ctx) => {
  if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  else if (dayCount(q.from, q.to) > MAX_CALENDAR_DAYS)
    ctx.addIssue({ code: "custom", path: ["to"], message: `the range may span at most ${MAX_CALENDAR_DAYS} days` });
});

const calendar = defineRoute({
  method: "GET",
  url: "/api/calendar",
  summary: "Deadlines per day: how many assignments fall due, the worst status, and the items",
  description:
    "Days without deadlines are left out. Status as of today. Items are the day's assignments worst " +
    "first, at most 50; the day's query lists them all (GET /api/assignments).",
  tags: ["dashboard"],
  auth: "user",
  query: calendarQuery,
  response: calendarSchema,
  handler: async ({ query, user, deps }) => {
    const input = await dashboardInput(deps, user, query);
    const days = await deadlineCalendar(deps.db, input, query, deps.today());
    return { from: query.from, to: query.to, days: days.map(presentCalendarDay) };
  },
});

function fieldProblem(path: string, message: string) {
  return badRequest(`Invalid request: ${path}: ${message}`, [{ path, message }]);
}

const decomposed = defineRoute({
  method: "GET",
  url: "/api/dashboard/decomposed",
  summary: "Decomposed work (分解) in view: each assignment broken down below, its own status and its subtree's",
  description:
    "The top of each decomposed subtree within the caller's view (narrowed as the summary is), worst first. " +
    "`atRisk` counts those with something below overdue or unfinished; `hiddenRisk` those of them whose own " +
    "status is not late, which only the subtree shows.",
  tags: ["dashboard"],
  auth: "user",
  query: z.object(narrowing),
  response: z.object({
    decomposed: z.number().int(),
    atRisk: z.number().int(),
    hiddenRisk: z.number().int(),
    done: z.number().int(),
    below: z.number().int().describe("Sub-assignments at any depth below them"),
    belowOverdue: z.number().int(),
    items: z.array(
      z.object({
        assignmentId: z.number().int(),
        measureId: z.number().int(),
        measureText: z.string(),
        planId: z.number().int(),
        orgId: z.number().int(),
        orgName: z.string(),
        status: assignmentStatusSchema,
        subtree: subtreeSchema,
      }),
    ),
  }),
  handler: async ({ query, user, deps }) => {
    const input = await dashboardInput(deps, user, query);
    return decomposedSummary(deps.db, input, deps.today());
  },
});

export const dashboardRoutes: Route[] = [summary, trend, calendar, decomposed];
