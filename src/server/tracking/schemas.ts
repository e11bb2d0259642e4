// The public shapes of assignments, reports, evidence, notices and notifications, and their presenters.
import { z } from "zod";
import { dayNumber } from "../../domain/dates.ts";
import { SEVERITY } from "../../domain/status.ts";
import type { AssignmentView } from "../../services/assignments/assignments.ts";
import type { Evidence } from "../../services/tracking/evidence.ts";
import type { Notice } from "../../services/tracking/notices.ts";
import type { Notification } from "../../services/tracking/notifications.ts";
import type { Report } from "../../services/tracking/reports.ts";
import type { MeasureState } from "../../services/tracking/sign-off.ts";
import { timestampSchema } from "../schemas.ts";

export { idParams, idSchema } from "../schemas.ts";

function isCalendarDay(date: string): boolean {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
}
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2025-03-31")
  .refine(isCalendarDay, "no such day in the calendar");
export const versionSchema = z.number().int().positive().describe("The row version you last read (optimistic lock).");
export const reportStatusSchema = z.enum(["not_started", "in_progress", "done", "blocked"]);
export const assignmentStatusSchema = z.enum(SEVERITY);
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

export const evidenceSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
export const uploadedEvidenceSchema = evidenceSchema.extend({
  reportId: z.number().int().nullable().describe("The report it is attached to; null for a notice answer's file"),
  noticeId: z.number().int().nullable().describe("The notice whose answer it belongs to; null for a report's file"),
  uploadedAt: timestampSchema,
});

export const reportSchema = z.object({
  id: z.number().int(),
  assignmentId: z.number().int(),
  period: z.string(),
  status: reportStatusSchema,
  narrative: z.string(),
  percent: z.number().int().nullable(),
  reportedBy: z.number().int().nullable(),
  reportedAt: timestampSchema,
  version: z.number().int(),
  evidence: z.array(evidenceSchema),
  review: z
    .object({
      state: z.enum(["accepted", "returned"]).nullable().describe("null: waiting for review (审核)"),
      note: z.string().nullable().describe("The reason a report was returned, or the reviewer's remark"),
      reviewedBy: z.number().int().nullable(),
      reviewedAt: timestampSchema.nullable(),
      returnedCount: z.number().int().describe("How often this report was sent back"),
    })
    .describe("The review (审核) of the report as filed; filing again clears it"),
});

export const assignmentSchema = z.object({
  id: z.number().int(),
  measureId: z.number().int(),
  planId: z.number().int(),
  planTitle: z.string(),
  taskKey: z.string(),
  section: z.string(),
  taskTitle: z.string(),
  measureText: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  role: z.enum(["lead", "support", "owner"]),
  via: z.string().nullable(),
  dueOn: z.string().nullable(),
  ongoing: z.boolean(),
  deadlineRaw: z.string().nullable(),
  status: assignmentStatusSchema,
  colour: z.enum(["green", "yellow", "red", "grey"]),
  missingPeriod: z.string().nullable(),
  latestReport: z
    .object({ period: z.string(), status: z.string(), percent: z.number().nullable(), reportedAt: timestampSchema })
    .nullable(),
});
export const subtreeSchema = z
  .object({
    children: z.number().int().describe("Direct sub-assignments"),
    total: z.number().int().describe("Sub-assignments at any depth"),
    overdue: z.number().int().describe("Of them, overdue or unfinished"),
    done: z.number().int(),
    status: z
      .enum(["at_risk", "on_track", "done"])
      .describe("at_risk when any sub-assignment at any depth is overdue; done when all are done"),
  })
  .describe("How the decomposed work below this assignment stands (分解汇总); null when not decomposed");
export const assignmentDetailSchema = assignmentSchema.extend({
  subtree: subtreeSchema.nullable(),
  currentPeriod: z.string().describe("The reporting period today falls in, by the plan's cadence (2025-Q1, 2025-03)."),
  reports: z.array(reportSchema),
});

export const measureStateSchema = z.object({
  id: z.number().int(),
  status: z.enum(["open", "done"]),
  signedOffBy: z.number().int().nullable(),
  signedOffAt: timestampSchema.nullable(),
  version: z.number().int(),
});

export const noticeSchema = z.object({
  id: z.number().int(),
  measureId: z.number().int().describe("The first measure the notice lists"),
  measureText: z.string(),
  items: z
    .array(z.object({ measureId: z.number().int(), measureText: z.string(), planId: z.number().int() }))
    .describe("Every measure the notice covers, in its order"),
  evidence: z.array(evidenceSchema).describe("Files attached to the answer"),
  orgId: z.number().int(),
  orgName: z.string(),
  issuedBy: z.number().int().nullable(),
  issuedAt: timestampSchema,
  message: z.string(),
  respondBy: z.string(),
  response: z.string().nullable(),
  respondedBy: z.number().int().nullable(),
  respondedAt: timestampSchema.nullable(),
  escalatedAt: timestampSchema.nullable(),
  version: z.number().int(),
});

export const notificationSchema = z.object({
  id: z.number().int(),
  noticeId: z.number().int().nullable(),
  reminderId: z.number().int().nullable(),
  measureId: z.number().int().nullable().describe("The measure the notice or reminder is about."),
  message: z.string(),
  createdAt: timestampSchema,
  readAt: timestampSchema.nullable(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const presentAssignment = (a: AssignmentView): z.input<typeof assignmentSchema> => a;

export const presentReport = (r: Report): z.input<typeof reportSchema> => ({
  ...r,
  reportedAt: r.reportedAt.toISOString(),
  review: { ...r.review, reviewedAt: iso(r.review.reviewedAt) },
});

export const presentEvidence = (e: Evidence): z.input<typeof uploadedEvidenceSchema> => ({
  ...e,
  uploadedAt: e.uploadedAt.toISOString(),
});

export const presentMeasureState = (m: MeasureState): z.input<typeof measureStateSchema> => ({
  ...m,
  signedOffAt: iso(m.signedOffAt),
});

export const presentNotice = (n: Notice): z.input<typeof noticeSchema> => ({
  ...n,
  issuedAt: n.issuedAt.toISOString(),
  respondedAt: iso(n.respondedAt),
  escalatedAt: iso(n.escalatedAt),
});

export const presentNotification = (n: Notification): z.input<typeof notificationSchema> => ({
  ...n,
  createdAt: n.createdAt.toISOString(),
  readAt: iso(n.readAt),
});
