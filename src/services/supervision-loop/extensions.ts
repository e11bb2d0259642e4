// 延期: the unit asks for a new due date with a reason; its reviewer approves (the due date moves, the
// original is kept in original_due_on) or rejects. A pending request is a waiting state: the reviewer's
// office gets a reminder and a notification, the unit one when it is decided.
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, InputError, isUniqueViolation, NotFoundError } from "../../store/errors.ts";
import { refreshStatus, statusDay } from "../assignments/stored-status.ts";
import { type Db, ensureOwnUnit, ensureReviewer, type LoopActor, reviewerOf, visibleAssignment } from "./access.ts";
import { describeAssignment, notify } from "./notify.ts";
import { checkNote } from "./review.ts";
import { type Extension, extensionsQuery, toExtension } from "./state.ts";

export type RequestExtensionInput = {
  assignmentId: number;
  dueOn: string;
  reason: string;
  at?: Date | undefined;
  /** Whose calendar "today" is (LUOSHI_TIME_ZONE, domain/today.ts); China's when absent. */
  timeZone?: string | undefined;
};

export async function requestExtension(db: Db, actor: LoopActor, input: RequestExtensionInput): Promise<Extension> {
  const reason = checkNote(input.reason, true, "reason") as string;
  const at = input.at ?? new Date();
  const today = statusDay(at, input.timeZone);
  if (input.dueOn < today) throw new InputError(`the new due date must be today (${today}) or later`, "dueOn");
  try {
    return await db.transaction().execute(async (tx) => {
      const a = await visibleAssignment(tx, actor, input.assignmentId, true);
      ensureOwnUnit(actor, a, "ask for an extension（只有责任单位本身可以申请延期）");
      if (!a.planActive) throw new ConflictError("The plan was superseded by a newer version.");
      if (a.closedAt !== null) throw new ConflictError("The work is closed already（已办结）.");
      if (a.dueOn !== null && input.dueOn <= a.dueOn)
        throw new InputError(`the new due date must be after the current one (${a.dueOn})`, "dueOn");
      const row = await tx
        .insertInto("extension_requests")
        .values({
          assignment_id: a.id,
          region_code: a.regionCode,
          requested_by: actor.userId,
          requested_at: at,
          current_due_on: a.dueOn,
          requested_due_on: input.dueOn,
          reason,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const ext = toExtension(await extensionsQuery(tx).where("id", "=", row.id).executeTakeFirstOrThrow());
      await writeAudit(tx, {
        userId: actor.userId,
        action: "extension.request",
        entity: "extension_request",
        entityId: ext.id,
        after: { assignmentId: a.id, currentDueOn: a.dueOn, requestedDueOn: input.dueOn, reason },
        at,
      });
      await notify(tx, {
        assignmentId: a.id,
        regionCode: a.regionCode,
        orgId: reviewerOf(a).orgId,
        message: `【延期申请】${await describeAssignment(tx, a.id)}，申请将完成时限由 ${a.dueOn ?? "未定"} 延至 ${input.dueOn}：${reason}。`,
        reminder: { kind: "extension_pending", period: `ext:${ext.id}` },
      });
      return ext;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(
        "An extension request for this assignment is waiting for a decision already（已有待审批的延期申请）.",
      );
    throw error;
  }
}

export type DecideExtensionInput = {
  extensionId: number;
  approve: boolean;
  note?: string | undefined;
  expectedVersion?: number | undefined;
  at?: Date | undefined;
  /** Whose calendar "today" is (LUOSHI_TIME_ZONE, domain/today.ts); China's when absent. */
  timeZone?: string | undefined;
};

export async function decideExtension(db: Db, actor: LoopActor, input: DecideExtensionInput): Promise<Extension> {
  const note = checkNote(input.note, !input.approve, "note");
  return db.transaction().execute(async (tx) => {
    const row = await extensionsQuery(tx).where("id", "=", input.extensionId).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError("No such extension request.");
    const a = await visibleAssignment(tx, actor, row.assignment_id, true).catch(() => {
      throw new NotFoundError("No such extension request.");
    });
    ensureReviewer(actor, a, "decide its extension requests");
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.row_version)
      throw new ConflictError(`The request was changed meanwhile (now version ${row.row_version}); reload it.`);
    if (row.state !== "pending") throw new ConflictError(`The request was ${row.state} already（该申请已处理）.`);
    const at = input.at ?? new Date();
    const state = input.approve ? "approved" : "rejected";
    await tx
      .updateTable("extension_requests")
      .set((eb) => ({
        state,
        decided_by: actor.userId,
        decided_at: at,
        decision_note: note,
        row_version: eb("row_version", "+", 1),
      }))
      .where("id", "=", row.id)
      .execute();
    if (input.approve)
      await tx
        .updateTable("assignments")
        .set((eb) => ({ original_due_on: eb.fn.coalesce("original_due_on", "due_on"), due_on: row.requested_due_on }))
        .where("id", "=", a.id)
        .execute();
    if (input.approve) await refreshStatus(tx, [a.id], statusDay(at, input.timeZone));
    await writeAudit(tx, {
      userId: actor.userId,
      action: input.approve ? "extension.approve" : "extension.reject",
      entity: "extension_request",
      entityId: row.id,
      before: { state: row.state, dueOn: a.dueOn },
      after: {
        state,
        note,
        dueOn: input.approve ? row.requested_due_on : a.dueOn,
        originalDueOn: a.originalDueOn ?? a.dueOn,
      },
      at,
    });
    await notify(tx, {
      assignmentId: a.id,
      regionCode: a.regionCode,
      orgId: a.orgId,
      message: input.approve
        ? `【延期批准】${await describeAssignment(tx, a.id)}，完成时限延至 ${row.requested_due_on}${note ? `：${note}` : ""}。`
        : `【延期未批准】${await describeAssignment(tx, a.id)}，延期申请未获批准：${note}。`,
    });
    return toExtension(await extensionsQuery(tx).where("id", "=", row.id).executeTakeFirstOrThrow());
  });
}

export type WithdrawExtensionInput = {
  extensionId: number;
  expectedVersion?: number | undefined;
  at?: Date | undefined;
};

/**
 * The unit that asked takes back its pending request (撤回): the request is `withdrawn`, the reviewer's
 * reminder goes (with its notification, unread or not) and the reviewer is told. Only the unit itself.
 */
export async function withdrawExtension(db: Db, actor: LoopActor, input: WithdrawExtensionInput): Promise<Extension> {
  return db.transaction().execute(async (tx) => {
    const row = await extensionsQuery(tx).where("id", "=", input.extensionId).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError("No such extension request.");
    const a = await visibleAssignment(tx, actor, row.assignment_id, true).catch(() => {
      throw new NotFoundError("No such extension request.");
    });
    ensureOwnUnit(actor, a, "withdraw its extension request（只有申请单位本身可以撤回延期申请）");
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.row_version)
      throw new ConflictError(`The request was changed meanwhile (now version ${row.row_version}); reload it.`);
    if (row.state !== "pending")
      throw new ConflictError(
        `The request was ${row.state} already; only a pending one can be withdrawn（该申请已处理，不能撤回）.`,
      );
    const at = input.at ?? new Date();
    await tx
      .updateTable("extension_requests")
      .set((eb) => ({
        state: "withdrawn",
        decided_by: actor.userId,
        decided_at: at,
        row_version: eb("row_version", "+", 1),
      }))
      .where("id", "=", row.id)
      .execute();
    // The reviewer's reminder, and its notifications with it (on delete cascade), are no longer waiting.
    const cleared = await tx
      .deleteFrom("reminders")
      .where("assignment_id", "=", a.id)
      .where("kind", "=", "extension_pending")
      .where("period", "=", `ext:${row.id}`)
      .executeTakeFirst();
    await writeAudit(tx, {
      userId: actor.userId,
      action: "extension.withdraw",
      entity: "extension_request",
      entityId: row.id,
      before: { state: row.state },
      after: { state: "withdrawn", remindersCleared: Number(cleared.numDeletedRows) },
      at,
    });
    await notify(tx, {
      assignmentId: a.id,
      regionCode: a.regionCode,
      orgId: reviewerOf(a).orgId,
      message: `【延期撤回】${await describeAssignment(tx, a.id)}，延至 ${row.requested_due_on} 的延期申请已由申请单位撤回。`,
    });
    return toExtension(await extensionsQuery(tx).where("id", "=", row.id).executeTakeFirstOrThrow());
  });
}
