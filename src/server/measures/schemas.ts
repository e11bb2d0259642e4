// The public shape of one measure's detail page: parsed fields, original text, sign-off, assignments.
import { z } from "zod";
import type { MeasureAssignment, MeasureCore, MeasureSignOff, SourceLine } from "../../services/plans/measures.ts";
import { assignmentSchema, presentReport, reportSchema } from "../tracking/schemas.ts";
import { timestampSchema } from "../users/schemas.ts";

const sourceSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const measureDetailSchema = z.object({
  id: z.number().int(),
  text: z.string(),
  scope: z.string().nullable(),
  statedUnits: z.string().describe("The responsible units as printed"),
  unresolved: z
    .array(z.object({ name: z.string(), role: z.enum(["lead", "support", "owner"]) }))
    .describe("Printed unit names no org matched yet (to confirm in the plan's review list)"),
  deadline: z
    .object({ raw: z.string().describe("As printed, e.g. 10月份前"), due: z.string().nullable(), ongoing: z.boolean() })
    .nullable(),
  source: sourceSchema.describe("Where the measure stands in the original document"),
  task: z.object({
    id: z.number().int(),
    key: z.string(),
    section: z.string(),
    title: z.string(),
    source: sourceSchema,
  }),
  plan: z.object({
    id: z.number().int(),
    title: z.string(),
    status: z.enum(["active", "superseded"]),
    docNumber: z.string().nullable(),
  }),
  original: z
    .object({
      fileName: z.string(),
      lines: z.array(
        z.object({
          loc: sourceSchema,
          text: z.string(),
          own: z.boolean().describe("The measure's own line"),
          task: z.boolean().describe("The task's heading line"),
        }),
      ),
    })
    .nullable()
    .describe("The original lines around the measure; null when the document's text is not stored"),
  state: z.object({
    status: z.enum(["open", "done"]),
    version: z.number().int().describe("Send as expectedVersion to sign off or reopen"),
    signedOffBy: z.number().int().nullable(),
    signedOffByName: z.string().nullable(),
    signedOffAt: timestampSchema.nullable(),
    doneCount: z.number().int().describe("Assignments signed off (each unit signs off its own)"),
    total: z.number().int().describe("All assignments of the measure"),
    ownSignedOff: z
      .boolean()
      .nullable()
      .describe("Whether the caller's unit has signed off its share; null when it signs off none"),
  }),
  canSignOff: z.boolean().describe("Whether the caller may sign off (or reopen) its own unit's share"),
  canClose: z
    .boolean()
    .describe("Whether the caller may close or reopen the whole measure (the issuing plan office, admins)"),
  canSupervise: z.boolean().describe("Whether the caller may issue supervision notices about this measure"),
  assignments: z.array(
    assignmentSchema.extend({
      reports: z.array(reportSchema.extend({ reportedByName: z.string().nullable() })),
    }),
  ),
});

export function presentMeasure(
  measure: MeasureCore,
  original: { fileName: string; lines: SourceLine[] } | null,
  state: MeasureSignOff,
  can: { signOff: boolean; close: boolean; supervise: boolean },
  assignments: MeasureAssignment[],
): z.input<typeof measureDetailSchema> {
  const { orgId: _, ...plan } = measure.plan;
  return {
    id: measure.id,
    text: measure.text,
    scope: measure.scope,
    statedUnits: measure.statedUnits,
    unresolved: measure.unresolved,
    deadline: measure.deadline,
    source: measure.source,
    task: measure.task,
    plan,
    original,
    state: {
      status: state.status,
      version: state.version,
      signedOffBy: state.signedOffBy,
      signedOffByName: state.signedOffByName,
      signedOffAt: state.signedOffAt ? state.signedOffAt.toISOString() : null,
      doneCount: state.doneCount,
      total: state.total,
      ownSignedOff: state.ownSignedOff,
    },
    canSignOff: can.signOff,
    canClose: can.close,
    canSupervise: can.supervise,
    assignments: assignments.map((a) => ({
      ...a,
      reports: a.reports.map((r) => ({ ...presentReport(r), reportedByName: r.reportedByName })),
    })),
  };
}
