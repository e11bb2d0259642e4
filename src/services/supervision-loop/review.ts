// 审核: the reviewer (reviewerOf) accepts a report or returns it with a reason. A returned report is 退回 to
// the unit until it files that period again (services/reports.ts clears the review); returned_count keeps
// how often it came back, for assessment.
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, InputError, NotFoundError } from "../../store/errors.ts";
import type { ReviewState } from "../../store/schema.ts";
import { refreshStatus, statusDay } from "../assignments/stored-status.ts";
import { type Db, ensureReviewer, type LoopActor, visibleAssignment } from "./access.ts";
import { describeAssignment, notify } from "./notify.ts";

export const NOTE_MAX_LENGTH = 2000;

export type ReviewInput = {
  reportId: number;
  decision: "accept" | "return";
  note?: string | undefined;
  /** The report's version the reviewer read: a report filed again meanwhile is 409. */
  expectedVersion?: number | undefined;
  at?: Date | undefined;
  /** Whose calendar "today" is (LUOSHI_TIME_ZONE, domain/today.ts); China's when absent. */
  timeZone?: string | undefined;
};

export type ReviewResult = {
  reportId: number;
  assignmentId: number;
  period: string;
  state: ReviewState;
  note: string | null;
  reviewedAt: Date;
  returnedCount: number;
};

export function checkNote(note: string | undefined, required: boolean, field: string): string | null {
  const text = note?.trim() ?? "";
  if (required && text === "") throw new InputError("give a reason（请填写理由）", field);
  if (text.length > NOTE_MAX_LENGTH) throw new InputError(`at most ${NOTE_MAX_LENGTH} characters`, field);
  return text === "" ? null : text;
}

export async function reviewReport(db: Db, actor: LoopActor, input: ReviewInput): Promise<ReviewResult> {
  const note = checkNote(input.note, input.decision === "return", "note");
  return db.transaction().execute(async (tx) => {
    const report = await tx
      .selectFrom("progress_reports")
      .select(["id", "assignment_id", "period", "status", "row_version", "review_state", "returned_count"])
      .where("id", "=", input.reportId)
      .forUpdate()
      .executeTakeFirst();
    if (!report) throw new NotFoundError("No such report.");
    const a = await visibleAssignment(tx, actor, report.assignment_id).catch(() => {
      throw new NotFoundError("No such report.");
    });
    ensureReviewer(actor, a, "review its reports");
    if (input.expectedVersion !== undefined && input.expectedVersion !== report.row_version)
      throw new ConflictError(
        `The report was filed again meanwhile (now version ${report.row_version}, you read ${input.expectedVersion}); reload and review it again.`,
      );
    const at = input.at ?? new Date();
    const state: ReviewState = input.decision === "accept" ? "accepted" : "returned";
    const returnedCount = report.returned_count + (state === "returned" && report.review_state !== "returned" ? 1 : 0);
    await tx
      .updateTable("progress_reports")
      .set({
        review_state: state,
        review_note: note,
        reviewed_by: actor.userId,
        reviewed_at: at,
        returned_count: returnedCount,
      })
      .where("id", "=", report.id)
      .execute();
    // Returning the done report that applied for closure sends the application back with it (申请办结 by report).
    const closureReturned =
      state === "returned" && report.status === "done" && a.signedOffAt !== null && a.closedAt === null
        ? await tx
            .updateTable("assignments")
            .set({ signed_off_at: null, signed_off_by: null, closure_rejected_at: at, closure_note: note })
            .where("id", "=", a.id)
            .where("latest_period", "=", report.period)
            .executeTakeFirst()
        : undefined;
    // The review does not change what the status rule reads, but the report's update marks it stale.
    await refreshStatus(tx, [report.assignment_id], statusDay(at, input.timeZone));
    await writeAudit(tx, {
      userId: actor.userId,
      action: state === "accepted" ? "report.accept" : "report.return",
      entity: "progress_report",
      entityId: report.id,
      before: { reviewState: report.review_state },
      after: {
        reviewState: state,
        note,
        version: report.row_version,
        ...(closureReturned && Number(closureReturned.numUpdatedRows) > 0 ? { closure: "rejected" } : {}),
      },
      at,
    });
    if (state === "returned")
      await notify(tx, {
        assignmentId: a.id,
        regionCode: a.regionCode,
        orgId: a.orgId,
        message: `【报告退回】${await describeAssignment(tx, a.id)}，${report.period} 进展报告被退回：${note}。请修改后重新报送。`,
        reminder: { kind: "returned", period: `report:${report.id}:v${report.row_version}` },
      });
    return {
      reportId: report.id,
      assignmentId: a.id,
      period: report.period,
      state,
      note,
      reviewedAt: at,
      returnedCount,
    };
  });
}
