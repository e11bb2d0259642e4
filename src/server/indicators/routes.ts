// Indicators (指标): a plan's targets with the values reported against them, and reporting a value.
import { z } from "zod";
import { canWriteOrg, inScope, orgScope, requireRole, scopeIds, scopeUnder } from "../../services/access/index.ts";
import { indicatorPlan, planIndicators, recordIndicatorValue } from "../../services/indicators/indicators.ts";
import { visiblePlan } from "../plans/access.ts";
import { forbidden, notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { idParams, idSchema, isoDateSchema } from "../tracking/schemas.ts";
import { indicatorSchema, presentIndicator, presentValue, valueSchema } from "./schemas.ts";
import { indicatorSupervisionRoutes } from "./supervision-routes.ts";
import { indicatorTargetRoutes } from "./target-routes.ts";

const list = defineRoute({
  method: "GET",
  url: "/api/plans/:id/indicators",
  summary: "A plan's indicators with their reported values and the latest value against the target",
  description:
    "Values are those of orgs in your scope (all for an admin); ?orgId= narrows them to one org, " +
    "?under= to an org and its descendants (as the dashboard's unit filter does). " +
    "latest is the value with the latest as-of date. pace judges the plan's figure (the owner's values, or for " +
    "counts its orgs' figures summed) — or the narrowed org's figure against its share — by Open SDG's progress " +
    "measure, and lists every org with a share or values, best pace first.",
  tags: ["indicators"],
  auth: "user",
  params: idParams,
  query: z
    .object({
      orgId: idSchema.optional().describe("Only this org's values"),
      under: idSchema.optional().describe("Only the values of this org and its descendants"),
      asOf: isoDateSchema
        .optional()
        .describe("Judge as of this day: later values are left out and its year is this year (default today)"),
    })
    .refine((q) => q.orgId === undefined || q.under === undefined, {
      path: ["under"],
      message: "give orgId (one org) or under (an org's subtree), not both",
    }),
  response: z.object({ planId: z.number().int(), items: z.array(indicatorSchema) }),
  handler: async ({ params, query, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await visiblePlan(deps.db, scope, params.id);
    const narrowTo = query.orgId ?? query.under;
    if (narrowTo !== undefined && !inScope(scope, narrowTo)) throw notFound(`No org ${narrowTo}.`);
    const orgIds =
      query.orgId !== undefined
        ? [query.orgId]
        : scopeIds(query.under !== undefined ? await scopeUnder(deps.db, scope, query.under) : scope);
    const items = await planIndicators(deps.db, plan.id, orgIds, query.asOf, {
      today: query.asOf ?? deps.today(),
      focusOrgId: narrowTo,
    });
    return { planId: plan.id, items: items.map(presentIndicator) };
  },
});

const record = defineRoute({
  method: "POST",
  url: "/api/indicators/:id/values",
  summary: "Report an indicator value",
  description:
    "Reporters report for their own org, plan offices for any org of their subtree, admins for any org. " +
    "The org must have issued the plan or hold work in it. asOf cannot be after today.",
  tags: ["indicators"],
  auth: requireRole("admin", "plan_office", "reporter"),
  params: idParams,
  body: z.object({
    value: z.number({ error: "must be a number" }),
    asOf: isoDateSchema.describe("The day the figure stands for, e.g. 2025-02-28"),
    source: z.string({ error: "must be text" }).describe("Where the figure comes from, e.g. 省局统计月报"),
    orgId: idSchema.optional().describe("The org the value is for; your own org when left out"),
  }),
  status: 201,
  response: valueSchema,
  handler: async ({ params, body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const found = await indicatorPlan(deps.db, params.id);
    if (!found) throw notFound("No such indicator.");
    await visiblePlan(deps.db, scope, found.planId).catch(() => {
      throw notFound("No such indicator.");
    });
    const orgId = body.orgId ?? user.orgId;
    if (!inScope(scope, orgId)) throw notFound(`No org ${orgId}.`);
    if (!(await canWriteOrg(deps.db, user, orgId)))
      throw forbidden("You may report values only for your own org (plan offices: for orgs of their subtree).");
    const value = await recordIndicatorValue(deps.db, {
      indicatorId: params.id,
      orgId,
      value: body.value,
      asOf: body.asOf,
      source: body.source,
      userId: user.id,
      today: deps.today(),
      at: deps.now(),
    });
    return presentValue(value);
  },
});

export const indicatorRoutes: Route[] = [list, record, ...indicatorTargetRoutes, ...indicatorSupervisionRoutes];
