// A plan's settings: its document metadata as corrected by a person (title, 文号, issuer, date, period;
// see plan-metadata.ts), and its supervision and assessment settings — reporting cadence, how early "due
// soon" starts, the assessment weights. Changes are optimistic: the caller names the row_version it read.
import type { Kysely } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, NotFoundError } from "../../store/errors.ts";
import type { Cadence, Database, ScoreWeights } from "../../store/schema.ts";
import { type Actor, authorize, type OrgScope } from "../access/index.ts";
import { applyMetadata, type PlanMetadata, type PlanMetadataPatch } from "./metadata.ts";

export type PlanSettings = PlanMetadata & {
  planId: number;
  orgId: number;
  cadence: Cadence;
  dueSoonDays: number;
  /** Days after which unacknowledged work (签收) is chased (migration 013). */
  acknowledgeDays: number;
  weights: ScoreWeights;
  rowVersion: number;
};
export type PlanSettingsPatch = PlanMetadataPatch & {
  cadence?: Cadence;
  dueSoonDays?: number;
  acknowledgeDays?: number;
  weights?: ScoreWeights;
};

const COLUMNS = [
  "id",
  "org_id",
  "title",
  "doc_number",
  "issuer",
  "issued_on",
  "period_from",
  "period_to",
  "cadence",
  "due_soon_days",
  "acknowledge_days",
  "weights",
  "row_version",
] as const;

export async function getPlanSettings(db: Kysely<Database>, planId: number): Promise<PlanSettings | undefined> {
  const row = await db.selectFrom("plans").select(COLUMNS).where("id", "=", planId).executeTakeFirst();
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
  if (!before) throw new NotFoundError("No such plan.");
  const { title, docNumber, issuer, issuedOn, periodFrom, periodTo } = applyMetadata(before, patch);
  const row = await db
    .updateTable("plans")
    .set((eb) => ({
      title,
      doc_number: docNumber,
      issuer,
      issued_on: issuedOn,
      period_from: periodFrom,
      period_to: periodTo,
      ...(patch.cadence !== undefined ? { cadence: patch.cadence } : {}),
      ...(patch.dueSoonDays !== undefined ? { due_soon_days: patch.dueSoonDays } : {}),
      ...(patch.acknowledgeDays !== undefined ? { acknowledge_days: patch.acknowledgeDays } : {}),
      ...(patch.weights !== undefined ? { weights: JSON.stringify(patch.weights) } : {}),
      row_version: eb("row_version", "+", 1),
    }))
    .where("id", "=", planId)
    .where("row_version", "=", rowVersion)
    .returning(COLUMNS)
    .executeTakeFirst();
  if (!row)
    throw new ConflictError(
      `plan ${planId} was changed by someone else (now version ${before.rowVersion}, you sent ${rowVersion}); reload and retry`,
    );
  return { before, after: present(row) };
}

/**
 * A person's change of a plan's settings: only whoever may write for the plan's office (viewers may not),
 * in one transaction with its audit entry ("plan.settings", before → after). The caller has checked that the
 * plan is the actor's office's own (server/plans/access.ts ownPlan).
 */
export async function changePlanSettings(
  db: Kysely<Database>,
  actor: Actor,
  scope: OrgScope,
  plan: { id: number; orgId: number },
  rowVersion: number,
  patch: PlanSettingsPatch,
  at?: Date,
): Promise<PlanSettings> {
  authorize(actor, scope, "write", plan, "plan");
  return db.transaction().execute(async (tx) => {
    const { before, after } = await updatePlanSettings(tx, plan.id, rowVersion, patch);
    await writeAudit(tx, {
      userId: actor.id,
      action: "plan.settings",
      entity: "plan",
      entityId: plan.id,
      before,
      after,
      ...(at ? { at } : {}),
    });
    return after;
  });
}

function present(row: {
  id: number;
  org_id: number;
  title: string;
  doc_number: string | null;
  issuer: string | null;
  issued_on: string | null;
  period_from: number | null;
  period_to: number | null;
  cadence: Cadence;
  due_soon_days: number;
  acknowledge_days: number;
  weights: ScoreWeights;
  row_version: number;
}): PlanSettings {
  return {
    planId: row.id,
    orgId: row.org_id,
    title: row.title,
    docNumber: row.doc_number,
    issuer: row.issuer,
    issuedOn: row.issued_on,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    cadence: row.cadence,
    dueSoonDays: row.due_soon_days,
    acknowledgeDays: row.acknowledge_days,
    weights: row.weights,
    rowVersion: row.row_version,
  };
}
