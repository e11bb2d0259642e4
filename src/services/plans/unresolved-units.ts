// The review list of a plan: printed unit names its import could not resolve. Resolving a name maps it to
// an org (an existing one or one created on the spot), remembers it as the org's alias for later imports,
// and creates the assignments the import could not: one per measure the name appeared in, same role,
// the measure's due date — all in one transaction with its audit entries.
import type { Kysely, Transaction } from "kysely";
import { indexDirectory, lookupOrg, VIA_ALL_REGIONS, VIA_SOME_REGIONS } from "../../domain/fanout.ts";
import type { UnresolvedReason } from "../../domain/types.ts";
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, InputError, NotFoundError } from "../../store/errors.ts";
import type { AssignmentRole, Database } from "../../store/schema.ts";
import { refreshStatus, statusDay } from "../assignments/stored-status.ts";
import { type Actor, createOrgIn } from "../orgs/orgs.ts";
import { getOrg, loadDirectory, type NewOrg } from "../orgs/queries.ts";
import { rememberUnitName } from "./import-plan.ts";

type Tx = Transaction<Database>;
const isScopeName = (name: string) => name === VIA_ALL_REGIONS || name === VIA_SOME_REGIONS;

export type UnresolvedEntry = {
  name: string;
  roles: AssignmentRole[];
  /** Why the directory, as it is now, still cannot resolve the name; null when it now can (see suggestion). */
  reason: UnresolvedReason | null;
  /** The org the directory resolves the name to now (e.g. an alias added since the import). */
  suggestion: { orgId: number; orgName: string } | null;
  measures: {
    id: number;
    text: string;
    role: AssignmentRole;
    taskKey: string;
    dueOn: string | null;
    ongoing: boolean;
  }[];
};

/** Names still to review, most measures first, each with the measures and roles it appeared with. */
export async function listUnresolved(db: Kysely<Database>, planId: number): Promise<UnresolvedEntry[]> {
  const plan = await db.selectFrom("plans").select("org_id").where("id", "=", planId).executeTakeFirst();
  if (!plan) throw new NotFoundError(`No plan ${planId}.`);
  const rows = await db
    .selectFrom("unresolved_units as u")
    .innerJoin("measures as m", "m.id", "u.measure_id")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .select(["u.name", "u.role", "m.id", "m.text", "t.key", "m.due_on", "m.ongoing"])
    .where("u.plan_id", "=", planId)
    .where("u.resolved_org_id", "is", null)
    .orderBy("t.position")
    .orderBy("m.position")
    .execute();
  if (rows.length === 0) return [];
  const directory = await loadDirectory(db);
  const index = indexDirectory(directory, plan.org_id);
  const names = new Map(directory.orgs.map((o) => [o.id, o.name]));
  const byName = new Map<string, UnresolvedEntry>();
  for (const r of rows) {
    let entry = byName.get(r.name);
    if (!entry) {
      const found = isScopeName(r.name) ? { reason: "no-subordinates" as const } : lookupOrg(index, r.name);
      entry = {
        name: r.name,
        roles: [],
        reason: "orgId" in found ? null : found.reason,
        suggestion: "orgId" in found ? { orgId: found.orgId, orgName: names.get(found.orgId) ?? "" } : null,
        measures: [],
      };
      byName.set(r.name, entry);
    }
    if (!entry.roles.includes(r.role)) entry.roles.push(r.role);
    entry.measures.push({ id: r.id, text: r.text, role: r.role, taskKey: r.key, dueOn: r.due_on, ongoing: r.ongoing });
  }
  return [...byName.values()].sort((a, b) => b.measures.length - a.measures.length || a.name.localeCompare(b.name));
}

export type Resolution = { orgId: number } | { newOrg: NewOrg };

export type ResolveResult = {
  name: string;
  orgId: number;
  orgCreated: boolean;
  aliasAdded: boolean;
  measures: number;
  assignmentsCreated: number;
  /** Names of the plan still to review after this one. */
  remaining: number;
};

export function resolveUnitName(
  db: Kysely<Database>,
  actor: Actor,
  planId: number,
  name: string,
  target: Resolution,
): Promise<ResolveResult> {
  return db.transaction().execute(async (tx) => {
    const plan = await activePlan(tx, planId);
    const result = await resolveIn(tx, actor, plan, name, target);
    return { ...result, remaining: await remainingNames(tx, planId) };
  });
}

/**
 * Many names at once (a review table with one submit): all in one transaction, so a bad row (an org that
 * does not exist, a name resolved meanwhile) leaves every name as it was.
 */
export function resolveUnitNames(
  db: Kysely<Database>,
  actor: Actor,
  planId: number,
  items: readonly { name: string; target: Resolution }[],
): Promise<{ results: Omit<ResolveResult, "remaining">[]; remaining: number }> {
  return db.transaction().execute(async (tx) => {
    const plan = await activePlan(tx, planId);
    const names = items.map((i) => i.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) throw new InputError(`"${twice}" is listed twice; give each name once`, "items");
    const results: Omit<ResolveResult, "remaining">[] = [];
    for (const item of items) results.push(await resolveIn(tx, actor, plan, item.name, item.target));
    return { results, remaining: await remainingNames(tx, planId) };
  });
}

