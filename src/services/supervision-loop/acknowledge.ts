// 签收: a new assignment waits for its unit to acknowledge it. Acknowledging twice changes nothing.
import { writeAudit } from "../../store/audit.ts";
import { ConflictError } from "../../store/errors.ts";
import { type Db, ensureOwnUnit, type LoopActor, visibleAssignment } from "./access.ts";
import { type LoopState, loopState } from "./state.ts";

export async function acknowledge(
  db: Db,
  actor: LoopActor,
  input: { assignmentId: number; at?: Date | undefined },
): Promise<LoopState> {
  return db.transaction().execute(async (tx) => {
    const a = await visibleAssignment(tx, actor, input.assignmentId, true);
    ensureOwnUnit(actor, a, "acknowledge its assignment（只有责任单位本身可以签收）");
    if (!a.planActive)
      throw new ConflictError("The plan was superseded by a newer version; acknowledge the work there.");
    if (a.acknowledgedAt === null) {
      const at = input.at ?? new Date();
      await tx
        .updateTable("assignments")
        .set({ acknowledged_at: at, acknowledged_by: actor.userId })
        .where("id", "=", a.id)
        .execute();
      await writeAudit(tx, {
        userId: actor.userId,
        action: "assignment.acknowledge",
        entity: "assignment",
        entityId: a.id,
        before: { acknowledgedAt: null },
        after: { acknowledgedAt: at.toISOString(), acknowledgedBy: actor.userId },
        at,
      });
    }
    return loopState(tx, a.id);
  });
}
