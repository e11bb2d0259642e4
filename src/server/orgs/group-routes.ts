// Groups for fan-out (各市市场监督管理局 = the city bureaus under the province): list them with their
// members, create one, add or remove a member. Plan offices manage the groups their subtree owns, with
// members from their subtree.
import { z } from "zod";
import { inScope, type OrgScope, orgScope, requireRole, scopeIds } from "../../services/access/index.ts";
import { getGroup, listGroups } from "../../services/orgs/group-queries.ts";
import { addGroup, changeGroupMember } from "../../services/orgs/groups.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { ensureUsable } from "./access.ts";
import { groupSchema, idParams, idSchema, orgNameSchema, presentGroup } from "./schemas.ts";

const editors = requireRole("admin", "plan_office");
const actor = (user: SessionUser, deps: AppDeps) => ({ userId: user.id, at: deps.now() });

async function visibleGroup(deps: AppDeps, scope: OrgScope, id: number) {
  const group = await getGroup(deps.db, id);
  if (!group || !inScope(scope, group.ownerOrgId)) throw notFound(`No group ${id}.`);
  return group;
}

const list = defineRoute({
  method: "GET",
  url: "/api/orgs/groups",
  summary: "Groups owned by orgs you may see, with their members",
  tags: ["orgs"],
  auth: "user",
  query: z.object({ ownerOrgId: idSchema.optional() }),
  response: z.object({ items: z.array(groupSchema) }),
  handler: async ({ query, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    let owners = scopeIds(scope);
    if (query.ownerOrgId !== undefined) owners = inScope(scope, query.ownerOrgId) ? [query.ownerOrgId] : [];
    return { items: (await listGroups(deps.db, owners)).map(presentGroup) };
  },
});

const create = defineRoute({
  method: "POST",
  url: "/api/orgs/groups",
  summary: "Define a group: a printed name that stands for several orgs, as seen from its owner org",
  tags: ["orgs"],
  auth: editors,
  body: z.object({
    ownerOrgId: idSchema,
    name: orgNameSchema,
    memberOrgIds: z.array(idSchema).max(1000).default([]),
  }),
  response: groupSchema,
  status: 201,
  handler: async ({ body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    ensureUsable(scope, body.ownerOrgId, "ownerOrgId");
    body.memberOrgIds.forEach((id, i) => {
      ensureUsable(scope, id, `memberOrgIds.${i}`);
    });
    return presentGroup(await addGroup(deps.db, actor(user, deps), body));
  },
});

const addMember = defineRoute({
  method: "POST",
  url: "/api/orgs/groups/:id/members",
  summary: "Add an org to a group",
  tags: ["orgs"],
  auth: editors,
  params: idParams,
  body: z.object({ orgId: idSchema }),
  response: groupSchema,
  handler: async ({ params, body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    await visibleGroup(deps, scope, params.id);
    ensureUsable(scope, body.orgId, "orgId");
    return presentGroup(await changeGroupMember(deps.db, actor(user, deps), params.id, body.orgId, "add"));
  },
});

const removeMember = defineRoute({
  method: "DELETE",
  url: "/api/orgs/groups/:id/members/:orgId",
  summary: "Remove an org from a group",
  tags: ["orgs"],
  auth: editors,
  params: z.object({ id: idSchema, orgId: idSchema }),
  response: groupSchema,
  handler: async ({ params, user, deps }) => {
    await visibleGroup(deps, await orgScope(deps.db, user), params.id);
    return presentGroup(await changeGroupMember(deps.db, actor(user, deps), params.id, params.orgId, "remove"));
  },
});

export const groupRoutes: Route[] = [list, create, addMember, removeMember];
