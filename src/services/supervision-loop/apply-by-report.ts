// 申请办结 by report (issue 10): a report saying the work is done — its latest report, and for ongoing work
// one for the last period it owes — is the unit's application for closure, as a sign-off is. The
// assignment records the application (signed_off_at) and its reviewer (the plan office, or the parent unit
// for a sub-assignment) gets the closure_pending reminder; the assignment is done only once the reviewer
// approves (closure.ts). Called inside the filing's transaction, after the report is written.
import type { Transaction } from "kysely";
import { appliesForClosure } from "../../domain/status.ts";
import { writeAudit } from "../../store/audit.ts";
import type { Database } from "../../store/schema.ts";
import { loadMeasureFacts, ruleFactsOf } from "../assignments/status.ts";
import { statusDay } from "../assignments/stored-status.ts";
import { loadAssignment, reviewerOf } from "./access.ts";
import { describeAssignment, notify } from "./notify.ts";

export type ApplyByReportInput = {
  assignmentId: number;
  report: { id: number; period: string; status: string; reportedAt: Date };
  userId: number | null;
  at: Date;
  /** Whose calendar "today" is (LUOSHI_TIME_ZONE, domain/today.ts); China's when absent. */
  timeZone?: string | undefined;
};

/** Records the application if this done report is one; true when it did. */
export async function applyForClosureByReport(tx: Transaction<Database>, input: ApplyByReportInput): Promise<boolean> {
  const row = await tx
    .selectFrom("assignments")
    .select(["id", "measure_id", "due_on", "ongoing", "latest_period", "signed_off_at", "closed_at"])
    .where("id", "=", input.assignmentId)
    .executeTakeFirstOrThrow();
  // Already applied or closed, or an earlier period filed after a later one: nothing new.
  if (row.signed_off_at !== null || row.closed_at !== null || row.latest_period !== input.report.period) return false;
  const today = statusDay(input.at, input.timeZone);
  const facts = (await loadMeasureFacts(tx, { measureIds: [row.measure_id] })).get(row.measure_id);
  if (!facts) return false;
  const report = { period: input.report.period, status: "done" as const, reportedAt: today };
  if (!appliesForClosure(ruleFactsOf(row, facts, today), report)) return false;
  const a = await loadAssignment(tx, row.id);
  if (!a?.planActive) return false;
  await tx
    .updateTable("assignments")
    .set({ signed_off_at: input.at, signed_off_by: input.userId, closure_rejected_at: null })
    .where("id", "=", row.id)
    .execute();
  await writeAudit(tx, {
    userId: input.userId,
    action: "assignment.closure_apply",
    entity: "assignment",
    entityId: row.id,
    before: { closure: "open" },
    after: { closure: "applied", by: "report", reportId: input.report.id, period: input.report.period },
    at: input.at,
  });
  await notify(tx, {
    assignmentId: row.id,
    regionCode: a.regionCode,
    orgId: reviewerOf(a).orgId,
    message: `【办结申请】${await describeAssignment(tx, row.id)}，报送已完成（${input.report.period}），申请办结，请审核。`,
    reminder: { kind: "closure_pending", period: `report:${input.report.id}:${input.at.toISOString()}` },
  });
  return true;
}
