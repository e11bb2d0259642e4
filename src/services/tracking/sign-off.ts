// Signing work off as done (销号), and reopening it. Each assignment is signed off on its own: a measure
// fanned out to sixteen cities is sixteen pieces of work, and one city closing its share must not close
// the others'. Who signs off what:
//   - with lead units (牵头), the leads answer for the measure: each lead signs off its own assignment, and
//     the other units' (配合, 负责) follow the leads — signed off once every lead is, reopened with any lead;
//   - without a lead, each responsible unit (负责) signs off its own assignment only;
//   - the plan office that issued the plan may close the whole measure (every open assignment is signed
//     off and approved in its name) or reopen it all.
// Since issue 10 (办结) a unit's sign-off is its application (申请办结): the assignment is closed (done) only
// when the plan office (or, for a sub-assignment, the parent unit) approves it (supervision-loop/closure.ts).
// The measure is done when every one of its assignments is closed.
import type { Kysely, Transaction } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, NotAllowedError, NotFoundError } from "../../store/errors.ts";
import type { AssignmentRole, Database } from "../../store/schema.ts";
import { refreshStatus, statusDay } from "../assignments/stored-status.ts";
import { describeAssignment, notify } from "../supervision-loop/notify.ts";

type Db = Kysely<Database>;
type Tx = Transaction<Database>;

export type SignOffInput = {
  measureId: number;
  userId: number;
  expectedVersion: number;
  at?: Date | undefined;
  /** Whose calendar "today" is (LUOSHI_TIME_ZONE, domain/today.ts); China's when absent. */
  timeZone?: string | undefined;
};

export type MeasureState = {
  id: number;
  status: "open" | "done";
  signedOffBy: number | null;
  signedOffAt: Date | null;
  version: number;
};

type Held = { id: number; org_id: number; role: AssignmentRole; signed_off_at: Date | null };
type HeldRow = Held & { closed_at: Date | null };

/** The orgs that sign off their own assignments: the leads, or every owner when there is no lead. */
function signers(rows: readonly Pick<Held, "org_id" | "role">[]): number[] {
  const leads = rows.filter((r) => r.role === "lead");
  return (leads.length > 0 ? leads : rows.filter((r) => r.role === "owner")).map((r) => r.org_id);
}

/** The orgs whose users may sign off (their share of) the measure: its leads, or its owners when it has no lead. */
export async function signOffOrgs(db: Db, measureId: number): Promise<number[]> {
  return signers(
    await db
      .selectFrom("assignments")
      .select(["org_id", "role"])
      .where("measure_id", "=", measureId)
      // Sub-assignments (decomposed by a holder) answer to their holder, not for the measure.
      .where("parent_assignment_id", "is", null)
      .execute(),
  );
}

/** Signs off the caller's unit's assignment(s) of the measure (and, for the last lead, the units that follow). */
export function signOff(db: Db, input: SignOffInput): Promise<MeasureState> {
  return change(db, input, "unit", true);
}

/** Reopens the caller's unit's assignment(s) of the measure (for a lead, the units that follow it too). */
export function reopen(db: Db, input: SignOffInput): Promise<MeasureState> {
  return change(db, input, "unit", false);
}

/**
 * The issuing plan office closes the whole measure (every assignment signed off and approved in its name,
 * with an optional note: the closure of unfinished work says why); the caller has checked that the user may.
 */
export function closeMeasure(db: Db, input: SignOffInput & { note?: string | undefined }): Promise<MeasureState> {
  return change(db, input, "measure", true);
}

/** The issuing plan office reopens the whole measure, every assignment with it. */
export function reopenMeasure(db: Db, input: SignOffInput): Promise<MeasureState> {
  return change(db, input, "measure", false);
}

/**
 * The assignments left signed off after `orgId` signs off (done) or reopens its share: its own, and when
 * the measure has leads, the others follow whether every lead is then signed off.
 */
export function afterUnitChange(rows: readonly Held[], orgId: number, done: boolean): Set<number> {
  const signed = new Set(rows.filter((r) => r.signed_off_at !== null).map((r) => r.id));
  for (const r of rows) if (r.org_id === orgId && r.role !== "support") done ? signed.add(r.id) : signed.delete(r.id);
  const leads = rows.filter((r) => r.role === "lead");
  if (leads.length > 0) {
    const allLeads = leads.every((r) => signed.has(r.id));
    for (const r of rows) if (r.role !== "lead") allLeads ? signed.add(r.id) : signed.delete(r.id);
  }
  return signed;
}

