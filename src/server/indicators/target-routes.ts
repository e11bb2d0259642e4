// Correcting an indicator (baseline, target path, kind) and splitting its target among orgs (指标分解).
import { z } from "zod";
import { canWriteOrg, inScope, type OrgScope, orgScope, requireRole, scopeIds } from "../../services/access/index.ts";
import { indicatorPlan, planIndicators } from "../../services/indicators/indicators.ts";
import { correctIndicator, setTargetShares, targetShares } from "../../services/indicators/targets.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps as RouteDeps } from "../context.ts";
import { ownPlan, visiblePlan } from "../plans/access.ts";
import { forbidden, notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { idParams, idSchema, versionSchema } from "../tracking/schemas.ts";
import { timestampSchema } from "../users/schemas.ts";
import { directionSchema, kindSchema, pathStepSchema, splitCheckSchema } from "./pace-schemas.ts";
import { indicatorSchema, presentIndicator } from "./schemas.ts";

async function planOf(deps: RouteDeps, scope: OrgScope, indicatorId: number) {
  const found = await indicatorPlan(deps.db, indicatorId);
  if (!found) throw notFound("No such indicator.");
  return visiblePlan(deps.db, scope, found.planId).catch(() => {
    throw notFound("No such indicator.");
  });
}

async function viewOf(deps: RouteDeps, scope: OrgScope, planId: number, indicatorId: number) {
  const items = await planIndicators(deps.db, planId, scopeIds(scope), undefined, { today: deps.today() });
  const item = items.find((i) => i.id === indicatorId);
  if (!item) throw notFound("No such indicator.");
  return item;
}

const correct = defineRoute({
  method: "PATCH",
  url: "/api/indicators/:id",
  summary: "Correct an indicator's direction, kind, baseline, target path or weight indicator",
  description:
    "For the plan's own offices (and admins). Fields left out stay; null clears (direction: read it from the " +
    "operator again; baseline: none; targetPath: the printed target). Audited. rowVersion is the one last read.",
  tags: ["indicators"],
  auth: requireRole("admin", "plan_office"),
  params: idParams,
  body: z.object({
    rowVersion: versionSchema,
    direction: directionSchema.nullable().optional(),
    kind: kindSchema.optional(),
    cumulative: z.boolean().optional(),
    baseline: z
      .object({ year: z.number().int(), value: z.number() })
      .nullable()
      .optional()
      .describe("The base year and its value, e.g. {year: 2020, value: 420}"),
    targetPath: z
      .array(pathStepSchema)
      .nullable()
      .optional()
      .describe("Target values by year, e.g. [{year: 2023, value: 300}, {year: 2025, value: 560}]"),
    weightIndicatorId: idSchema
      .nullable()
      .optional()
      .describe(
        "For a rate: another indicator of the plan (population, a denominator) whose values weigh the orgs' rates " +
          "when they roll up; null: none (the orgs' rates are shown side by side)",
      ),
  }),
  response: indicatorSchema,
  handler: async ({ params, body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await planOf(deps, scope, params.id);
    await ownPlan(deps.db, scope, plan.id);
    const { rowVersion, ...changes } = body;
    await correctIndicator(deps.db, {
      indicatorId: params.id,
      rowVersion,
      changes: {
        ...(changes.direction !== undefined ? { direction: changes.direction } : {}),
        ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
        ...(changes.cumulative !== undefined ? { cumulative: changes.cumulative } : {}),
        ...(changes.baseline !== undefined ? { baseline: changes.baseline } : {}),
        ...(changes.targetPath !== undefined ? { targetPath: changes.targetPath } : {}),
        ...(changes.weightIndicatorId !== undefined ? { weightIndicatorId: changes.weightIndicatorId } : {}),
      },
      userId: user.id,
      at: deps.now(),
    });
    return presentIndicator(await viewOf(deps, scope, plan.id, params.id));
  },
});

const shareSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  year: z.number().int(),
  target: z.number(),
  targetHigh: z.number().nullable(),
  setBy: z.number().int().nullable(),
  setAt: timestampSchema,
});
const sharesResponse = z.object({
  indicatorId: z.number().int(),
  items: z.array(shareSchema).describe("By year, then org name"),
  checks: z
    .array(z.object({ orgId: z.number().int(), year: z.number().int(), check: splitCheckSchema }))
    .describe("Whether the shares under each org add up to its target: short/over is a warning, not a refusal"),
});

async function sharesView(deps: RouteDeps, scope: OrgScope, planId: number, indicatorId: number) {
  const [items, view] = await Promise.all([
    targetShares(deps.db, indicatorId, scopeIds(scope)),
    viewOf(deps, scope, planId, indicatorId),
  ]);
  return {
    indicatorId,
    items: items.map((s) => ({ ...s, setAt: s.setAt.toISOString() })),
    checks: view.pace.splitChecks,
  };
}

const listShares = defineRoute({
  method: "GET",
  url: "/api/indicators/:id/targets",
  summary: "An indicator's target shares (指标分解) and whether they add up",
  description: "Shares of orgs in your scope.",
  tags: ["indicators"],
  auth: "user",
  params: idParams,
  response: sharesResponse,
  handler: async ({ params, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await planOf(deps, scope, params.id);
    return sharesView(deps, scope, plan.id, params.id);
  },
});

/** A plan office splits among the orgs below its own (its own share is set from above); admins anywhere. */
async function maySetShare(deps: RouteDeps, user: SessionUser, scope: OrgScope, orgId: number): Promise<void> {
  if (!inScope(scope, orgId)) throw notFound(`No org ${orgId}.`);
  if (user.role === "admin") return;
  if (orgId === user.orgId || !(await canWriteOrg(deps.db, user, orgId)))
    throw forbidden(`Org ${orgId} is not below your org: its share is set by the office above it.`);
}

const setShares = defineRoute({
  method: "PUT",
  url: "/api/indicators/:id/targets",
  summary: "Set orgs' shares of an indicator's target for a year",
  description:
    "Plan offices for orgs below their own, admins for any. Each org given gets its share for the year " +
    "(target null removes it); other orgs' shares stay. Audited. The response's checks say whether the shares " +
    "add up (counts only) — a warning, the shares are kept either way.",
  tags: ["indicators"],
  auth: requireRole("admin", "plan_office"),
  params: idParams,
  body: z.object({
    year: z.number().int().describe("The target year the shares are for, e.g. 2025"),
    shares: z
      .array(
        z.object({
          orgId: idSchema,
          target: z.number().nullable().describe("The org's share; null removes it"),
          targetHigh: z.number().nullable().optional(),
        }),
      )
      .min(1),
  }),
  response: sharesResponse,
  handler: async ({ params, body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await planOf(deps, scope, params.id);
    for (const s of body.shares) await maySetShare(deps, user, scope, s.orgId);
    await setTargetShares(deps.db, {
      indicatorId: params.id,
      year: body.year,
      shares: body.shares.map((s) =>
        s.target === null
          ? { orgId: s.orgId, target: null }
          : { orgId: s.orgId, target: s.target, targetHigh: s.targetHigh ?? null },
      ),
      userId: user.id,
      at: deps.now(),
    });
    return sharesView(deps, scope, plan.id, params.id);
  },
});

export const indicatorTargetRoutes: Route[] = [correct, listShares, setShares];
