// Who acts in the supervision loop, and the one assignment row every step reads. The HTTP layer and the CLI
// build the actor (its org scope as services/access computes it); the use cases here decide.
import type { Kysely, Transaction } from "kysely";
import { NotAllowedError, NotFoundError } from "../../store/errors.ts";
import type { AssignmentRole, Database, UserRole } from "../../store/schema.ts";

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/** The orgs a user may read: every org, or an explicit set (the shape of server/auth OrgScope). */
export type LoopScope = { readonly all: true } | { readonly all: false; readonly ids: ReadonlySet<number> };

export type LoopActor = { userId: number; orgId: number; role: UserRole; scope: LoopScope };

export const sees = (actor: LoopActor, orgId: number): boolean => actor.scope.all || actor.scope.ids.has(orgId);
export const scopeList = (actor: LoopActor): number[] | undefined =>
  actor.scope.all ? undefined : [...actor.scope.ids];

/** An assignment with what the loop's rules need: its plan's office and settings, and its loop columns. */
export type LoopAssignment = {
  id: number;
  measureId: number;
  planId: number;
  planOrgId: number;
  planActive: boolean;
  acknowledgeDays: number;
  orgId: number;
  regionCode: string;
  role: AssignmentRole;
  dueOn: string | null;
  originalDueOn: string | null;
  assignedAt: Date;
  acknowledgedAt: Date | null;
  signedOffAt: Date | null;
  closedAt: Date | null;
  /**
   * The org holding the parent assignment of a sub-assignment (分解), which reviews it instead of the plan
   * office. Sub-assignments arrive with migration 012 (assignments.parent_assignment_id); until that is
   * merged every assignment is top-level and this is null — see reviewerOf.
   */
  parentOrgId: number | null;
};

export async function loadAssignment(db: Db, id: number, lock = false): Promise<LoopAssignment | undefined> {
  let q = db
    .selectFrom("assignments as a")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .leftJoin("assignments as parent", "parent.id", "a.parent_assignment_id")
    .select([
      "a.id",
      "parent.org_id as parent_org_id",
      "a.measure_id",
      "a.plan_id",
      "p.org_id as plan_org_id",
      "p.status as plan_status",
      "p.acknowledge_days",
      "a.org_id",
      "a.region_code",
      "a.role",
      "a.due_on",
      "a.original_due_on",
      "a.assigned_at",
      "a.acknowledged_at",
      "a.signed_off_at",
      "a.closed_at",
    ])
    .where("a.id", "=", id);
  if (lock) q = q.forUpdate("a");
  const r = await q.executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    measureId: r.measure_id,
    planId: r.plan_id,
    planOrgId: r.plan_org_id,
    planActive: r.plan_status === "active",
    acknowledgeDays: r.acknowledge_days,
    orgId: r.org_id,
    regionCode: r.region_code,
    role: r.role,
    dueOn: r.due_on,
    originalDueOn: r.original_due_on,
    assignedAt: new Date(r.assigned_at),
    acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
    signedOffAt: r.signed_off_at ? new Date(r.signed_off_at) : null,
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    parentOrgId: r.parent_org_id ?? null,
  };
}

export type Reviewer = { kind: "plan_office"; orgId: number } | { kind: "parent"; orgId: number };

/**
 * Who reviews an assignment's reports, decides its extensions and approves its closure (审核, 延期, 办结):
 * the plan office of its plan (or an office above it), or — for a sub-assignment — the org holding the
 * parent assignment (assignments.parent_assignment_id, migration 012). This is the one place the rule lives.
 */
export function reviewerOf(a: Pick<LoopAssignment, "planOrgId" | "parentOrgId">): Reviewer {
  return a.parentOrgId !== null
    ? { kind: "parent", orgId: a.parentOrgId }
    : { kind: "plan_office", orgId: a.planOrgId };
}

export function mayReview(actor: LoopActor, a: Pick<LoopAssignment, "planOrgId" | "parentOrgId">): boolean {
  if (actor.role === "admin") return true;
  const reviewer = reviewerOf(a);
  if (reviewer.kind === "plan_office") return actor.role === "plan_office" && sees(actor, reviewer.orgId);
  // The parent unit itself (its office or reporters), or an office above it.
  return (
    (actor.role === "reporter" && actor.orgId === reviewer.orgId) ||
    (actor.role === "plan_office" && sees(actor, reviewer.orgId))
  );
}

/**
 * The assignment, visible to the actor (else 404) and of an active plan (else 409). A sub-assignment is also
 * visible to its reviewer, the unit holding its parent (a city reporter, whose scope is its own org, reviews
 * its counties' reports and extensions).
 */
export async function visibleAssignment(db: Db, actor: LoopActor, id: number, lock = false): Promise<LoopAssignment> {
  const a = await loadAssignment(db, id, lock);
  if (!a || !(sees(actor, a.orgId) || (a.parentOrgId !== null && mayReview(actor, a))))
    throw new NotFoundError("No such assignment.");
  return a;
}

/** The assignment's own unit acts (签收, 延期申请): not an office above it, not an admin. */
export function ensureOwnUnit(actor: LoopActor, a: LoopAssignment, what: string): void {
  if (actor.orgId !== a.orgId || !(actor.role === "plan_office" || actor.role === "reporter"))
    throw new NotAllowedError(`Only the responsible unit itself may ${what}.`);
}

export function ensureReviewer(actor: LoopActor, a: LoopAssignment, what: string): void {
  if (!mayReview(actor, a))
    throw new NotAllowedError(
      `Only the plan office of this plan (or, for a sub-assignment, the unit above it) may ${what}.`,
    );
}

/** The actor for a username, with its org scope as the API computes it (for the CLI). */
export async function actorNamed(db: Db, username: string): Promise<LoopActor | undefined> {
  const user = await db
    .selectFrom("users")
    .select(["id", "org_id", "role", "disabled"])
    .where("username", "=", username)
    .executeTakeFirst();
  if (!user || user.disabled) return undefined;
  const base = { userId: user.id, orgId: user.org_id, role: user.role };
  if (user.role === "admin") return { ...base, scope: { all: true } };
  if (user.role === "reporter") return { ...base, scope: { all: false, ids: new Set([user.org_id]) } };
  const { subtree } = await import("../orgs/queries.ts");
  return { ...base, scope: { all: false, ids: new Set((await subtree(db, user.org_id)).map((o) => o.id)) } };
}
