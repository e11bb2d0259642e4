// Who may see and change what. Roles: admin (everything); plan_office (manages its org's subtree);
// reporter (reports for its own org only); viewer (reads its org's subtree). Resources outside a user's
// scope are reported as 404, not 403, so that ids of other orgs reveal nothing.
import type { Kysely } from "kysely";
import type { Database, UserRole } from "../../store/schema.ts";
import { forbidden, notFound } from "../problem.ts";
import type { SessionUser } from "./sessions.ts";

/** The orgs a user may read: every org, or an explicit set. */
export type OrgScope = { readonly all: true } | { readonly all: false; readonly ids: ReadonlySet<number> };

/** For route definitions: `auth: requireRole("admin", "plan_office")`. */
export function requireRole<const R extends readonly UserRole[]>(...roles: R): R {
  return roles;
}

/** The same check inside a handler, for decisions that depend on more than the route. */
export function assertRole(user: SessionUser, ...roles: readonly UserRole[]): void {
  if (!roles.includes(user.role)) throw forbidden();
}

/**
 * The org and all its descendants: the orgs whose materialised path (orgs.path, kept by migration 016's
 * triggers) starts with the org's own — one indexed range read, however deep or wide the tree.
 */
export async function orgSubtree(db: Kysely<Database>, rootOrgId: number): Promise<Set<number>> {
  const root = await db.selectFrom("orgs").select("path").where("id", "=", rootOrgId).executeTakeFirst();
  if (!root?.path) return new Set(root ? [rootOrgId] : []);
  // Paths hold digits and "/" only: nothing to escape in the pattern.
  const rows = await db.selectFrom("orgs").select("id").where("path", "like", `${root.path}%`).execute();
  return new Set(rows.map((r) => Number(r.id)));
}

export async function orgScope(db: Kysely<Database>, user: SessionUser): Promise<OrgScope> {
  switch (user.role) {
    case "admin":
      return { all: true };
    case "plan_office":
    case "viewer":
      return { all: false, ids: await orgSubtree(db, user.orgId) };
    case "reporter":
      return { all: false, ids: new Set([user.orgId]) };
  }
}

export function inScope(scope: OrgScope, orgId: number): boolean {
  return scope.all || scope.ids.has(orgId);
}

/** The scope narrowed to an org and its descendants (?under= filters); an org outside it leaves nothing. */
export async function scopeUnder(db: Kysely<Database>, scope: OrgScope, rootOrgId: number): Promise<OrgScope> {
  const subtree = await orgSubtree(db, rootOrgId);
  return { all: false, ids: new Set([...subtree].filter((id) => inScope(scope, id))) };
}

/** The scope as a filter for store queries: undefined means no filter. */
export function scopeIds(scope: OrgScope): number[] | undefined {
  return scope.all ? undefined : [...scope.ids];
}

export async function canWriteOrg(db: Kysely<Database>, user: SessionUser, orgId: number): Promise<boolean> {
  switch (user.role) {
    case "admin":
      return true;
    case "plan_office":
      return (await orgSubtree(db, user.orgId)).has(orgId);
    case "reporter":
      return orgId === user.orgId;
    case "viewer":
      return false;
  }
}

/** Throws 404 for a resource the user may not read, exactly as if it did not exist. */
export function ensureVisible<T extends { orgId: number }>(scope: OrgScope, resource: T | undefined, what: string): T {
  if (!resource || !inScope(scope, resource.orgId)) throw notFound(`No such ${what}.`);
  return resource;
}