async function change(
  db: Db,
  input: SignOffInput & { note?: string | undefined },
  scope: "unit" | "measure",
  done: boolean,
): Promise<MeasureState> {
  return db.transaction().execute(async (tx) => {
    const measure = await lockMeasure(tx, input.measureId);
    // A unit signs off among the measure's top-level assignments (a sub-assignment answers to its holder);
    // the office's close and reopen take the whole measure, sub-assignments too: the measure is done only
    // when every assignment is closed (settleMeasure).
    let held = tx
      .selectFrom("assignments")
      .select(["id", "org_id", "role", "signed_off_at", "closed_at"])
      .where("measure_id", "=", input.measureId);
    if (scope === "unit") held = held.where("parent_assignment_id", "is", null);
    const rows: HeldRow[] = await held.orderBy("id").execute();
    let signed: Set<number>;
    if (scope === "unit") {
      const user = await tx.selectFrom("users").select("org_id").where("id", "=", input.userId).executeTakeFirst();
      if (!user || !signers(rows).includes(user.org_id))
        throw new NotAllowedError(
          "Only a lead unit of this measure (or, without a lead, a responsible unit) may sign off or reopen its own share.",
        );
      signed = afterUnitChange(rows, user.org_id, done);
    } else signed = done ? new Set(rows.map((r) => r.id)) : new Set();
    if (measure.row_version !== input.expectedVersion)
      throw new ConflictError(
        `The measure was changed by someone else (now version ${measure.row_version}, you had ${input.expectedVersion}); reload and try again.`,
      );
    const closing = rows.filter((r) => r.signed_off_at === null && signed.has(r.id)).map((r) => r.id);
    const opening = rows.filter((r) => r.signed_off_at !== null && !signed.has(r.id)).map((r) => r.id);
    // The office closes (approves) what is not closed yet, and reopens what is closed.
    const approving = scope === "measure" && done ? rows.filter((r) => r.closed_at === null).map((r) => r.id) : [];
    const unclosing = scope === "measure" && !done ? rows.filter((r) => r.closed_at !== null).map((r) => r.id) : [];
    if (scope === "unit" && rows.some((r) => opening.includes(r.id) && r.closed_at !== null))
      throw new ConflictError(
        "The plan office has approved this closure; only the office can reopen it（办结已经计划处室审批，只能由其重新打开）.",
      );
    const before = toState(measure);
    // Nothing to change (the unit's share is already signed off, say): the same answer as doing it again.
    if (closing.length === 0 && opening.length === 0 && approving.length === 0 && unclosing.length === 0) return before;
    const at = input.at ?? new Date();
    await setSignedOff(tx, closing, input.userId, at);
    await setSignedOff(tx, opening, null, null);
    if (approving.length > 0)
      await tx
        .updateTable("assignments")
        .set({ closed_by: input.userId, closed_at: at, closure_note: input.note ?? null, closure_rejected_at: null })
        .where("id", "in", approving)
        .execute();
    if (unclosing.length > 0)
      await tx
        .updateTable("assignments")
        .set({ closed_by: null, closed_at: null, closure_note: null })
        .where("id", "in", unclosing)
        .execute();
    const after = await settleMeasure(tx, measure, input.userId, at, input.timeZone);
    // 申请办结: each new application waits for the plan office's approval (supervision-loop/closure.ts).
    if (scope === "unit" && closing.length > 0) {
      const plan = await tx
        .selectFrom("measures as m")
        .innerJoin("plans as p", "p.id", "m.plan_id")
        .select(["p.org_id", "m.region_code"])
        .where("m.id", "=", input.measureId)
        .executeTakeFirstOrThrow();
      for (const id of closing)
        await notify(tx, {
          assignmentId: id,
          regionCode: plan.region_code,
          orgId: plan.org_id,
          message: `【办结申请】${await describeAssignment(tx, id)}，已申请办结，请审核。`,
          reminder: { kind: "closure_pending", period: `signoff:${at.toISOString()}` },
        });
    }
    await writeAudit(tx, {
      userId: input.userId,
      action: `measure.${scope === "measure" ? (done ? "close" : "reopen_all") : done ? "sign_off" : "reopen"}`,
      entity: "measure",
      entityId: input.measureId,
      before: {
        ...before,
        signedOffAssignments: rows.filter((r) => r.signed_off_at !== null).map((r) => r.id),
        closedAssignments: rows.filter((r) => r.closed_at !== null).map((r) => r.id),
      },
      after: {
        ...after,
        signedOffAssignments: rows.filter((r) => signed.has(r.id)).map((r) => r.id),
        closedAssignments: rows
          .filter((r) => (r.closed_at !== null && !unclosing.includes(r.id)) || approving.includes(r.id))
          .map((r) => r.id),
        ...(input.note ? { note: input.note } : {}),
      },
      at,
    });
    return after;
  });
}

