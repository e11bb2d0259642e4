// 办结: a unit's sign-off (sign-off.ts) is its application (申请办结); the reviewer approves it — the
// assignment is then closed (done), and the measure done once every assignment is — or rejects it with a
// reason, which reopens the sign-off (with a lead, the units that followed it too) until the unit applies again.
import { writeAudit } from "../../store/audit.ts";
import { ConflictError } from "../../store/errors.ts";
import { afterUnitChange, lockMeasure, type MeasureState, settleMeasure } from "../tracking/sign-off.ts";
import { type Db, ensureReviewer, type LoopActor, visibleAssignment } from "./access.ts";
import { describeAssignment, notify } from "./notify.ts";
import { checkNote } from "./review.ts";
import { type LoopState, loopState } from "./state.ts";

export type ClosureInput = {
  assignmentId: number;
  note?: string | undefined;
  at?: Date | undefined;
  /** Whose calendar "today" is (LUOSHI_TIME_ZONE, domain/today.ts); China's when absent. */
  timeZone?: string | undefined;
};
export type ClosureResult = { assignment: LoopState; measure: MeasureState };

export async function approveClosure(db: Db, actor: LoopActor, input: ClosureInput): Promise<ClosureResult> {
  const note = checkNote(input.note, false, "note");
  return db.transaction().execute(async (tx) => {
    const first = await visibleAssignment(tx, actor, input.assignmentId);
    ensureReviewer(actor, first, "approve its closure");
    const measure = await lockMeasure(tx, first.measureId);
    const a = await visibleAssignment(tx, actor, input.assignmentId, true);
    if (a.signedOffAt === null)
      throw new ConflictError("The unit has not applied for closure (signed off) yet（该单位尚未申请办结）.");
    const at = input.at ?? new Date();
    if (a.closedAt !== null) return { assignment: await loopState(tx, a.id), measure: toState(measure) };
    await tx
      .updateTable("assignments")
      .set({ closed_at: at, closed_by: actor.userId, closure_note: note, closure_rejected_at: null })
      .where("id", "=", a.id)
      .execute();
    const after = await settleMeasure(tx, measure, actor.userId, at, input.timeZone);
    await writeAudit(tx, {
      userId: actor.userId,
      action: "assignment.closure_approve",
      entity: "assignment",
      entityId: a.id,
      before: { closure: "applied" },
      after: { closure: "approved", note, measureStatus: after.status },
      at,
    });
    await notify(tx, {
      assignmentId: a.id,
      regionCode: a.regionCode,
      orgId: a.orgId,
      message: `【办结通过】${await describeAssignment(tx, a.id)}，办结申请已批准${note ? `：${note}` : ""}。`,
    });
    return { assignment: await loopState(tx, a.id), measure: after };
  });
}

export async function rejectClosure(db: Db, actor: LoopActor, input: ClosureInput): Promise<ClosureResult> {
  const reason = checkNote(input.note, true, "note");
  return db.transaction().execute(async (tx) => {
    const first = await visibleAssignment(tx, actor, input.assignmentId);
    ensureReviewer(actor, first, "reject its closure");
    const measure = await lockMeasure(tx, first.measureId);
    const a = await visibleAssignment(tx, actor, input.assignmentId, true);
    if (a.closedAt !== null)
      throw new ConflictError(
        "The closure was approved already; reopen the measure instead（已批准办结，请改为重新打开）.",
      );
    if (a.signedOffAt === null) throw new ConflictError("The unit has not applied for closure（该单位尚未申请办结）.");
    // Who follows whom is decided among the assignment's siblings (the measure's top-level assignments, or
    // the sub-assignments of the same parent): a sub-unit's lead is not a lead of the measure (sign-off.ts).
    const { parent_assignment_id: parentId } = await tx
      .selectFrom("assignments")
      .select("parent_assignment_id")
      .where("id", "=", a.id)
      .executeTakeFirstOrThrow();
    const rows = await tx
      .selectFrom("assignments")
      .select(["id", "org_id", "role", "signed_off_at", "closed_at"])
      .where("measure_id", "=", a.measureId)
      .where((eb) =>
        parentId === null ? eb("parent_assignment_id", "is", null) : eb("parent_assignment_id", "=", parentId),
      )
      .execute();
    // The unit's application goes back; a lead's takes the sign-offs that followed it along.
    const signed =
      a.role === "support"
        ? new Set(rows.filter((r) => r.signed_off_at !== null && r.id !== a.id).map((r) => r.id))
        : afterUnitChange(rows, a.orgId, false);
    const reopening = rows
      .filter((r) => r.signed_off_at !== null && r.closed_at === null && !signed.has(r.id))
      .map((r) => r.id);
    const at = input.at ?? new Date();
    await tx
      .updateTable("assignments")
      .set({ signed_off_at: null, signed_off_by: null })
      .where("id", "in", reopening)
      .execute();
    await tx
      .updateTable("assignments")
      .set({ closure_rejected_at: at, closure_note: reason })
      .where("id", "=", a.id)
      .execute();
    const after = await settleMeasure(tx, measure, actor.userId, at, input.timeZone);
    await writeAudit(tx, {
      userId: actor.userId,
      action: "assignment.closure_reject",
      entity: "assignment",
      entityId: a.id,
      before: { closure: "applied" },
      after: { closure: "rejected", reason, reopenedAssignments: reopening },
      at,
    });
    await notify(tx, {
      assignmentId: a.id,
      regionCode: a.regionCode,
      orgId: a.orgId,
      message: `【办结退回】${await describeAssignment(tx, a.id)}，办结申请未通过：${reason}。`,
    });
    return { assignment: await loopState(tx, a.id), measure: after };
  });
}

const toState = (m: {
  id: number;
  status: "open" | "done";
  signed_off_by: number | null;
  signed_off_at: Date | null;
  row_version: number;
}): MeasureState => ({
  id: m.id,
  status: m.status,
  signedOffBy: m.signed_off_by,
  signedOffAt: m.signed_off_at ? new Date(m.signed_off_at) : null,
  version: m.row_version,
});
