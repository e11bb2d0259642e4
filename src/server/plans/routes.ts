// Plans: the list, one plan's outline with its roll-up (any version, superseded ones included) and the
// versions of a plan.
import { z } from "zod";
import type { RollUp } from "../../domain/status.ts";
import { orgScope, scopeIds } from "../../services/access/index.ts";
import { planRollUp, planRollUps } from "../../services/assignments/assignments.ts";
import { ORG_KINDS } from "../../services/orgs/queries.ts";
import { listPlans, planOutline } from "../../services/plans/plans.ts";
import { getPlanSettings } from "../../services/plans/settings.ts";
import { notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { visiblePlan } from "./access.ts";
import { importRoutes } from "./import-routes.ts";
import { deadlineSchema, idParams, planSummary, rollUpSchema, sourceSchema, weightsSchema } from "./schemas.ts";
import { unresolvedRoutes } from "./unresolved-routes.ts";

const list = defineRoute({
  method: "GET",
  url: "/api/plans",
  summary: "Plans the user may see",
  tags: ["plans"],
  auth: "user",
  description:
    "Each plan carries its roll-up as the caller may see it: the whole plan for whoever sees its issuing office, " +
    "else only the caller's orgs' share (as GET /api/plans/:id).",
  query: z.object({
    status: z.enum(["active", "superseded"]).optional(),
    year: z.coerce.number().int().optional().describe("Plans whose period includes this year"),
    q: z.string().max(100).optional(),
    level: z.enum(ORG_KINDS).optional().describe("The issuing office's kind, e.g. province"),
    region: z
      .string()
      .regex(/^\d{6}$/, "must be a six-digit region code such as 370900")
      .optional()
      .describe("Plans issued in this region or inside it (370000 includes 370900)"),
  }),
  response: z.object({ items: z.array(planSummary.extend({ rollUp: rollUpSchema })) }),
  handler: async ({ query, user, deps }) => {
    const ids = scopeIds(await orgScope(deps.db, user));
    const plans = await listPlans(deps.db, {
      ...(ids ? { orgIds: ids } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.year !== undefined ? { year: query.year } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(query.level ? { level: query.level } : {}),
      ...(query.region ? { region: query.region } : {}),
    });
    // Whoever does not see a plan's issuing office sees only its own orgs' share of it.
    const visible = ids && new Set(ids);
    const partial = new Set(visible ? plans.filter((p) => !visible.has(p.orgId)).map((p) => p.id) : []);
    const rollUps = await planRollUps(
      deps.db,
      plans.map((p) => p.id),
      deps.today(),
      ids ? { planIds: partial, orgIds: ids } : undefined,
    );
    return { items: plans.map((plan) => ({ ...plan, rollUp: rollUps.get(plan.id) as RollUp })) };
  },
});

const show = defineRoute({
  method: "GET",
  url: "/api/plans/:id",
  summary: "One plan: tasks, measures with their source locations, indicators and roll-up",
  description:
    "Any version can be read; a superseded one has status 'superseded' and activeVersionId pointing at " +
    "the version that replaced it.",
  tags: ["plans"],
  auth: "user",
  params: idParams,
  response: planSummary.extend({
    dueSoonDays: z.number().int().describe("Days before a due date that work counts as due soon"),
    acknowledgeDays: z.number().int().describe("Days after which work not acknowledged (签收) is chased"),
    weights: weightsSchema.describe("Assessment weights"),
    rowVersion: z.number().int().describe("Send back with PATCH /api/plans/:id/settings"),
    headings: z
      .array(z.object({ key: z.string(), title: z.string() }))
      .describe(
        "Headings above the tasks, in document order; a task's section is the key of the heading it sits under",
      ),
    tasks: z.array(
      z.object({
        id: z.number(),
        key: z.string(),
        section: z.string(),
        title: z.string(),
        source: sourceSchema,
        measures: z.array(
          z.object({
            id: z.number(),
            text: z.string(),
            scope: z.string().nullable(),
            statedUnits: z.string(),
            deadline: deadlineSchema,
            status: z.enum(["open", "done"]),
            source: sourceSchema,
            rowVersion: z.number(),
            unresolved: z
              .array(z.object({ name: z.string(), role: z.enum(["lead", "support", "owner"]) }))
              .describe("Printed unit names no org matched yet; resolve them in GET …/unresolved"),
          }),
        ),
      }),
    ),
    indicators: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        op: z.string(),
        target: z.number(),
        targetHigh: z.number().nullable(),
        unit: z.string(),
        by: z.string().nullable(),
      }),
    ),
    rollUp: z.object({
      plan: rollUpSchema,
      sections: z.record(z.string(), rollUpSchema),
      tasks: z.record(z.string(), rollUpSchema),
      orgs: z.record(z.string(), rollUpSchema),
    }),
  }),
  handler: async ({ params, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await visiblePlan(deps.db, scope, params.id);
    const ids = scopeIds(scope);
    // Whoever sees the plan but not its owner sees the roll-up of their own orgs' work only.
    const restrict = ids && !ids.includes(plan.orgId) ? ids : undefined;
    // Independent reads, side by side: the roll-up's queries are the long pole.
    const [outline, rollUp, settings] = await Promise.all([
      planOutline(deps.db, plan.id),
      planRollUp(deps.db, plan.id, deps.today(), restrict),
      getPlanSettings(deps.db, plan.id),
    ]);
    if (!settings) throw notFound(`No plan ${plan.id}.`);
    const { dueSoonDays, acknowledgeDays, weights, rowVersion } = settings;
    return { ...plan, ...outline, dueSoonDays, acknowledgeDays, weights, rowVersion, rollUp };
  },
});

const versions = defineRoute({
  method: "GET",
  url: "/api/plans/:id/versions",
  summary: "Every version of the plan (same 文号 or title from the same org), oldest first",
  description: "Versions the user cannot see (none of its orgs owns or is assigned work in them) are left out.",
  tags: ["plans"],
  auth: "user",
  params: idParams,
  response: z.object({ items: z.array(planSummary) }),
  handler: async ({ params, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await visiblePlan(deps.db, scope, params.id);
    const items = await listPlans(deps.db, {
      orgIds: scopeIds(scope),
      lineage: { orgId: plan.orgId, key: plan.lineageKey },
    });
    return { items };
  },
});

export const planRoutes: Route[] = [list, show, versions, ...importRoutes, ...unresolvedRoutes];
