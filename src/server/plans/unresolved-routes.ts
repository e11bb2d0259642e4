// The review list of an imported plan: unit names no org matched, and resolving one by mapping it to an
// org (or creating the org), which also assigns the measures it appeared in. The plan's plan office
// (or an admin) does this.
import { z } from "zod";
import { orgScope, requireRole } from "../../services/access/index.ts";
import { listUnresolved, resolveUnitName, resolveUnitNames } from "../../services/plans/unresolved-units.ts";
import { ensurePlaceable, ensureUsable } from "../orgs/access.ts";
import { newOrgSchema } from "../orgs/schemas.ts";
import { defineRoute, type Route } from "../route.ts";
import { ownPlan } from "./access.ts";
import { idParams, idSchema, unresolvedEntrySchema } from "./schemas.ts";

const managers = requireRole("admin", "plan_office");

const list = defineRoute({
  method: "GET",
  url: "/api/plans/:id/unresolved",
  summary: "Unit names of the plan still to review, each with the measures and roles it appeared with",
  tags: ["plans"],
  auth: managers,
  params: idParams,
  response: z.object({ items: z.array(unresolvedEntrySchema) }),
  handler: async ({ params, user, deps }) => {
    const plan = await ownPlan(deps.db, await orgScope(deps.db, user), params.id);
    return { items: await listUnresolved(deps.db, plan.id) };
  },
});

const resolveBody = z
  .object({
    name: z.string().min(1).describe("The printed name, as GET …/unresolved lists it"),
    orgId: idSchema.optional().describe("Map the name to this org"),
    newOrg: newOrgSchema.optional().describe("Or create this org and map the name to it"),
  })
  .refine((b) => (b.orgId === undefined) !== (b.newOrg === undefined), {
    message: "give either orgId or newOrg (not both)",
    path: ["orgId"],
  });

const resolve = defineRoute({
  method: "POST",
  url: "/api/plans/:id/unresolved/resolve",
  summary: "Resolve a unit name: map it to an org (or create one), remember it, assign its measures",
  description:
    "In one transaction: creates the org if asked, remembers the name as the org's alias (later imports " +
    "resolve it), assigns the org to every measure the name appeared in (same role, the measure's due " +
    "date; an existing assignment of that org is kept), marks the name resolved, and audits all of it.",
  tags: ["plans"],
  auth: managers,
  params: idParams,
  body: resolveBody,
  response: z.object({
    name: z.string(),
    orgId: z.number(),
    orgCreated: z.boolean(),
    aliasAdded: z.boolean().describe("false: the org had this name already, or it is a scope (各地区)"),
    measures: z.number(),
    assignmentsCreated: z.number(),
    remaining: z.number().describe("Names of the plan still to review"),
  }),
  handler: async ({ params, body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await ownPlan(deps.db, scope, params.id);
    if (body.newOrg) ensurePlaceable(user, scope, body.newOrg.parentId, "newOrg.parentId");
    if (body.orgId !== undefined) ensureUsable(scope, body.orgId, "orgId");
    const target = body.newOrg ? { newOrg: body.newOrg } : { orgId: body.orgId as number };
    return resolveUnitName(
      deps.db,
      { userId: user.id, at: deps.now(), timeZone: deps.config.timeZone },
      plan.id,
      body.name,
      target,
    );
  },
});

const resolvedSchema = z.object({
  name: z.string(),
  orgId: z.number(),
  orgCreated: z.boolean(),
  aliasAdded: z.boolean(),
  measures: z.number(),
  assignmentsCreated: z.number(),
});

const resolveMany = defineRoute({
  method: "POST",
  url: "/api/plans/:id/unresolved/resolve-many",
  summary: "Resolve many unit names at once (map each to an org, or create one), all or nothing",
  description:
    "The review table's one submit: each item as for …/unresolved/resolve, all in one transaction; when " +
    "one item fails (an org that does not exist, a name resolved by someone else meanwhile) none is applied.",
  tags: ["plans"],
  auth: managers,
  params: idParams,
  body: z.object({ items: z.array(resolveBody).min(1).max(500) }),
  response: z.object({
    results: z.array(resolvedSchema),
    remaining: z.number().describe("Names of the plan still to review"),
  }),
  handler: async ({ params, body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await ownPlan(deps.db, scope, params.id);
    const items = body.items.map((item, i) => {
      if (item.newOrg) ensurePlaceable(user, scope, item.newOrg.parentId, `items.${i}.newOrg.parentId`);
      if (item.orgId !== undefined) ensureUsable(scope, item.orgId, `items.${i}.orgId`);
      return { name: item.name, target: item.newOrg ? { newOrg: item.newOrg } : { orgId: item.orgId as number } };
    });
    return resolveUnitNames(
      deps.db,
      { userId: user.id, at: deps.now(), timeZone: deps.config.timeZone },
      plan.id,
      items,
    );
  },
});

export const unresolvedRoutes: Route[] = [list, resolve, resolveMany];