type MeasureRow = {
  id: number;
  status: "open" | "done";
  signed_off_by: number | null;
  signed_off_at: Date | null;
  row_version: number;
};

/** The measure row, locked for the transaction. */
export async function lockMeasure(tx: Tx, measureId: number): Promise<MeasureRow> {
  const measure = await tx
    .selectFrom("measures")
    .select(["id", "status", "signed_off_by", "signed_off_at", "row_version"])
    .where("id", "=", measureId)
    .forUpdate()
    .executeTakeFirst();
  if (!measure) throw new NotFoundError("No such measure.");
  return measure;
}

/**
 * The measure's status from its assignments after a change: done when every one is closed (approved). Its
 * own sign-off is whoever completed it, kept while it stays done. Bumps the row version.
 */
export async function settleMeasure(
  tx: Tx,
  measure: MeasureRow,
  userId: number,
  at: Date,
  timeZone: string | undefined,
): Promise<MeasureState> {
  // Sign-off, closure approval, rejection and reopening all end here: the measure's statuses follow.
  const held = await tx.selectFrom("assignments").select("id").where("measure_id", "=", measure.id).execute();
  await refreshStatus(
    tx,
    held.map((h) => h.id),
    statusDay(at, timeZone),
  );
  const open = await tx
    .selectFrom("assignments")
    .select((eb) => [eb.fn.countAll<string>().as("total"), eb.fn.count<string>("closed_at").as("closed")])
    .where("measure_id", "=", measure.id)
    .executeTakeFirstOrThrow();
  const allDone = Number(open.total) > 0 && Number(open.total) === Number(open.closed);
  const row = await tx
    .updateTable("measures")
    .set((eb) => ({
      status: allDone ? "done" : "open",
      signed_off_by: allDone ? (measure.status === "done" ? measure.signed_off_by : userId) : null,
      signed_off_at: allDone ? (measure.status === "done" ? measure.signed_off_at : at) : null,
      row_version: eb("row_version", "+", 1),
    }))
    .where("id", "=", measure.id)
    .returning(["id", "status", "signed_off_by", "signed_off_at", "row_version"])
    .executeTakeFirstOrThrow();
  return toState(row);
}

async function setSignedOff(tx: Tx, ids: number[], userId: number | null, at: Date | null): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable("assignments")
    // A new application clears an earlier rejection.
    .set(
      at === null
        ? { signed_off_by: null, signed_off_at: null }
        : { signed_off_by: userId, signed_off_at: at, closure_rejected_at: null },
    )
    .where("id", "in", ids)
    .execute();
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

/** How many of the measure's assignments are signed off, and whether `orgId`'s own are (null: it signs off none). */
export async function signOffProgress(
  db: Db,
  measureId: number,
  orgId: number,
): Promise<{ done: number; total: number; ownSignedOff: boolean | null }> {
  const rows = await db
    .selectFrom("assignments")
    .select(["org_id", "role", "signed_off_at", "parent_assignment_id"])
    .where("measure_id", "=", measureId)
    .execute();
  // Who signs off is decided among the top-level assignments, as in change(): a sub-assignment's lead is
  // not a lead of the measure.
  const top = rows.filter((r) => r.parent_assignment_id === null);
  const own = signers(top).includes(orgId) ? top.filter((r) => r.org_id === orgId && r.role !== "support") : [];
  return {
    done: rows.filter((r) => r.signed_off_at !== null).length,
    total: rows.length,
    ownSignedOff: own.length === 0 ? null : own.every((r) => r.signed_off_at !== null),
  };
}
