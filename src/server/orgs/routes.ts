// The org directory: reading it (each user their scope) and editing orgs and their aliases (admins
// anywhere, plan offices inside their subtree). Every change is audited by the services.
import { z } from "zod";
import { orgScope, requireRole, scopeIds } from "../../services/access/index.ts";
import { addOrg, addOrgAlias, changeOrg, removeOrgAlias } from "../../services/orgs/orgs.ts";
import { getOrg, listOrgs } from "../../services/orgs/queries.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { ensureOrgVisible, ensurePlaceable } from "./access.ts";
import { groupRoutes } from "./group-routes.ts";
import { idParams, idSchema, newOrgSchema, orgPatchSchema, orgSchema, presentOrg } from "./schemas.ts";
import { transferRoutes } from "./transfer-routes.ts";

const editors = requireRole("admin", "plan_office");
const actor = (user: SessionUser, deps: AppDeps) => ({ userId: user.id, at: deps.now() });

const list = defineRoute({
  method: "GET",
  url: "/api/orgs",
  summary: "Orgs the user may see (its subtree), with aliases, for pickers, mapping unit names and the admin page",
  tags: ["orgs"],
  auth: "user",
  response: z.object({ items: z.array(orgSchema) }),
  handler: async ({ user, deps }) => {
    const ids = scopeIds(await orgScope(deps.db, user));
    return { items: (await listOrgs(deps.db, { ids })).map(presentOrg) };
  },
});

const show = defineRoute({
  method: "GET",
  url: "/api/orgs/:id",
  summary: "One org, e.g. to reload it after a 409",
  tags: ["orgs"],
  auth: "user",
  params: idParams,
  response: orgSchema,
  handler: async ({ params, user, deps }) => {
    ensureOrgVisible(await orgScope(deps.db, user), params.id);
    const org = await getOrg(deps.db, params.id);
    if (!org) throw notFound(`No org ${params.id}.`);
    return presentOrg(org);
  },
});

const create = defineRoute({
  method: "POST",
  url: "/api/orgs",
  summary: "Create an org",
  description: "Plan offices create orgs under their own subtree; only admins create top-level orgs.",
  tags: ["orgs"],
  auth: editors,
  body: newOrgSchema,
  response: orgSchema,
  status: 201,
  handler: async ({ body, user, deps }) => {
    ensurePlaceable(user, await orgScope(deps.db, user), body.parentId);
    return presentOrg(await addOrg(deps.db, actor(user, deps), body));
  },
});

const update = defineRoute({
  method: "PATCH",
  url: "/api/orgs/:id",
  summary: "Rename an org, change its kind, region or region-office flag, or move it under another parent",
  description:
    "Send the rowVersion you read; if someone changed the org since, 409 and nothing changes. " +
    "Moving an org under itself or its own descendant is refused (400).",
  tags: ["orgs"],
  auth: editors,
  params: idParams,
  body: orgPatchSchema,
  response: orgSchema,
  handler: async ({ params, body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    ensureOrgVisible(scope, params.id);
    if (body.parentId !== undefined) ensurePlaceable(user, scope, body.parentId);
    const { rowVersion, ...patch } = body;
    return presentOrg(await changeOrg(deps.db, actor(user, deps), params.id, rowVersion, patch));
  },
});

const addAliasRoute = defineRoute({
  method: "POST",
  url: "/api/orgs/:id/aliases",
  summary: "Remember another printed name of an org, so that imports resolve it",
  tags: ["orgs"],
  auth: editors,
  params: idParams,
  body: z.object({ alias: z.string().trim().min(1, "must not be empty").max(200) }),
  response: z.object({ added: z.boolean().describe("false: the org had this name already"), org: orgSchema }),
  handler: async ({ params, body, user, deps }) => {
    ensureOrgVisible(await orgScope(deps.db, user), params.id);
    const { org, added } = await addOrgAlias(deps.db, actor(user, deps), params.id, body.alias);
    return { added, org: presentOrg(org) };
  },
});

const removeAliasRoute = defineRoute({
  method: "DELETE",
  url: "/api/orgs/:id/aliases/:aliasId",
  summary: "Forget an alias of an org",
  tags: ["orgs"],
  auth: editors,
  params: z.object({ id: idSchema, aliasId: idSchema }),
  response: orgSchema,
  handler: async ({ params, user, deps }) => {
    ensureOrgVisible(await orgScope(deps.db, user), params.id);
    return presentOrg(await removeOrgAlias(deps.db, actor(user, deps), params.id, params.aliasId));
  },
});

export const orgRoutes: Route[] = [
  list,
  ...transferRoutes,
  ...groupRoutes,
  show,
  create,
  update,
  addAliasRoute,
  removeAliasRoute,
];