type PlanRow = { id: number; org_id: number; region_code: string; status: string; version: number };

async function activePlan(tx: Tx, planId: number): Promise<PlanRow> {
  const plan = await tx
    .selectFrom("plans")
    .select(["id", "org_id", "region_code", "status", "version"])
    .where("id", "=", planId)
    .executeTakeFirst();
  if (!plan) throw new NotFoundError(`No plan ${planId}.`);
  if (plan.status === "superseded")
    throw new ConflictError(
      `Plan ${planId} (version ${plan.version}) is superseded; resolve names on its active version.`,
    );
  return plan;
}

async function remainingNames(tx: Tx, planId: number): Promise<number> {
  const remaining = await tx
    .selectFrom("unresolved_units")
    .select((eb) => eb.fn.count<number>("name").distinct().as("n"))
    .where("plan_id", "=", planId)
    .where("resolved_org_id", "is", null)
    .executeTakeFirstOrThrow();
  return Number(remaining.n);
}

async function resolveIn(
  tx: Tx,
  actor: Actor,
  plan: PlanRow,
  name: string,
  target: Resolution,
): Promise<Omit<ResolveResult, "remaining">> {
  const planId = plan.id;
  // Locked, so that two people resolving the same name cannot both create its assignments.
  const pending = await tx
    .selectFrom("unresolved_units")
    .select(["id", "measure_id", "role"])
    .where("plan_id", "=", planId)
    .where("name", "=", name)
    .where("resolved_org_id", "is", null)
    .orderBy("id")
    .forUpdate()
    .execute();
  if (pending.length === 0) throw await nothingPending(tx, planId, name);

  const orgCreated = "newOrg" in target;
  const orgId = orgCreated ? (await createOrgIn(tx, actor, target.newOrg)).id : target.orgId;
  const aliasAdded = await remember(tx, actor, name, orgId, plan.org_id);

  const measures = await tx
    .selectFrom("measures")
    .select(["id", "due_on", "ongoing"])
    .where(
      "id",
      "in",
      pending.map((p) => p.measure_id),
    )
    .execute();
  const due = new Map(measures.map((m) => [m.id, m]));
  const created = await tx
    .insertInto("assignments")
    .values(
      pending.map((p) => ({
        measure_id: p.measure_id,
        plan_id: planId,
        org_id: orgId,
        region_code: plan.region_code,
        role: p.role,
        via: isScopeName(name) ? name : null,
        due_on: due.get(p.measure_id)?.due_on ?? null,
        ongoing: due.get(p.measure_id)?.ongoing ?? false,
      })),
    )
    // The org may already be assigned to a measure (named twice, or through a group): keep that one.
    .onConflict((oc) => oc.columns(["measure_id", "org_id"]).doNothing())
    .returning("id")
    .execute();
  await refreshStatus(
    tx,
    created.map((c) => c.id),
    statusDay(actor.at, actor.timeZone),
  );
  await tx
    .updateTable("unresolved_units")
    .set({ resolved_org_id: orgId })
    .where(
      "id",
      "in",
      pending.map((p) => p.id),
    )
    .execute();
  await writeAudit(tx, {
    userId: actor.userId,
    action: "plan.unresolved.resolve",
    entity: "plan",
    entityId: planId,
    before: { name, measureIds: pending.map((p) => p.measure_id), resolvedOrgId: null },
    after: { name, resolvedOrgId: orgId, orgCreated, aliasAdded, assignmentIds: created.map((c) => c.id) },
    at: actor.at,
  });
  return { name, orgId, orgCreated, aliasAdded, measures: pending.length, assignmentsCreated: created.length };
}

async function nothingPending(tx: Tx, planId: number, name: string): Promise<Error> {
  const done = await tx
    .selectFrom("unresolved_units")
    .select("resolved_org_id")
    .where("plan_id", "=", planId)
    .where("name", "=", name)
    .executeTakeFirst();
  return done
    ? new ConflictError(`"${name}" has been resolved already (to org ${done.resolved_org_id}); reload the list.`)
    : new InputError(`plan ${planId} has no unit name "${name}" waiting for review`, "name");
}

/** The import's own way of remembering a mapping, plus the audit entry the import does not write. */
async function remember(tx: Tx, actor: Actor, name: string, orgId: number, learntBy: number): Promise<boolean> {
  const before = await getOrg(tx, orgId);
  if (!before) throw new InputError(`no org ${orgId}`, "orgId");
  const added = await rememberUnitName(tx, name, orgId, learntBy);
  if (added)
    await writeAudit(tx, {
      userId: actor.userId,
      action: "org.alias.add",
      entity: "org",
      entityId: orgId,
      before: { aliases: before.aliases },
      after: { aliases: (await getOrg(tx, orgId))?.aliases ?? [] },
      at: actor.at,
    });
  return added;
}
