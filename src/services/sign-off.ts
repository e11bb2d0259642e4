// Signing a measure off as done (and reopening it). The lead unit answers for a measure, so only its
// people may close it; support units report progress but cannot declare the whole measure finished.
// When a measure has no lead, each owner (按职责分工负责) answers for it and may sign it off.
import type { Kysely } from "kysely";
import { writeAudit } from "../store/audit.ts";
import { ConflictError, NotAllowedError, NotFoundError } from "../store/errors.ts";
import type { Database } from "../store/schema.ts";

type Db = Kysely<Database>;

export type SignOffInput = { measureId: number; userId: number; expectedVersion: number; at?: Date | undefined };

export type MeasureState = {
  id: number;
  status: "open" | "done";
  signedOffBy: number | null;
  signedOffAt: Date | null;
  version: number;
};

/** The orgs whose users may sign the measure off: its leads, or its owners when it has no lead. */
export async function signOffOrgs(db: Db, measureId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("assignments")
    .select(["org_id", "role"])
    .where("measure_id", "=", measureId)
    .execute();
  const leads = rows.filter((r) => r.role === "lead");
  return (leads.length > 0 ? leads : rows.filter((r) => r.role === "owner")).map((r) => r.org_id);
}

export function signOff(db: Db, input: SignOffInput): Promise<MeasureState> {
  return setStatus(db, input, "done");
}

export function reopen(db: Db, input: SignOffInput): Promise<MeasureState> {
  return setStatus(db, input, "open");
}

async function setStatus(db: Db, input: SignOffInput, status: "open" | "done"): Promise<MeasureState> {
  return db.transaction().execute(async (tx) => {
    const measure = await tx
      .selectFrom("measures")
      .select(["id", "status", "signed_off_by", "signed_off_at", "row_version"])
      .where("id", "=", input.measureId)
      .forUpdate()
      .executeTakeFirst();
    if (!measure) throw new NotFoundError("No such measure.");
    const user = await tx.selectFrom("users").select("org_id").where("id", "=", input.userId).executeTakeFirst();
    if (!user || !(await signOffOrgs(tx, input.measureId)).includes(user.org_id))
      throw new NotAllowedError(
        "Only the lead unit of this measure (or, without a lead, a responsible unit) may sign it off or reopen it.",
      );
    if (measure.row_version !== input.expectedVersion)
      throw new ConflictError(
        `The measure was changed by someone else (now version ${measure.row_version}, you had ${input.expectedVersion}); reload and try again.`,
      );
    const at = input.at ?? new Date();
    const row = await tx
      .updateTable("measures")
      .set((eb) => ({
        status,
        signed_off_by: status === "done" ? input.userId : null,
        signed_off_at: status === "done" ? at : null,
        row_version: eb("row_version", "+", 1),
      }))
      .where("id", "=", input.measureId)
      .returning(["id", "status", "signed_off_by", "signed_off_at", "row_version"])
      .executeTakeFirstOrThrow();
    const before = toState(measure);
    const after = toState(row);
    await writeAudit(tx, {
      userId: input.userId,
      action: status === "done" ? "measure.sign_off" : "measure.reopen",
      entity: "measure",
      entityId: input.measureId,
      before,
      after,
      at,
    });
    return after;
  });
}

function toState(row: {
  id: number;
  status: "open" | "done";
  signed_off_by: number | null;
  signed_off_at: Date | null;
  row_version: number;
}): MeasureState {
  return {
    id: row.id,
    status: row.status,
    signedOffBy: row.signed_off_by,
    signedOffAt: row.signed_off_at ? new Date(row.signed_off_at) : null,
    version: row.row_version,
  };
}

/** The measure's state and the orgs holding it, for visibility checks; undefined if there is none. */
export async function getMeasureState(
  db: Db,
  measureId: number,
): Promise<(MeasureState & { orgIds: number[] }) | undefined> {
  const row = await db
    .selectFrom("measures")
    .select(["id", "status", "signed_off_by", "signed_off_at", "row_version"])
    .where("id", "=", measureId)
    .executeTakeFirst();
  if (!row) return undefined;
  const orgs = await db.selectFrom("assignments").select("org_id").where("measure_id", "=", measureId).execute();
  return { ...toState(row), orgIds: orgs.map((o) => o.org_id) };
}
