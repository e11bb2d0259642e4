// Selective scopes (有关地区 / 各有关市 / 有关单位, issue 10) over HTTP: the plan's list, the office's 待选定
// list, a unit's 领办 offers, and the three decisions (choose members, open a 领办 window, opt in). One
// service call per route; the service decides who may (services/scopes/scopes.ts).
import { z } from "zod";
import { orgScope, requireRole } from "../../services/access/index.ts";
import { decideScope, listScopes, openOptIn, optIn, pendingScopes, scopeOffers } from "../../services/scopes/scopes.ts";
import type { LoopActor } from "../../services/supervision-loop/access.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { visiblePlan } from "../plans/access.ts";
import { defineRoute, type Route } from "../route.ts";
import { idParams, idSchema, isoDateSchema, versionSchema } from "../tracking/schemas.ts";

async function actor(deps: AppDeps, user: SessionUser): Promise<LoopActor> {
  return { userId: user.id, orgId: user.orgId, role: user.role, scope: await orgScope(deps.db, user) };
}

export const selectiveScopeSchema = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  planTitle: z.string(),
  measureId: z.number().int(),
  measureText: z.string(),
  taskKey: z.string(),
  via: z.string().describe("The printed scope: 有关地区, 各有关市市场监督管理局, 有关单位"),
  role: z.enum(["lead", "support", "owner"]),
  mode: z.enum(["choose", "opt_in"]),
  optInUntil: z.string().nullable(),
  state: z
    .enum(["pending", "opt_in", "opt_in_closed", "decided"])
    .describe(
      "pending 待选定; opt_in 领办中 (window open); opt_in_closed 领办已截止 (the office to close it); decided 已选定",
    ),
  candidates: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), holds: z.boolean() })),
  takers: z
    .array(
      z.object({ orgId: z.number().int(), orgName: z.string(), assignmentId: z.number().int(), optedIn: z.boolean() }),
    )
    .describe("Candidates holding the measure through this scope: chosen by the office or opted in (领办)"),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
  canDecide: z.boolean(),
  canOptIn: z.boolean(),
});
const listSchema = z.object({ items: z.array(selectiveScopeSchema) });

const planScopes = defineRoute({
  method: "GET",
  url: "/api/plans/:id/scopes",
  summary: "A plan's selective scopes (有关地区, 各有关市…): candidates, who holds the measure, and the state",
  tags: ["plans"],
  auth: "user",
  params: idParams,
  query: z.object({ measure: idSchema.optional() }),
  response: listSchema,
  handler: async ({ params, query, user, deps }) => {
    const who = await actor(deps, user);
    await visiblePlan(deps.db, who.scope, params.id);
    return {
      items: await listScopes(
        deps.db,
        who,
        { planId: params.id, ...(query.measure ? { measureId: query.measure } : {}) },
        deps.today(),
      ),
    };
  },
});

const pending = defineRoute({
  method: "GET",
  url: "/api/scopes/pending",
  summary: "Selective scopes not yet decided (待选定, 领办中) in plans of the caller's offices",
  tags: ["plans"],
  auth: requireRole("admin", "plan_office", "viewer"),
  query: z.object({ plan: idSchema.optional() }),
  response: listSchema,
  handler: async ({ query, user, deps }) => ({
    items: await pendingScopes(deps.db, await actor(deps, user), deps.today(), query.plan),
  }),
});

const offers = defineRoute({
  method: "GET",
  url: "/api/scopes/offers",
  summary: "领办 offers for the caller's own org: open windows naming it as a candidate",
  tags: ["plans"],
  auth: "user",
  response: listSchema,
  handler: async ({ user, deps }) => ({
    items: await scopeOffers(deps.db, await actor(deps, user), deps.today()),
  }),
});

const decide = defineRoute({
  method: "POST",
  url: "/api/scopes/:id/decide",
  summary: "Choose which candidates the measure goes to and close the scope (选定)",
  description:
    "The plan's office only. Each chosen candidate not yet holding the measure gets an assignment (to acknowledge, " +
    "签收); members that opted in keep theirs. `[]` closes it with nobody more. Audited as scope.decide.",
  tags: ["plans"],
  auth: requireRole("admin", "plan_office"),
  params: idParams,
  body: z.object({ orgIds: z.array(idSchema).max(1000), expectedVersion: versionSchema.optional() }).strict(),
  response: selectiveScopeSchema,
  handler: async ({ params, body, user, deps }) =>
    decideScope(
      deps.db,
      await actor(deps, user),
      { scopeId: params.id, orgIds: body.orgIds, expectedVersion: body.expectedVersion, at: deps.now() },
      deps.today(),
    ),
});

const window = defineRoute({
  method: "POST",
  url: "/api/scopes/:id/opt-in-window",
  summary: "Open (or move) a 领办 window: the candidates may opt in until the date",
  tags: ["plans"],
  auth: requireRole("admin", "plan_office"),
  params: idParams,
  body: z.object({ until: isoDateSchema, expectedVersion: versionSchema.optional() }).strict(),
  response: selectiveScopeSchema,
  handler: async ({ params, body, user, deps }) =>
    openOptIn(
      deps.db,
      await actor(deps, user),
      { scopeId: params.id, until: body.until, expectedVersion: body.expectedVersion, at: deps.now() },
      deps.today(),
    ),
});

const take = defineRoute({
  method: "POST",
  url: "/api/scopes/:id/opt-in",
  summary: "领办: the caller's own org, a candidate, takes the measure while the window is open",
  description: "Creates the org's assignment, acknowledged at once (audited as scope.opt_in). 409 after the window.",
  tags: ["plans"],
  auth: requireRole("admin", "plan_office", "reporter"),
  params: idParams,
  status: 201,
  response: z.object({ assignmentId: z.number().int(), scope: selectiveScopeSchema }),
  handler: async ({ params, user, deps }) =>
    optIn(deps.db, await actor(deps, user), { scopeId: params.id, at: deps.now() }, deps.today()),
});

export const scopeRoutes: Route[] = [planScopes, pending, offers, decide, window, take];
