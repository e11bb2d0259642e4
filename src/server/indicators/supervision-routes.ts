// Indicators under supervision: who is off pace, orgs ranked by pace for one indicator, and the target
// split as a sheet (the template out, a filled one in).
import { z } from "zod";
import { canWriteOrg, inScope, type OrgScope, orgScope, requireRole, scopeIds } from "../../services/access/index.ts";
import { indicatorPlan, planIndicators } from "../../services/indicators/indicators.ts";
import { offPaceItems } from "../../services/indicators/supervision/off-pace.ts";
import { childOrgs, readSplitSheet, splitTemplate } from "../../services/indicators/supervision/split-sheet.ts";
import { setTargetShares } from "../../services/indicators/targets.ts";
import { listPlans } from "../../services/plans/plans.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { visiblePlan } from "../plans/access.ts";
import { forbidden, notFound } from "../problem.ts";
import { defineRoute, fileSchema, type Route, rawBodySchema } from "../route.ts";
import { idParams, idSchema, isoDateSchema } from "../tracking/schemas.ts";
import { paceSchema, pathStepSchema, splitCheckSchema } from "./pace-schemas.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function indicatorOf(deps: AppDeps, scope: OrgScope, indicatorId: number, asOf?: string) {
  const found = await indicatorPlan(deps.db, indicatorId);
  if (!found) throw notFound("No such indicator.");
  const plan = await visiblePlan(deps.db, scope, found.planId).catch(() => {
    throw notFound("No such indicator.");
  });
  const items = await planIndicators(deps.db, plan.id, scopeIds(scope), asOf, {
    today: asOf ?? deps.today(),
  });
  const item = items.find((i) => i.id === indicatorId);
  if (!item) throw notFound("No such indicator.");
  return { plan, item };
}

