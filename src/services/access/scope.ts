// Who may see and change what. Roles: admin (everything); plan_office (manages its org's subtree);
// reporter (reports for its own org only); viewer (reads its org's subtree). Resources outside a user's
// scope are reported as "not found", not "not allowed", so that ids of other orgs reveal nothing.
//
// The scope is the one database question here (the org subtree, a recursive query); it is asked once per
// actor object and remembered on it. Every request gets a session user object of its own (the session cache
// hands out copies), so that is once per request, however many checks the request makes (a write route used
// to ask twice: scope, then write right).
import type { Kysely } from "kysely";
import type { Database, UserRole } from "../../store/schema.ts";

/** Whoever acts: a signed-in user (the server's SessionUser), or a CLI or job acting as one. */
export type Actor = { readonly id: number; readonly role: UserRole; readonly orgId: number };

/**
 * The orgs a user may read: every org, or an explicit set. `wholeTree` marks a set that is every org there
 * is (the subtree of the only root, e.g. the national office's): read rights stay those of its role, but a
 * query needs no org filter for it (scopeIds).
 */
export type OrgScope =
  | { readonly all: true }
  | { readonly all: false; readonly ids: ReadonlySet<number>; readonly wholeTree?: true };

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

const remembered = new WeakMap<Actor, Promise<OrgScope>>();

async function computeScope(db: Kysely<Database>, actor: Actor): Promise<OrgScope> {
  switch (actor.role) {
    case "admin":
      return { all: true };
    case "plan_office":
    case "viewer": {
      const [ids, orgs] = await Promise.all([
        orgSubtree(db, actor.orgId),
        db
          .selectFrom("orgs")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow(),
      ]);
      return ids.size === Number(orgs.n) ? { all: false, ids, wholeTree: true } : { all: false, ids };
    }
    case "reporter":
      return { all: false, ids: new Set([actor.orgId]) };
  }
}

/** The actor's read scope, computed on the first call for this actor object and remembered after. */
export function orgScope(db: Kysely<Database>, actor: Actor): Promise<OrgScope> {
  let scope = remembered.get(actor);
  if (!scope) {
    scope = computeScope(db, actor);
    remembered.set(actor, scope);
    // A failed lookup is not remembered: the next check asks again.
    scope.catch(() => remembered.delete(actor));
  }
  return scope;
}

export function inScope(scope: OrgScope, orgId: number): boolean {
  return scope.all || scope.ids.has(orgId);
}

/** The scope narrowed to an org and its descendants (?under= filters); an org outside it leaves nothing. */
export async function scopeUnder(db: Kysely<Database>, scope: OrgScope, rootOrgId: number): Promise<OrgScope> {
  const subtree = await orgSubtree(db, rootOrgId);
  return { all: false, ids: new Set([...subtree].filter((id) => inScope(scope, id))) };
}

/**
 * The scope as a filter for queries: undefined means no filter. A scope of every org is none: a national
 * office's thousands of ids would only make each query plan and test them.
 */
export function scopeIds(scope: OrgScope): number[] | undefined {
  return scope.all || scope.wholeTree ? undefined : [...scope.ids];
}

/**
 * Whether the actor may change an org's records, given its read scope: admins anything, plan offices their
 * subtree (which is their read scope), reporters their own org, viewers nothing.
 */
export function mayWrite(actor: Actor, scope: OrgScope, orgId: number): boolean {
  switch (actor.role) {
    case "admin":
      return true;
    case "plan_office":
      return inScope(scope, orgId);
    case "reporter":
      return orgId === actor.orgId;
    case "viewer":
      return false;
  }
}

/** mayWrite with the actor's own scope (remembered, so no second subtree query after orgScope). */
export async function canWriteOrg(db: Kysely<Database>, actor: Actor, orgId: number): Promise<boolean> {
  return mayWrite(actor, await orgScope(db, actor), orgId);
}
