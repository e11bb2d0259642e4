// Task links between plans, and the plans a plan is aligned against. Everyone who sees a plan reads its
// links; only the plan's own offices (its issuing org's subtree or above) suggest, confirm, reject or
// add them, and choose its upper plans.
import { z } from "zod";
import { orgScope, requireRole } from "../../services/access/index.ts";
import { addLink, confirmLink, linkPlanId, listPlanLinks, rejectLink } from "../../services/links/links.ts";
import { suggestLinks } from "../../services/links/suggest.ts";
import { addUpperPlan, chooseUpperPlans, removeUpperPlan } from "../../services/links/upper-plans.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { ownPlan, visiblePlan } from "../plans/access.ts";
import { HttpProblem, notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { idParams, idSchema, versionSchema } from "../tracking/schemas.ts";
import { linkKindSchema, linkSchema, linkStateSchema, upperPlanSchema } from "./schemas.ts";
import { traceRoutes } from "./trace-routes.ts";

const OFFICES = requireRole("admin", "plan_office");

async function ownLinkPlan(deps: AppDeps, user: SessionUser, linkId: number): Promise<number> {
  const planId = await linkPlanId(deps.db, linkId);
  if (planId === undefined) throw notFound(`No link ${linkId}.`);
  const plan = await ownPlan(deps.db, await orgScope(deps.db, user), planId).catch((error: unknown) => {
    // A link of a plan the caller cannot see does not exist for it.
    if (error instanceof HttpProblem && error.status === 404) throw notFound(`No link ${linkId}.`);
    throw error;
  });
  return plan.id;
}

const list = defineRoute({
  method: "GET",
  url: "/api/plans/:id/links",
  summary: "The links of a plan's tasks to upper-level tasks: suggested, confirmed and rejected",
  tags: ["links"],
  auth: "user",
  params: idParams,
  query: z.object({ state: linkStateSchema.optional() }),
  response: z.object({ items: z.array(linkSchema) }),
  handler: async ({ params, query, user, deps }) => {
    await visiblePlan(deps.db, await orgScope(deps.db, user), params.id);
    return { items: await listPlanLinks(deps.db, params.id, query.state) };
  },
});

const suggest = defineRoute({
  method: "POST",
  url: "/api/plans/:id/links/suggest",
  summary: "Suggest upper-level tasks for every task of the plan, against its upper plans",
  description:
    "Runs the alignment engine in one transaction. Confirmed and rejected links are kept as decided; " +
    "a rejected pair is never suggested again; suggestions no longer made are withdrawn.",
  tags: ["links"],
  auth: OFFICES,
  params: idParams,
  response: z.object({
    upperPlans: z.number(),
    tasks: z.number(),
    suggested: z.number(),
    withdrawn: z.number(),
    abstained: z.number().describe("Tasks with no close upper task"),
  }),
  handler: async ({ params, user, deps }) => {
    const plan = await ownPlan(deps.db, await orgScope(deps.db, user), params.id);
    return suggestLinks(deps.db, plan.id, { userId: user.id, origin: "on_demand" });
  },
});

const decisionBody = z.object({ version: versionSchema.optional(), kind: linkKindSchema.optional() });

const confirm = defineRoute({
  method: "POST",
  url: "/api/links/:id/confirm",
  summary: "Confirm a link (as primary, the lower task's other confirmed primary becomes related)",
  tags: ["links"],
  auth: OFFICES,
  params: idParams,
  body: decisionBody,
  response: linkSchema,
  handler: async ({ params, body, user, deps }) => {
    await ownLinkPlan(deps, user, params.id);
    return confirmLink(deps.db, params.id, { userId: user.id, version: body.version, kind: body.kind, at: deps.now() });
  },
});

const reject = defineRoute({
  method: "POST",
  url: "/api/links/:id/reject",
  summary: "Reject a link; the same pair is not suggested again",
  tags: ["links"],
  auth: OFFICES,
  params: idParams,
  body: decisionBody.pick({ version: true }),
  response: linkSchema,
  handler: async ({ params, body, user, deps }) => {
    await ownLinkPlan(deps, user, params.id);
    return rejectLink(deps.db, params.id, { userId: user.id, version: body.version, at: deps.now() });
  },
});

const add = defineRoute({
  method: "POST",
  url: "/api/plans/:id/links",
  summary: "Link a task of the plan to an upper-level task by hand (confirmed at once)",
  tags: ["links"],
  auth: OFFICES,
  params: idParams,
  body: z.object({ lowerTaskId: idSchema, upperTaskId: idSchema, kind: linkKindSchema.default("primary") }),
  response: linkSchema,
  status: 201,
  handler: async ({ params, body, user, deps }) => {
    const plan = await ownPlan(deps.db, await orgScope(deps.db, user), params.id);
    return addLink(deps.db, plan.id, body, { userId: user.id, at: deps.now() });
  },
});

const upperPlans = z.object({ items: z.array(upperPlanSchema) });

const listUpper = defineRoute({
  method: "GET",
  url: "/api/plans/:id/upper-plans",
  summary: "The plans this plan is aligned against",
  description:
    "Chosen automatically on first read: plans of the issuing org's ancestors and plans that hand measures " +
    "down to the issuing org; plus those added by hand, minus those removed.",
  tags: ["links"],
  auth: "user",
  params: idParams,
  response: upperPlans,
  handler: async ({ params, user, deps }) => {
    await visiblePlan(deps.db, await orgScope(deps.db, user), params.id);
    return { items: await chooseUpperPlans(deps.db, params.id) };
  },
});

const addUpper = defineRoute({
  method: "POST",
  url: "/api/plans/:id/upper-plans",
  summary: "Add an upper plan to align this plan against",
  tags: ["links"],
  auth: OFFICES,
  params: idParams,
  body: z.object({ planId: idSchema }),
  response: upperPlans,
  handler: async ({ params, body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await ownPlan(deps.db, scope, params.id);
    const upper = await visiblePlan(deps.db, scope, body.planId);
    return { items: await addUpperPlan(deps.db, plan.id, upper.id, user.id) };
  },
});

const removeUpper = defineRoute({
  method: "DELETE",
  url: "/api/plans/:id/upper-plans/:upperId",
  summary: "Remove an upper plan; its pending suggestions go, decided links stay",
  tags: ["links"],
  auth: OFFICES,
  params: z.object({ id: idSchema, upperId: idSchema }),
  response: upperPlans,
  handler: async ({ params, user, deps }) => {
    const plan = await ownPlan(deps.db, await orgScope(deps.db, user), params.id);
    return { items: await removeUpperPlan(deps.db, plan.id, params.upperId, user.id) };
  },
});

export const linkRoutes: Route[] = [
  list,
  suggest,
  confirm,
  reject,
  add,
  listUpper,
  addUpper,
  removeUpper,
  ...traceRoutes,
];
