// The parsed plan as the import preview returns it (the ParsedPlan contract of ../shared/spec/plan-json.md),
// declared field by field so the OpenAPI document, and the web app's generated types, carry it.
import { z } from "zod";

export const sourceLocSchema = z
  .object({
    line: z.number().optional(),
    page: z.number().optional(),
    table: z.number().optional(),
    row: z.number().optional(),
    paragraph: z.number().optional(),
    sheet: z.string().optional(),
  })
  .describe("Where the item stood in the original document: line, or page/table/row/paragraph/sheet");

const roleSchema = z.enum(["lead", "support", "owner"]);

export const parsedPlanSchema = z.object({
  title: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  period: z.object({ from: z.number(), to: z.number() }).nullable(),
  format: z.enum(["txt", "docx", "xlsx", "html", "pdf"]),
  tasks: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      source: sourceLocSchema,
      measures: z.array(
        z.object({
          text: z.string(),
          scope: z.enum(["issuer", "all-subordinates", "some-subordinates"]).nullable(),
          units: z.array(z.object({ name: z.string(), role: roleSchema, fanout: z.boolean() })),
          deadline: z.object({ raw: z.string(), due: z.string().nullable(), ongoing: z.boolean() }).nullable(),
          source: sourceLocSchema,
        }),
      ),
    }),
  ),
  indicators: z.array(
    z.object({
      name: z.string(),
      op: z.enum([">=", ">", "=", "<=", "range"]),
      target: z.number(),
      targetHigh: z.number().optional(),
      unit: z.string(),
      by: z.string().nullable(),
      source: sourceLocSchema,
      // Beyond the contract: what the parser read for pace (issue 12), each only where the text says so.
      raw: z.string().optional().describe("The sentence the target was read from"),
      baseline: z
        .object({ year: z.number(), value: z.number() })
        .optional()
        .describe("由2020年的3.2件提高到7件: the base year's value"),
      path: z
        .array(z.object({ year: z.number(), value: z.number(), high: z.number().optional() }))
        .optional()
        .describe("Several target years in one sentence, oldest first"),
      kind: z.enum(["stock", "flow"]).optional().describe("stock: a level; flow: a year's amount"),
      cumulative: z.boolean().optional().describe("累计: a running total over the plan period"),
      growth: z
        .object({
          by: z.number(),
          unit: z.enum(["%", "个百分点"]),
          baseYear: z.number().nullable(),
          annual: z.boolean(),
        })
        .optional()
        .describe("比2020年增长10% / 年均增长10%"),
      approximate: z.boolean().optional().describe("左右: about the value"),
      aspirational: z.boolean().optional().describe("力争/争取: a stretch target"),
    }),
  ),
  warnings: z.array(
    z.object({
      message: z.string(),
      messageZh: z.string().optional().describe("The warning in Chinese"),
      text: z.string(),
      source: sourceLocSchema,
    }),
  ),
});

export const sourceExcerptsSchema = z
  .array(z.object({ loc: sourceLocSchema, text: z.string() }))
  .describe("The original text (a table row's cells tab-separated) at every location the plan's items cite");

export const previewAssignmentsSchema = z
  .array(
    z.object({
      taskIndex: z.number(),
      measureIndex: z.number(),
      orgId: z.number(),
      orgName: z.string(),
      regionName: z.string().nullable().describe("The org's region (湖南省长沙市); null for the national office"),
      outsideRegion: z.boolean().describe("The org is outside the importing office's region"),
      role: roleSchema,
      via: z.string().nullable().describe("The group name or 各地区 the org was reached through; null if named"),
    }),
  )
  .describe("Who each measure (plan.tasks[taskIndex].measures[measureIndex]) would be assigned to");

const resolvedOrgSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable().describe("The org's region as its bureaus' place names; null if national"),
  outsideRegion: z.boolean(),
});

export const printedNamesSchema = z
  .array(
    z.object({
      name: z.string(),
      roles: z.array(roleSchema),
      measures: z.number().describe("Measures that print the name"),
      group: z.boolean().describe("The name stands for a group of orgs"),
      orgs: z.array(resolvedOrgSchema).describe("What the name resolved to; empty when unresolved"),
      reason: z.enum(["unknown", "ambiguous", "no-group", "no-subordinates"]).nullable(),
    }),
  )
  .describe("Every printed unit name of the plan with the org(s) it resolved to, seen from the importing office");

export const outsideRegionSchema = z
  .array(
    z.object({
      name: z.string(),
      orgId: z.number(),
      orgName: z.string(),
      regionName: z.string().nullable(),
      measures: z.number(),
    }),
  )
  .describe("Assignments outside the importing office's region; the import needs confirmOutsideRegion for them");

export const previewLinksSchema = z
  .object({
    upperPlans: z
      .array(
        z.object({
          planId: z.number(),
          title: z.string(),
          reason: z.enum(["cited", "ancestor", "handed_down", "manual"]),
        }),
      )
      .describe("The plans the new plan would be aligned against, and why"),
    links: z.array(
      z.object({
        taskIndex: z.number().describe("plan.tasks[taskIndex]"),
        lowerKey: z.string(),
        suggestion: z
          .object({
            upperPlanId: z.number(),
            upperTaskId: z.number(),
            upperKey: z.string(),
            upperTitle: z.string(),
            score: z.number(),
            evidence: z.unknown().describe("As in GET /api/plans/{id}/links: shared words, the upper measure…"),
          })
          .nullable()
          .describe("The top upper task it implements; null where the engine abstains"),
      }),
    ),
  })
  .describe("The cascade as the import would suggest it: upper plans and each task's top suggestion");

export const previewSelectiveSchema = z
  .array(
    z.object({
      taskIndex: z.number(),
      measureIndex: z.number(),
      via: z.string().describe("The printed scope: 有关地区, 各有关市市场监督管理局, 有关单位"),
      role: z.enum(["lead", "support", "owner"]),
      candidates: z.array(z.object({ orgId: z.number(), orgName: z.string(), regionName: z.string().nullable() })),
      decision: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("chosen"), orgIds: z.array(z.number()) }),
        z.object({ kind: z.literal("opt_in"), until: z.string() }),
        z.object({ kind: z.literal("pending") }),
      ]),
    }),
  )
  .describe(
    "Measures addressed to a scope that is not everyone: nothing is assigned to its candidates until the office " +
      "chooses them (`scopes` of the import) or they opt in (领办)",
  );
