// A new version of a plan keeps its links where its tasks did not change. A task is unchanged when its
// key, title and measures' texts are the same in both versions. Inside the import's transaction:
// - as the lower plan: each unchanged task's links (suggested, confirmed, rejected, with who decided and
//   when) are copied to the new task; a changed task starts afresh and the suggestions after the import
//   propose links for it;
// - as the upper plan: lower plans' links to an unchanged task move to the new version's task (a lower
//   task keeps one confirmed primary), links to a changed task stay on the old version for the lower
//   offices to review;
// - its own upper plans (with the ones a person removed) are copied, and the lower plans aligned against
//   the old version are aligned against the new one.
import { sql, type Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";

type Tx = Transaction<Database>;

export type CarriedLinks = { lower: number; upper: number; upperPlans: number };

async function taskSignatures(tx: Tx, planId: number): Promise<Map<string, number>> {
  const [tasks, measures] = await Promise.all([
    tx.selectFrom("tasks").select(["id", "key", "title"]).where("plan_id", "=", planId).orderBy("position").execute(),
    tx
      .selectFrom("measures")
      .select(["task_id", "text"])
      .where("plan_id", "=", planId)
      .orderBy("position")
      .orderBy("id")
      .execute(),
  ]);
  const texts = new Map<number, string[]>();
  for (const m of measures) texts.set(m.task_id, [...(texts.get(m.task_id) ?? []), m.text.replace(/\s+/g, "")]);
  const bySignature = new Map<string, number>();
  const duplicates = new Set<string>();
  for (const t of tasks) {
    const signature = JSON.stringify([t.key, t.title.replace(/\s+/g, ""), texts.get(t.id) ?? []]);
    if (bySignature.has(signature)) duplicates.add(signature);
    bySignature.set(signature, t.id);
  }
  for (const d of duplicates) bySignature.delete(d);
  return bySignature;
}

/** Pairs of (old task, new task) that did not change between the versions. */
export async function unchangedTasks(tx: Tx, previousPlanId: number, planId: number): Promise<[number, number][]> {
  const [olds, news] = await Promise.all([taskSignatures(tx, previousPlanId), taskSignatures(tx, planId)]);
  const pairs: [number, number][] = [];
  for (const [signature, oldId] of olds) {
    const newId = news.get(signature);
    if (newId !== undefined) pairs.push([oldId, newId]);
  }
  return pairs;
}

export async function carryLinks(tx: Tx, previousPlanId: number, planId: number): Promise<CarriedLinks> {
  const pairs = await unchangedTasks(tx, previousPlanId, planId);
  let lower = 0;
  let upper = 0;
  for (const [oldId, newId] of pairs) {
    const copied = await tx
      .insertInto("task_links")
      .columns([
        "lower_task_id",
        "upper_task_id",
        "region_code",
        "kind",
        "state",
        "origin",
        "score",
        "evidence",
        "created_by",
        "created_at",
        "decided_by",
        "decided_at",
      ])
      .expression((eb) =>
        eb
          .selectFrom("task_links as l")
          .select([
            sql<number>`${newId}::bigint`.as("lower_task_id"),
            "l.upper_task_id",
            "l.region_code",
            "l.kind",
            "l.state",
            "l.origin",
            "l.score",
            "l.evidence",
            "l.created_by",
            "l.created_at",
            "l.decided_by",
            "l.decided_at",
          ])
          .where("l.lower_task_id", "=", oldId)
          .where("l.upper_task_id", "<>", newId)
          .orderBy("l.id"),
      )
      .executeTakeFirst();
    lower += Number(copied.numInsertedOrUpdatedRows ?? 0);
    const moved = await tx
      .updateTable("task_links")
      .set({ upper_task_id: newId, row_version: sql`row_version + 1` })
      .where("upper_task_id", "=", oldId)
      .where("lower_task_id", "<>", newId)
      .executeTakeFirst();
    upper += Number(moved.numUpdatedRows ?? 0);
  }
  const own = await tx
    .insertInto("plan_upper_plans")
    .columns(["lower_plan_id", "upper_plan_id", "reason", "excluded", "added_by", "added_at"])
    .expression((eb) =>
      eb
        .selectFrom("plan_upper_plans as u")
        .select([
          sql<number>`${planId}::bigint`.as("lower_plan_id"),
          "u.upper_plan_id",
          "u.reason",
          "u.excluded",
          "u.added_by",
          "u.added_at",
        ])
        .where("u.lower_plan_id", "=", previousPlanId)
        .where("u.upper_plan_id", "<>", planId),
    )
    .onConflict((oc) => oc.columns(["lower_plan_id", "upper_plan_id"]).doNothing())
    .executeTakeFirst();
  await tx
    .updateTable("plan_upper_plans")
    .set({ upper_plan_id: planId })
    .where("upper_plan_id", "=", previousPlanId)
    .where("lower_plan_id", "<>", planId)
    .execute();
  return { lower, upper, upperPlans: Number(own.numInsertedOrUpdatedRows ?? 0) };
}
