// Named checks in the manner of outline's `authorize(user, action, record)`: each throws the store's
// errors (NotFoundError, NotAllowedError), which the server turns into 404/403 problems (server/problem.ts)
// and the CLI into exit 2, so services, commands and jobs can use them as routes do.

import { NotAllowedError, NotFoundError } from "../../store/errors.ts";
import type { UserRole } from "../../store/schema.ts";
import { type Actor, inScope, mayWrite, type OrgScope } from "./scope.ts";

/** What an actor does to a record that belongs to an org. */
export type Action = "read" | "write";

/** For route definitions: `auth: requireRole("admin", "plan_office")`. */
export function requireRole<const R extends readonly UserRole[]>(...roles: R): R {
  return roles;
}

/** The same check inside a use case, for decisions that depend on more than the route. */
export function assertRole(actor: Actor, ...roles: readonly UserRole[]): void {
  if (!roles.includes(actor.role)) throw new NotAllowedError("Your role does not allow this.");
}

/** Throws "not found" for a resource the actor may not read, exactly as if it did not exist. */
export function ensureVisible<T extends { orgId: number }>(scope: OrgScope, resource: T | undefined, what: string): T {
  if (!resource || !inScope(scope, resource.orgId)) throw new NotFoundError(`No such ${what}.`);
  return resource;
}

/**
 * The one check for an org's record: out of scope (or missing) is "not found"; in scope but not writable
 * by the actor's role is "not allowed". Returns the record.
 */
export function authorize<T extends { orgId: number }>(
  actor: Actor,
  scope: OrgScope,
  action: Action,
  record: T | undefined,
  what: string,
): T {
  const visible = ensureVisible(scope, record, what);
  if (action === "write" && !mayWrite(actor, scope, visible.orgId))
    throw new NotAllowedError(`Your role does not allow changing this ${what}.`);
  return visible;
}
