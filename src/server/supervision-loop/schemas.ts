// The public shapes of the loop: an assignment's loop state, extension requests, the queue.
import { z } from "zod";
import type { LoopQueue } from "../../services/supervision-loop/queue.ts";
import type { Extension, LoopState } from "../../services/supervision-loop/state.ts";
import { timestampSchema } from "../users/schemas.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const extensionSchema = z.object({
  id: z.number().int(),
  assignmentId: z.number().int(),
  requestedBy: z.number().int().nullable(),
  requestedAt: timestampSchema,
  currentDueOn: z.string().nullable().describe("The due date when it was asked for"),
  requestedDueOn: z.string(),
  reason: z.string(),
  state: z.enum(["pending", "approved", "rejected", "withdrawn"]),
  decidedBy: z.number().int().nullable(),
  decidedAt: timestampSchema.nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
});

export const loopStateSchema = z.object({
  assignmentId: z.number().int(),
  orgId: z.number().int(),
  dueOn: z.string().nullable(),
  originalDueOn: z.string().nullable().describe("The due date before the first granted extension"),
  assignedAt: timestampSchema,
  acknowledgedAt: timestampSchema.nullable().describe("签收; null while it waits"),
  acknowledgedBy: z.number().int().nullable(),
  closure: z
    .enum(["open", "applied", "approved", "rejected"])
    .describe("办结: applied = signed off by the unit, waiting for approval; approved = closed (done)"),
  closureNote: z.string().nullable(),
  signedOffAt: timestampSchema.nullable(),
  closedAt: timestampSchema.nullable(),
  extensions: z.array(extensionSchema).describe("Newest first"),
  returnedReports: z.number().int().describe("Reports returned (退回) and not filed again yet"),
});

export const measureLoopSchema = z.object({
  items: z.array(
    loopStateSchema.extend({
      can: z.object({
        acknowledge: z.boolean(),
        requestExtension: z.boolean(),
        withdrawExtension: z.boolean().describe("The unit that asked may withdraw its pending request"),
        review: z.boolean(),
      }),
    }),
  ),
});

export const reviewSchema = z.object({
  reportId: z.number().int(),
  assignmentId: z.number().int(),
  period: z.string(),
  state: z.enum(["accepted", "returned"]),
  note: z.string().nullable(),
  reviewedAt: timestampSchema,
  returnedCount: z.number().int(),
});

const queueItem = z.object({
  assignmentId: z.number().int(),
  measureId: z.number().int(),
  planId: z.number().int(),
  planTitle: z.string(),
  taskKey: z.string(),
  measureText: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  dueOn: z.string().nullable(),
  originalDueOn: z.string().nullable(),
  canDecide: z.boolean(),
});

export const queueSchema = z.object({
  unacknowledged: z.array(
    queueItem.extend({ assignedAt: timestampSchema, daysWaiting: z.number().int(), chased: z.boolean() }),
  ),
  toReview: z.array(
    queueItem.extend({
      reportId: z.number().int(),
      period: z.string(),
      status: z.string(),
      reportedAt: timestampSchema,
      version: z.number().int(),
    }),
  ),
  returned: z.array(
    queueItem.extend({
      reportId: z.number().int(),
      period: z.string(),
      note: z.string().nullable(),
      reviewedAt: timestampSchema.nullable(),
    }),
  ),
  extensions: z.array(queueItem.extend({ extension: extensionSchema })),
  closures: z.array(
    queueItem.extend({
      closure: z.enum(["open", "applied", "approved", "rejected"]),
      signedOffAt: timestampSchema.nullable(),
      note: z.string().nullable(),
    }),
  ),
});

export const presentExtension = (e: Extension): z.input<typeof extensionSchema> => ({
  ...e,
  requestedAt: e.requestedAt.toISOString(),
  decidedAt: iso(e.decidedAt),
});

export const presentLoopState = (s: LoopState): z.input<typeof loopStateSchema> => ({
  ...s,
  assignedAt: s.assignedAt.toISOString(),
  acknowledgedAt: iso(s.acknowledgedAt),
  signedOffAt: iso(s.signedOffAt),
  closedAt: iso(s.closedAt),
  extensions: s.extensions.map(presentExtension),
});

export const presentQueue = (q: LoopQueue): z.input<typeof queueSchema> => ({
  unacknowledged: q.unacknowledged.map((i) => ({ ...i, assignedAt: i.assignedAt.toISOString() })),
  toReview: q.toReview.map((i) => ({ ...i, reportedAt: i.reportedAt.toISOString() })),
  returned: q.returned.map((i) => ({ ...i, reviewedAt: iso(i.reviewedAt) })),
  extensions: q.extensions.map((i) => ({ ...i, extension: presentExtension(i.extension) })),
  closures: q.closures.map((i) => ({ ...i, signedOffAt: iso(i.signedOffAt) })),
});
