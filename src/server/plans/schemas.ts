// The public shapes of plans, their import (preview and confirm), versions and the review of unit names.

import { z } from "zod";
import { ORG_KINDS } from "../../services/orgs/queries.ts";
import { metadataPatchShape } from "../assessment/schemas.ts";

import { idSchema } from "../schemas.ts";

export { idParams, idSchema } from "../schemas.ts";

export const planSummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  level: z.enum(ORG_KINDS).describe("The issuing office's kind"),
  regionCode: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  periodFrom: z.number().nullable(),
  periodTo: z.number().nullable(),
  version: z.number(),
  status: z.enum(["active", "superseded"]),
  lineageKey: z.string().describe("Same 文号 (or title) from the same org: the versions of one plan"),
  activeVersionId: z
    .number()
    .nullable()
    .describe("The id of the lineage's active version; equals id unless this version is superseded"),
  cadence: z.enum(["monthly", "quarterly"]),
  createdAt: z.string(),
});
export const rollUpSchema = z.object({
  total: z.number(),
  counts: z.record(z.string(), z.number()),
  completionRate: z.number().nullable(),
  worst: z.string().nullable(),
  colour: z.string(),
});
export const weightsSchema = z.object({
  onTime: z.number(),
  timeliness: z.number(),
  overdue: z.number(),
  indicators: z.number(),
});
export const deadlineSchema = z
  .object({ raw: z.string(), due: z.string().nullable(), ongoing: z.boolean() })
  .nullable();
export const sourceSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const importBody = z.object({
  fileName: z.string().min(1).max(255),
  contentBase64: z.string().min(1).describe("The plan document's bytes, base64"),
  orgId: idSchema.describe("The plan office importing the plan"),
  cadence: z.enum(["monthly", "quarterly"]).default("quarterly"),
  year: z.number().int().min(1949).max(2100).optional(),
  mappings: z.record(z.string(), z.number().int().positive()).default({}).describe("Printed unit name → org id"),
  metadata: z
    .object(metadataPatchShape)
    .strict()
    .optional()
    .describe("Corrections of the parsed title, 文号, issuer, date of issue or period; null clears a field"),
  confirmOutsideRegion: z
    .boolean()
    .default(false)
    .describe("Import even though some printed names resolve to orgs outside the importing office's region"),
  scopes: z
    .array(
      z
        .object({
          via: z.string().min(1).max(200).describe("The printed scope as the preview's `selective` lists it"),
          role: z.enum(["lead", "support", "owner"]).optional(),
          taskIndex: z.number().int().min(0).optional(),
          measureIndex: z.number().int().min(0).optional(),
          orgIds: z.array(idSchema).max(1000).optional().describe("The candidates it goes to ([] = none)"),
          optInUntil: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional()
            .describe("Instead: members may opt in (领办) until this day"),
        })
        .strict(),
    )
    .max(5000)
    .default([])
    .describe(
      "What the office makes of each selective scope (有关地区, 各有关市…): chosen candidates or a 领办 window; " +
        "without taskIndex/measureIndex a choice applies to every measure printing `via`. Scopes not listed " +
        "stay 待选定 (nothing assigned) until decided on the plan's page",
    ),
});

export const unresolvedSchema = z.array(
  z.object({ name: z.string(), role: z.string(), reason: z.string(), measures: z.number() }),
);

export const identicalSchema = z.object({
  planId: z.number().describe("The version the file is the same as"),
  version: z.number(),
  reason: z.enum(["checksum", "content"]).describe("Same bytes, or a different file with the same parse"),
  message: z.object({ zh: z.string(), en: z.string() }),
});

const indicatorFields = z.object({
  name: z.string(),
  op: z.string(),
  target: z.number(),
  targetHigh: z.number().nullable(),
  unit: z.string(),
  by: z.string().nullable(),
});

export const revisionSchema = z
  .object({
    previousPlanId: z.number(),
    previousVersion: z.number(),
    version: z.number().describe("The version number the file would become"),
    unchanged: z.number(),
    changed: z.array(
      z.object({
        measureId: z.number().describe("The measure in the previous version"),
        previousTaskKey: z.string(),
        taskKey: z.string(),
        before: z.string(),
        after: z.string(),
        similarity: z.number(),
        reports: z.number().describe("Progress reports on it, which stay with the previous version"),
      }),
    ),
    added: z.array(z.object({ taskKey: z.string(), text: z.string() })),
    removed: z.array(z.object({ measureId: z.number(), taskKey: z.string(), text: z.string(), reports: z.number() })),
    carriedReports: z.number().describe("Progress reports that would move to the new version"),
    identical: identicalSchema
      .nullable()
      .describe("Set when the file changes nothing in the latest version: importing it creates nothing"),
    indicators: z.object({
      unchanged: z.number(),
      changed: z
        .array(
          z.object({ indicatorId: z.number(), before: indicatorFields, after: indicatorFields, values: z.number() }),
        )
        .describe("Same indicator with a new target or wording; its recorded values carry over"),
      added: z.array(indicatorFields),
      removed: z
        .array(indicatorFields.extend({ indicatorId: z.number(), values: z.number() }))
        .describe("Indicators the file no longer has; their values stay with the previous version"),
      carriedValues: z.number().describe("Recorded indicator values that would move to the new version"),
    }),
  })
  .nullable()
  .describe("For a revision of a plan already imported (same 文号 or title): what would change; else null");

const roleSchema = z.enum(["lead", "support", "owner"]);

export const unresolvedEntrySchema = z.object({
  name: z.string().describe("The printed unit name; send it back to resolve it"),
  roles: z.array(roleSchema),
  reason: z
    .enum(["unknown", "ambiguous", "no-group", "no-subordinates"])
    .nullable()
    .describe("Why the directory cannot resolve it now; null when it can (see suggestion)"),
  suggestion: z.object({ orgId: z.number(), orgName: z.string() }).nullable(),
  measures: z.array(
    z.object({
      id: z.number(),
      text: z.string(),
      role: roleSchema,
      taskKey: z.string(),
      dueOn: z.string().nullable(),
      ongoing: z.boolean(),
    }),
  ),
});
