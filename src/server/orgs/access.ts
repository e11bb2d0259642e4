// Who may change which orgs: admins any; plan offices those in their subtree (routes already refuse
// reporters and viewers). An org outside the scope is 404, as if it did not exist, whether the URL or the
// body names it (the message then names the field).
import { inScope, type OrgScope } from "../../services/access/index.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { forbidden, notFound } from "../problem.ts";

export function ensureOrgVisible(scope: OrgScope, id: number): void {
  if (!inScope(scope, id)) throw notFound(`No org ${id}.`);
}

export function ensureUsable(scope: OrgScope, id: number, field: string): void {
  if (!inScope(scope, id)) throw notFound(`No org ${id} (body.${field}).`);
}

/** Where an org may be created or moved to: under one of the user's orgs, or at the top for admins. */
export function ensurePlaceable(user: SessionUser, scope: OrgScope, parentId: number | null, field = "parentId") {
  if (parentId === null) {
    if (user.role !== "admin") throw forbidden("Only an admin can put an org at the top level; name a parentId.");
    return;
  }
  ensureUsable(scope, parentId, field);
}
