// A new version of a plan keeps what was recorded on the old one where the work is the same: progress
// reports (and a sign-off) of measures whose text did not change, and the values of indicators that pair
// with the old ones by name (domain/matching) — a raised target is still the same quantity measured.
import { sql, type Transaction } from "kysely";
import { matchMeasures } from "../../domain/matching.ts";
import type { Database } from "../../store/schema.ts";
import type { PlanDraft } from "./queries.ts";
import { indicatorChanges } from "./revision.ts";

type Tx = Transaction<Database>;

export type VersionChanges = {
  previousPlanId: number;
  unchanged: number;
  changed: number;
  added: number;
  removed: number;
  carriedReports: number;
  indicators: { unchanged: number; changed: number; added: number; removed: number; carriedValues: number };
};

/**
 * A new version keeps the progress of measures whose text did not change: their reports move to the
 * new version's assignment of the same org, and a signed-off measure stays signed off.
 */
export async function carryOver(
  tx: Tx,
  previousPlanId: number,
  planId: number,
  draft: PlanDraft,
): Promise<VersionChanges> {
  const olds = await tx
    .selectFrom("measures as m")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .select(["m.id", "m.text", "t.key", "m.status", "m.signed_off_by", "m.signed_off_at"])
    .where("m.plan_id", "=", previousPlanId)
    .orderBy("m.id")
    .execute();
  const news = await tx
    .selectFrom("measures as m")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .select(["m.id", "m.text", "t.key"])
    .where("m.plan_id", "=", planId)
    .orderBy("m.id")
    .execute();
  const match = matchMeasures(
    olds.map((o) => ({ id: o.id, taskKey: o.key, text: o.text })),
    news.map((n) => ({ taskKey: n.key, text: n.text })),
  );
  let carriedReports = 0;
  for (const pair of match.unchanged) {
    const old = olds.find((o) => o.id === pair.oldId);
    const fresh = news[pair.newIndex];
    if (!old || !fresh) continue;
    if (old.status === "done") {
      await tx
        .updateTable("measures")
        .set({ status: "done", signed_off_by: old.signed_off_by, signed_off_at: old.signed_off_at })
        .where("id", "=", fresh.id)
        .execute();
    }
    // Each unit's own sign-off, its acknowledgement and the office's closure carry over to its assignment
    // of the new version (an unchanged measure is the same work).
    await tx
      .updateTable("assignments as na")
      .from("assignments as oa")
      .set((eb) => ({
        signed_off_by: eb.ref("oa.signed_off_by"),
        signed_off_at: eb.ref("oa.signed_off_at"),
        acknowledged_by: eb.ref("oa.acknowledged_by"),
        acknowledged_at: eb.ref("oa.acknowledged_at"),
        closed_by: eb.ref("oa.closed_by"),
        closed_at: eb.ref("oa.closed_at"),
        closure_note: eb.ref("oa.closure_note"),
      }))
      .whereRef("na.org_id", "=", "oa.org_id")
      .where("na.measure_id", "=", fresh.id)
      .where("oa.measure_id", "=", old.id)
      .execute();
    const moved = await tx
      .insertInto("progress_reports")
      .columns([
        "assignment_id",
        "region_code",
        "period",
        "status",
        "narrative",
        "percent",
        "reported_by",
        "reported_at",
      ])
      .expression((eb) =>
        eb
          .selectFrom("progress_reports as r")
          .innerJoin("assignments as oa", "oa.id", "r.assignment_id")
          .innerJoin("assignments as na", (join) =>
            join.onRef("na.org_id", "=", "oa.org_id").on("na.measure_id", "=", fresh.id),
          )
          .select([
            "na.id",
            "r.region_code",
            "r.period",
            "r.status",
            "r.narrative",
            "r.percent",
            "r.reported_by",
            "r.reported_at",
          ])
          .where("oa.measure_id", "=", old.id),
      )
      .executeTakeFirst();
    carriedReports += Number(moved.numInsertedOrUpdatedRows ?? 0);
  }
  return {
    previousPlanId,
    unchanged: match.unchanged.length,
    changed: match.changed.length,
    added: match.added.length,
    removed: match.removed.length,
    carriedReports,
    indicators: await carryIndicatorValues(tx, previousPlanId, planId, draft),
  };
}

/** Copies each paired old indicator's values to its new indicator (insertPlan keeps the draft's order). */
async function carryIndicatorValues(
  tx: Tx,
  previousPlanId: number,
  planId: number,
  draft: PlanDraft,
): Promise<VersionChanges["indicators"]> {
  const changes = await indicatorChanges(tx, previousPlanId, draft);
  const fresh = await tx.selectFrom("indicators").select("id").where("plan_id", "=", planId).orderBy("id").execute();
  let carriedValues = 0;
  for (const pair of changes.pairs) {
    const target = fresh[pair.newIndex];
    if (!target) continue;
    const moved = await tx
      .insertInto("indicator_values")
      .columns(["indicator_id", "org_id", "region_code", "value", "as_of", "source", "reported_by", "reported_at"])
      .expression((eb) =>
        eb
          .selectFrom("indicator_values as v")
          .select([
            sql<number>`${target.id}::bigint`.as("indicator_id"),
            "v.org_id",
            "v.region_code",
            "v.value",
            "v.as_of",
            "v.source",
            "v.reported_by",
            "v.reported_at",
          ])
          .where("v.indicator_id", "=", pair.oldId)
          .orderBy("v.id"),
      )
      .executeTakeFirst();
    carriedValues += Number(moved.numInsertedOrUpdatedRows ?? 0);
  }
  return {
    unchanged: changes.unchanged,
    changed: changes.changed.length,
    added: changes.added.length,
    removed: changes.removed.length,
    carriedValues,
  };
}
