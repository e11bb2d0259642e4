// A plan's supervision and assessment settings: reporting cadence, how early "due soon" starts, and the
// assessment weights. Changes are optimistic: the caller names the row_version it read.
import type { Kysely } from "kysely";
import { ConflictError, NotFoundError } from "../store/errors.ts";
import type { Cadence, Database, ScoreWeights } from "../store/schema.ts";

export type PlanSettings = {
  planId: number;
  orgId: number;
  cadence: Cadence;
  dueSoonDays: number;
  weights: ScoreWeights;
  rowVersion: number;
};
export type PlanSettingsPatch = { cadence?: Cadence; dueSoonDays?: number; weights?: ScoreWeights };

export async function getPlanSettings(db: Kysely<Database>, planId: number): Promise<PlanSettings | undefined> {
  const row = await db
    .selectFrom("plans")
    .select(["id", "org_id", "cadence", "due_soon_days", "weights", "row_version"])
    .where("id", "=", planId)
    .executeTakeFirst();
  return row && present(row);
}

/** Applies the patch if the plan is still at `rowVersion`; returns the settings before and after. */
export async function updatePlanSettings(
  db: Kysely<Database>,
  planId: number,
  rowVersion: number,
  patch: PlanSettingsPatch,
): Promise<{ before: PlanSettings; after: PlanSettings }> {
  const before = await getPlanSettings(db, planId);
  if (!before) throw new NotFoundError(`no plan ${planId}`);
  const row = await db
    .updateTable("plans")
    .set((eb) => ({
      ...(patch.cadence !== undefined ? { cadence: patch.cadence } : {}),
      ...(patch.dueSoonDays !== undefined ? { due_soon_days: patch.dueSoonDays } : {}),
      ...(patch.weights !== undefined ? { weights: JSON.stringify(patch.weights) } : {}),
      row_version: eb("row_version", "+", 1),
    }))
    .where("id", "=", planId)
    .where("row_version", "=", rowVersion)
    .returning(["id", "org_id", "cadence", "due_soon_days", "weights", "row_version"])
    .executeTakeFirst();
  if (!row)
    throw new ConflictError(
      `plan ${planId} was changed by someone else (now version ${before.rowVersion}, you sent ${rowVersion}); reload and retry`,
    );
  return { before, after: present(row) };
}

function present(row: {
  id: number;
  org_id: number;
  cadence: Cadence;
  due_soon_days: number;
  weights: ScoreWeights;
  row_version: number;
}): PlanSettings {
  return {
    planId: row.id,
    orgId: row.org_id,
    cadence: row.cadence,
    dueSoonDays: row.due_soon_days,
    weights: row.weights,
    rowVersion: row.row_version,
  };
}
