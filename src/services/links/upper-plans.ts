// Which plans a lower plan is aligned against: plans its own opening text cites (by title or 文号, see
// domain/citations.ts), plans issued by an ancestor of its issuing org, plans whose measures were handed
// down to that org (it holds assignments in them), and the ones a person added. The automatic choice is
// stored, so a plan a person removed stays removed. A plan that is cited and also an ancestor's is stored
// as cited: the plan's own words are the stronger reason.
import { sql } from "kysely";
import { type Citations, citedAs, extractCitations } from "../../domain/citations.ts";
import { writeAudit } from "../../store/audit.ts";
import { NotFoundError } from "../../store/errors.ts";
import type { UpperPlanReason } from "../../store/schema.ts";
import { type Db, inTransaction } from "../../store/tx.ts";

export type UpperPlan = {
  planId: number;
  title: string;
  docNumber: string | null;
  orgId: number;
  orgName: string;
  reason: UpperPlanReason;
  addedAt: string;
};

async function planOrg(db: Db, planId: number): Promise<number> {
  const plan = await db.selectFrom("plans").select("org_id").where("id", "=", planId).executeTakeFirst();
  if (!plan) throw new NotFoundError(`No plan ${planId}.`);
  return plan.org_id;
}

/** At most this many lines before the first task count as the opening (a plan without tasks found: its start). */
const OPENING_LINES = 60;

type Located = { loc: Record<string, unknown>; text: string };

/**
 * The plan's opening text: the stored source lines before its first task's (the cover letter, the title
 * and the 为落实…/根据… paragraph).
 */
export async function openingText(db: Db, planId: number): Promise<string> {
  const [file, first] = await Promise.all([
    db.selectFrom("plan_files").select("source_text").where("plan_id", "=", planId).orderBy("id").executeTakeFirst(),
    db.selectFrom("tasks").select("source").where("plan_id", "=", planId).orderBy("position").executeTakeFirst(),
  ]);
  if (!file) return "";
  let lines: Located[];
  try {
    const parsed: unknown = JSON.parse(file.source_text);
    lines = Array.isArray(parsed)
      ? parsed.filter((l): l is Located => typeof l === "object" && l !== null && typeof l.text === "string")
      : [];
  } catch {
    lines = file.source_text.split(/\r?\n/).map((text, i) => ({ loc: { line: i + 1 }, text }));
  }
  const firstLoc = JSON.stringify(first?.source ?? null);
  const end = lines.findIndex((l) => JSON.stringify(l.loc) === firstLoc);
  return lines
    .slice(0, Math.min(end < 0 ? OPENING_LINES : end, OPENING_LINES))
    .map((l) => l.text)
    .join("\n");
}

/** The citations of a plan's opening text. */
export async function planCitations(db: Db, planId: number): Promise<Citations> {
  return extractCitations(await openingText(db, planId));
}

/**
 * Active plans of other lineages the opening text cites; the plan's own title (关于印发《…》的通知) and its
 * earlier versions are not citations of another plan.
 */
export async function citedPlans(
  db: Db,
  self: { orgId: number; lineageKey: string; planId?: number },
  cites: Citations,
): Promise<number[]> {
  if (cites.titles.length === 0 && cites.docNumbers.length === 0) return [];
  const candidates = await db
    .selectFrom("plans as p")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .select(["p.id", "p.title", "p.doc_number", "p.issuer", "o.name", "p.org_id", "p.lineage_key"])
    .where("p.status", "=", "active")
    .where("p.id", "<>", self.planId ?? -1)
    .orderBy("p.id")
    .execute();
  return candidates
    .filter((c) => !(c.org_id === self.orgId && c.lineage_key === self.lineageKey))
    .filter((c) => citedAs(cites, { title: c.title, docNumber: c.doc_number, issuer: c.issuer, orgName: c.name }))
    .map((c) => c.id);
}

/** The automatic candidates, each with its reason; an ancestor's plan counts as that even when it also hands down. */
export async function automaticUpperPlans(db: Db, planId: number): Promise<Map<number, UpperPlanReason>> {
  const self = await db
    .selectFrom("plans")
    .select(["org_id", "lineage_key"])
    .where("id", "=", planId)
    .executeTakeFirst();
  if (!self) throw new NotFoundError(`No plan ${planId}.`);
  return upperPlansFor(db, {
    orgId: self.org_id,
    lineageKey: self.lineage_key,
    planId,
    citations: await planCitations(db, planId),
  });
}

/**
 * The automatic upper plans of a plan of `orgId` (stored as `planId`, or not yet: the import preview),
 * leaving out its own lineage (its earlier versions).
 */
