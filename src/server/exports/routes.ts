// Downloads: the task register (.xlsx), a progress report / annual work-summary draft (.docx) and an
// org's deadlines as a calendar subscription (.ics), plus the feed token calendar apps use instead of
// a cookie. Building the files is the services' job (services/exports); these routes scope and present.
import { z } from "zod";
import { reportSpan } from "../../domain/report-span.ts";
import { inScope, orgScope } from "../../services/access/index.ts";
import {
  calendarTokenIssuedAt,
  calendarTokenUser,
  issueCalendarToken,
  revokeCalendarToken,
} from "../../services/exports/calendar-tokens.ts";
import { calendarFile, progressReportFile, registerFile } from "../../services/exports/files.ts";
import { orgNamed } from "../../services/orgs/orgs.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { visiblePlan } from "../plans/access.ts";
import { badRequest, notFound, unauthorized } from "../problem.ts";
import { defineRoute, fileSchema, type Route } from "../route.ts";
import { idParams, idSchema } from "../tracking/schemas.ts";
import { timestampSchema } from "../users/schemas.ts";

const orgQuery = z.object({
  orgId: idSchema.optional().describe("Only this org's assignments; every org you may see when left out"),
});

/**
 * The plan (404 unless visible), the orgs whose work to include, how to name them in the document and,
 * when the file is one org's, in its file name.
 */
async function exportScope(deps: AppDeps, user: SessionUser, planId: number, orgId: number | undefined) {
  const scope = await orgScope(deps.db, user);
  const plan = await visiblePlan(deps.db, scope, planId);
  const named = async (id: number) => (await orgNamed(deps.db, id))?.name ?? "";
  if (orgId !== undefined) {
    if (!inScope(scope, orgId)) throw notFound(`No org ${orgId}.`);
    const name = await named(orgId);
    return { plan, orgIds: [orgId], scopeLabel: name, fileLabel: name };
  }
  if (scope.all) return { plan, orgIds: undefined, scopeLabel: "全部责任单位" };
  const own = await named(user.orgId);
  if (user.role === "reporter") return { plan, orgIds: [...scope.ids], scopeLabel: own, fileLabel: own };
  return { plan, orgIds: [...scope.ids], scopeLabel: `${own}及所属单位` };
}

const register = defineRoute({
  method: "GET",
  url: "/api/plans/:id/register.xlsx",
  summary: "The task register (任务台账) of a plan as .xlsx",
  description:
    "One row per assignment you may see, in plan order, with status and the latest report; a second sheet " +
    "counts statuses per org.",
  tags: ["exports"],
  auth: "user",
  params: idParams,
  query: orgQuery,
  response: fileSchema,
  produces: "application/octet-stream",
  handler: async ({ params, query, user, deps }) => {
    const scoped = await exportScope(deps, user, params.id, query.orgId);
    return registerFile(deps.db, { ...scoped, today: deps.today(), now: deps.now() });
  },
});

const report = defineRoute({
  method: "GET",
  url: "/api/plans/:id/report.docx",
  summary: "A progress report / annual work-summary draft (工作总结初稿) of a plan as .docx",
  description:
    "period: a year (2025: the annual summary), a quarter (2025-Q1) or a month (2025-03); left out, " +
    "everything up to today. Narratives are each org's latest report within the period.",
  tags: ["exports"],
  auth: "user",
  params: idParams,
  query: orgQuery.extend({ period: z.string().max(10).optional() }),
  response: fileSchema,
  produces: "application/octet-stream",
  handler: async ({ params, query, user, deps }) => {
    const today = deps.today();
    const span = reportSpan(query.period, today);
    if (!span) {
      const message = `"${query.period}" is not a year (2025), quarter (2025-Q1) or month (2025-03) up to today`;
      throw badRequest(`Invalid request: query.period: ${message}`, [{ path: "query.period", message }]);
    }
    const scoped = await exportScope(deps, user, params.id, query.orgId);
    return progressReportFile(deps.db, { ...scoped, span, now: deps.now(), timeZone: deps.config.timeZone });
  },
});

const calendar = defineRoute({
  method: "GET",
  url: "/api/orgs/:id/calendar.ics",
  summary: "An org's deadlines as an iCalendar subscription",
  description:
    "One all-day event per measure the org answers for. Calendar apps send no cookie: subscribe to the URL " +
    "from POST /api/session/calendar-token, which carries ?token=.",
  tags: ["exports"],
  auth: "public",
  params: idParams,
  query: z.object({ token: z.string().max(100).optional() }),
  response: fileSchema,
  produces: "application/octet-stream",
  handler: async ({ params, query, session, deps }) => {
    const user = session?.user ?? (query.token ? await calendarTokenUser(deps.db, query.token) : null);
    if (!user)
      throw unauthorized(
        query.token
          ? "This calendar token is not valid (any more); get a new URL from POST /api/session/calendar-token."
          : "Sign in, or subscribe to the URL from POST /api/session/calendar-token.",
      );
    if (!inScope(await orgScope(deps.db, user), params.id)) throw notFound(`No org ${params.id}.`);
    return calendarFile(deps.db, params.id, deps.now(), deps.config.timeZone);
  },
});

const tokenResponse = z.object({
  token: z.string().describe("Shown once; only its hash is kept. A new one replaces it."),
  path: z.string(),
  url: z.string().describe("The subscription URL for a calendar app"),
  createdAt: timestampSchema,
});

const issueToken = defineRoute({
  method: "POST",
  url: "/api/session/calendar-token",
  summary: "Get a calendar feed URL (a new token, replacing any earlier one)",
  description:
    "The token opens only .ics feeds, with your scope. orgId picks the org of the returned URL (yours by default).",
  tags: ["exports"],
  auth: "user",
  body: z.object({ orgId: idSchema.optional() }).optional(),
  status: 201,
  response: tokenResponse,
  handler: async ({ body, user, deps }) => {
    const orgId = body?.orgId ?? user.orgId;
    if (!inScope(await orgScope(deps.db, user), orgId)) throw notFound(`No org ${orgId}.`);
    const now = deps.now();
    const token = await issueCalendarToken(deps.db, user.id, now);
    const path = `/api/orgs/${orgId}/calendar.ics?token=${token}`;
    return { token, path, url: `${deps.publicUrl()}${path}`, createdAt: now.toISOString() };
  },
});

const tokenStatus = defineRoute({
  method: "GET",
  url: "/api/session/calendar-token",
  summary: "Whether you have a calendar feed token, and since when",
  description:
    "The token itself is shown only when it is issued (only its hash is kept); to see a feed URL again, get a " +
    "new one with POST, which replaces it.",
  tags: ["exports"],
  auth: "user",
  response: z.object({
    active: z.boolean(),
    createdAt: timestampSchema.nullable().describe("When the current token was issued; null without one"),
  }),
  handler: async ({ user, deps }) => {
    const issued = await calendarTokenIssuedAt(deps.db, user.id);
    return { active: issued !== null, createdAt: issued?.toISOString() ?? null };
  },
});

const revokeToken = defineRoute({
  method: "DELETE",
  url: "/api/session/calendar-token",
  summary: "Revoke your calendar feed token: subscribed calendars stop updating",
  description: "Idempotent: 204 whether or not you had a token.",
  tags: ["exports"],
  auth: "user",
  handler: async ({ user, deps }) => {
    await revokeCalendarToken(deps.db, user.id, deps.now());
    return undefined;
  },
});

export const exportRoutes: Route[] = [register, report, calendar, tokenStatus, issueToken, revokeToken];