const offPace = defineRoute({
  method: "GET",
  url: "/api/indicators/off-pace",
  summary: "Indicators off pace, by org: a supervision state of their own",
  description:
    "Every org in your scope whose indicator is off pace (Open SDG band below on track, or a forecast short " +
    "of the target): the plan's own figure for its issuing office, each share (指标分解) for the org holding it. " +
    "The daily run reminds each of them once a year per band.",
  tags: ["indicators"],
  auth: "user",
  query: z.object({ planId: idSchema.optional().describe("Only this plan's indicators") }),
  response: z.object({
    items: z.array(
      z.object({
        planId: z.number().int(),
        planTitle: z.string(),
        indicatorId: z.number().int(),
        indicatorName: z.string(),
        unit: z.string(),
        orgId: z.number().int(),
        orgName: z.string(),
        scope: z.enum(["plan", "share"]).describe("plan: the plan's own figure; share: the org's share"),
        band: paceSchema.shape.band,
        bandLabel: z.string().describe("The band in Chinese"),
        targetYear: z.number().int().nullable(),
        target: z.number().nullable(),
        latest: z.number().nullable(),
        forecast: z
          .object({ year: z.number().int(), value: z.number(), method: z.enum(["compound", "linear"]) })
          .nullable(),
        sentence: z.string().describe("The progress report's sentence about it"),
      }),
    ),
  }),
  handler: async ({ query, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    // The plans you see (the one asked for), and only the orgs of your scope.
    let planIds: number[] | undefined;
    if (query.planId !== undefined) planIds = [(await visiblePlan(deps.db, scope, query.planId)).id];
    else if (!scope.all)
      planIds = (await listPlans(deps.db, { orgIds: [...scope.ids], status: "active" })).map((p) => p.id);
    const items = await offPaceItems(deps.db, deps.today(), {
      ...(planIds ? { planIds } : {}),
      ...(scope.all ? {} : { orgIds: [...scope.ids] }),
    });
    return { items };
  },
});

const ranking = defineRoute({
  method: "GET",
  url: "/api/indicators/:id/ranking",
  summary: "Orgs ranked by pace for one indicator",
  description:
    "Every org in your scope with a share of the target or values, best Open SDG score first (achieved 5, " +
    "then by the ratio of observed to required growth); orgs that cannot be judged come last. asOf judges " +
    "as the figures stood that day, as the plan's indicators do.",
  tags: ["indicators"],
  auth: "user",
  params: idParams,
  query: z.object({
    asOf: isoDateSchema
      .optional()
      .describe("Judge as of this day: later values are left out and its year is this year (default today)"),
  }),
  response: z.object({
    indicatorId: z.number().int(),
    name: z.string(),
    unit: z.string(),
    items: z.array(
      z.object({
        rank: z.number().int().nullable().describe("1 = best pace; null: cannot be judged"),
        orgId: z.number().int(),
        orgName: z.string(),
        targets: z.array(pathStepSchema),
        latest: z.object({ asOf: z.string(), value: z.number() }).nullable(),
        pace: paceSchema,
      }),
    ),
  }),
  handler: async ({ params, query, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const { item } = await indicatorOf(deps, scope, params.id, query.asOf);
    let rank = 0;
    const items = item.pace.orgs.map((o) => ({
      rank: o.pace.score === null ? null : ++rank,
      orgId: o.orgId,
      orgName: o.orgName,
      targets: o.targets,
      latest: o.latest,
      pace: o.pace,
    }));
    return { indicatorId: item.id, name: item.name, unit: item.unit, items };
  },
});

/** The office whose orgs a sheet splits to: ?under=, else your own org (an admin: the plan's office). */
async function splitter(deps: AppDeps, user: SessionUser, scope: OrgScope, under: number | undefined, owner: number) {
  const parent = under ?? (user.role === "admin" ? owner : user.orgId);
  if (!inScope(scope, parent)) throw notFound(`No org ${parent}.`);
  if (user.role !== "admin" && !(await canWriteOrg(deps.db, user, parent)))
    throw forbidden(`Org ${parent} is not yours to split: its orgs' shares are set by its own office.`);
  return parent;
}

const upperTarget = (
  item: Awaited<ReturnType<typeof indicatorOf>>["item"],
  ownerId: number,
  parent: number,
  year: number,
): number | null =>
  parent === ownerId
    ? (item.pace.path.find((p) => p.year === year)?.value ?? null)
    : (item.pace.orgs.find((o) => o.orgId === parent)?.targets.find((t) => t.year === year)?.value ?? null);

const sheetExport = defineRoute({
  method: "GET",
  url: "/api/indicators/:id/targets/sheet",
  summary: "Download the split template (.xlsx): the orgs under an office with their current shares",
  description:
    "Columns 单位ID, 单位名称, 目标年度, 目标值, 目标上限（区间指标）; one row per org directly under the office, " +
    "its share for the year filled in where set. The same file POST …/targets/sheet reads.",
  tags: ["indicators"],
  auth: requireRole("admin", "plan_office"),
  params: idParams,
  query: z.object({
    year: z.coerce.number().int().min(1949).max(2100).optional().describe("Default: the plan's target year"),
    under: idSchema.optional().describe("The office splitting; default your own org"),
  }),
  response: fileSchema,
  produces: "application/octet-stream",
  handler: async ({ params, query, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const { plan, item } = await indicatorOf(deps, scope, params.id);
    const parent = await splitter(deps, user, scope, query.under, plan.orgId);
    const year = query.year ?? item.pace.path.at(-1)?.year ?? Number(deps.today().slice(0, 4));
    const bytes = await splitTemplate(deps.db, {
      indicatorId: item.id,
      parentOrgId: parent,
      year,
      upperTarget: upperTarget(item, plan.orgId, parent, year),
    });
    return { contentType: XLSX, fileName: `指标分解-${item.name}-${year}.xlsx`, bytes };
  },
});

const sheetImport = defineRoute({
  method: "POST",
  url: "/api/indicators/:id/targets/sheet",
  summary: "Upload a filled split template: every row checked, all or nothing",
  description:
    "The body is the .xlsx itself. Each row must be an org directly under the office (?under=, default yours), " +
    "once, all for one year; 目标值 a number (empty removes the org's share). Otherwise 422 with errors[] naming " +
    "each row and column, and nothing is kept. The response is as GET …/targets, with the sum checks.",
  tags: ["indicators"],
  auth: requireRole("admin", "plan_office"),
  params: idParams,
  query: z.object({ under: idSchema.optional().describe("The office splitting; default your own org") }),
  body: rawBodySchema,
  rawBody: { maxBytes: 5 * 1024 * 1024 },
  response: z.object({
    indicatorId: z.number().int(),
    year: z.number().int(),
    shares: z.number().int().describe("Rows set"),
    removed: z.number().int().describe("Rows left empty (their share removed)"),
    checks: z.array(z.object({ orgId: z.number().int(), year: z.number().int(), check: splitCheckSchema })),
  }),
  handler: async ({ params, query, body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const { plan, item } = await indicatorOf(deps, scope, params.id);
    const parent = await splitter(deps, user, scope, query.under, plan.orgId);
    const orgs = new Map((await childOrgs(deps.db, parent)).map((o) => [o.id, o.name]));
    const sheet = await readSplitSheet(body, orgs);
    await setTargetShares(deps.db, {
      indicatorId: item.id,
      year: sheet.year,
      shares: sheet.shares.map((s) =>
        s.target === null
          ? { orgId: s.orgId, target: null }
          : { orgId: s.orgId, target: s.target, targetHigh: s.targetHigh },
      ),
      userId: user.id,
      at: deps.now(),
    });
    const { item: after } = await indicatorOf(deps, scope, params.id);
    return {
      indicatorId: item.id,
      year: sheet.year,
      shares: sheet.shares.filter((s) => s.target !== null).length,
      removed: sheet.shares.filter((s) => s.target === null).length,
      checks: after.pace.splitChecks.filter((c) => c.year === sheet.year),
    };
  },
});

export const indicatorSupervisionRoutes: Route[] = [offPace, ranking, sheetExport, sheetImport];