export async function upperPlansFor(
  db: Db,
  input: { orgId: number; lineageKey: string; planId?: number; citations: Citations },
): Promise<Map<number, UpperPlanReason>> {
  const { orgId } = input;
  const ancestors = await db
    .withRecursive("up(id, parent_id)", (qb) =>
      qb
        .selectFrom("orgs")
        .select(["id", "parent_id"])
        .where("id", "=", orgId)
        .union(qb.selectFrom("orgs").innerJoin("up", "up.parent_id", "orgs.id").select(["orgs.id", "orgs.parent_id"])),
    )
    .selectFrom("up")
    .select("id")
    .execute();
  const ancestorIds = ancestors.map((a) => Number(a.id)).filter((id) => id !== orgId);
  const chosen = new Map<number, UpperPlanReason>();
  const handed = await db
    .selectFrom("plans as p")
    .select("p.id")
    .where("p.status", "=", "active")
    .where("p.id", "<>", input.planId ?? -1)
    .where("p.org_id", "<>", orgId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("assignments as a")
          .select("a.id")
          .whereRef("a.plan_id", "=", "p.id")
          .where("a.org_id", "=", orgId),
      ),
    )
    .execute();
  for (const p of handed) chosen.set(p.id, "handed_down");
  if (ancestorIds.length > 0) {
    const issued = await db
      .selectFrom("plans")
      .select("id")
      .where("status", "=", "active")
      .where(sql<boolean>`org_id = any(${ancestorIds}::bigint[])`)
      .execute();
    for (const p of issued) chosen.set(p.id, "ancestor");
  }
  for (const id of await citedPlans(db, { ...input, orgId }, input.citations)) chosen.set(id, "cited");
  return chosen;
}

/** Stores the automatic candidates not yet stored (removed ones stay removed), then lists the plan's upper plans. */
export async function chooseUpperPlans(db: Db, planId: number): Promise<UpperPlan[]> {
  const auto = await automaticUpperPlans(db, planId);
  if (auto.size > 0) {
    await db
      .insertInto("plan_upper_plans")
      .values(
        [...auto].map(([upper, reason]) => ({ lower_plan_id: planId, upper_plan_id: upper, reason, added_by: null })),
      )
      .onConflict((oc) => oc.columns(["lower_plan_id", "upper_plan_id"]).doNothing())
      .execute();
  }
  return listUpperPlans(db, planId);
}

export async function listUpperPlans(db: Db, planId: number): Promise<UpperPlan[]> {
  const rows = await db
    .selectFrom("plan_upper_plans as u")
    .innerJoin("plans as p", "p.id", "u.upper_plan_id")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .select(["p.id", "p.title", "p.doc_number", "p.org_id", "o.name", "u.reason", "u.added_at"])
    .where("u.lower_plan_id", "=", planId)
    .where("u.excluded", "=", false)
    .orderBy("p.id")
    .execute();
  return rows.map((r) => ({
    planId: r.id,
    title: r.title,
    docNumber: r.doc_number,
    orgId: r.org_id,
    orgName: r.name,
    reason: r.reason,
    addedAt: new Date(r.added_at).toISOString(),
  }));
}

/** A person adds an upper plan (again, if it was removed). */
export async function addUpperPlan(
  db: Db,
  planId: number,
  upperPlanId: number,
  userId: number | null,
): Promise<UpperPlan[]> {
  if (planId === upperPlanId) throw new NotFoundError("A plan cannot be its own upper plan.");
  await planOrg(db, upperPlanId);
  await inTransaction(db, async (tx) => {
    await tx
      .insertInto("plan_upper_plans")
      .values({ lower_plan_id: planId, upper_plan_id: upperPlanId, reason: "manual", added_by: userId })
      .onConflict((oc) =>
        oc.columns(["lower_plan_id", "upper_plan_id"]).doUpdateSet({ excluded: false, added_by: userId }),
      )
      .execute();
    await writeAudit(tx, {
      userId,
      action: "upper_plan.add",
      entity: "plan",
      entityId: planId,
      after: { upperPlanId },
    });
  });
  return listUpperPlans(db, planId);
}

/** Removes an upper plan; its suggested links go with it, confirmed and rejected ones stay as decided. */
export async function removeUpperPlan(
  db: Db,
  planId: number,
  upperPlanId: number,
  userId: number | null,
): Promise<UpperPlan[]> {
  await inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable("plan_upper_plans")
      .set({ excluded: true })
      .where("lower_plan_id", "=", planId)
      .where("upper_plan_id", "=", upperPlanId)
      .where("excluded", "=", false)
      .returning("reason")
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`Plan ${upperPlanId} is not an upper plan of plan ${planId}.`);
    await tx
      .deleteFrom("task_links")
      .where("state", "=", "suggested")
      .where("lower_task_id", "in", (eb) => eb.selectFrom("tasks").select("id").where("plan_id", "=", planId))
      .where("upper_task_id", "in", (eb) => eb.selectFrom("tasks").select("id").where("plan_id", "=", upperPlanId))
      .execute();
    await writeAudit(tx, {
      userId,
      action: "upper_plan.remove",
      entity: "plan",
      entityId: planId,
      before: { upperPlanId, reason: row.reason },
    });
  });
  return listUpperPlans(db, planId);
}
