// The pace part of an indicator in the API: Open SDG's band, growth observed and required, the value due
// this year, the forecast with its method, the orgs' shares and figures, and the split checks.
import { z } from "zod";

const point = z.object({
  t: z.number().describe("Year-end time: 2024 is 31 Dec 2024, 2024.5 about 30 Jun 2025"),
  value: z.number(),
});
export const pathStepSchema = z.object({
  year: z.number().int(),
  value: z.number(),
  high: z.number().nullable().optional().describe("For a range, its high end"),
});

export const directionSchema = z.enum(["increase", "decrease", "at_least", "at_most", "range"]);
export const kindSchema = z.enum(["stock", "flow"]);

export const paceSchema = z.object({
  band: z
    .enum([
      "target_achieved",
      "on_track",
      "acceleration_needed",
      "limited_progress",
      "deterioration",
      "not_achieved",
      "unable_to_assess",
    ])
    .describe(
      "Open SDG's progress band from R = observed / required growth: on_track R ≥ 95%, acceleration_needed 60–95%, " +
        "limited_progress 0–60%, deterioration < 0; not_achieved: the target year is over and it was missed",
    ),
  gap: z.enum(["no_values", "one_point", "no_target"]).nullable().describe("Why no band could be given"),
  ratio: z.number().nullable(),
  score: z.number().nullable().describe("Open SDG's score, −5 … 5"),
  method: z
    .enum(["compound", "linear"])
    .nullable()
    .describe("compound: growth as a rate a year (0.1 = 10%); linear: units a year (a count from zero)"),
  observedGrowth: z.number().nullable(),
  requiredGrowth: z.number().nullable(),
  base: point.nullable(),
  latest: point.nullable(),
  target: pathStepSchema.nullable().describe("The target assessed: the first on the path not yet due, else the last"),
  targetYearPassed: z.boolean(),
  neededThisYear: z
    .object({ year: z.number().int(), value: z.number() })
    .nullable()
    .describe("Where the planned course from the base stands at the end of this year"),
  forecast: z
    .object({
      year: z.number().int(),
      value: z.number(),
      method: z.enum(["compound", "linear"]).describe("compound: the observed rate carried on; linear: base to latest"),
      meetsTarget: z.boolean(),
    })
    .nullable(),
  yearToDate: z
    .object({ year: z.number().int(), asOf: z.string(), value: z.number() })
    .nullable()
    .describe("A flow's figure for a year still open, kept out of the rate"),
  offPace: z
    .boolean()
    .describe("Off pace, a supervision state: a band below on track, or a forecast that misses the target"),
});

const figureSchema = z.enum(["own", "roll_up", "none"]).describe("own values, or (counts) the orgs below summed");

export const splitCheckSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ok"), total: z.number() }),
  z.object({ status: z.enum(["short", "over"]), total: z.number(), difference: z.number() }),
  z.object({ status: z.literal("not_additive") }),
]);

export const indicatorPaceSchema = z.object({
  direction: directionSchema.describe("The direction judged by: as set, else read from the operator and baseline"),
  additive: z.boolean().describe("Counts add up across orgs; rates and per-capita figures do not"),
  path: z.array(pathStepSchema).describe("The target path the plan's figure is judged against"),
  headline: z.object({
    orgId: z.number().int(),
    orgName: z.string(),
    figure: figureSchema,
    pace: paceSchema,
  }),
  rollUp: z.object({
    method: z
      .enum(["sum", "weighted", "side_by_side"])
      .describe("sum: counts; weighted: a rate weighed by its weight indicator; side_by_side: a rate with none"),
    years: z.array(
      z.object({
        year: z.number().int(),
        asOf: z.string(),
        value: z.number(),
        orgs: z.number().int(),
        weight: z.number().optional().describe("weighted: the orgs' weights summed"),
      }),
    ),
    sideBySide: z
      .array(z.object({ orgId: z.number().int(), year: z.number().int(), asOf: z.string(), value: z.number() }))
      .describe("side_by_side: each org's latest figure of each year"),
  }),
  orgs: z
    .array(
      z.object({
        orgId: z.number().int(),
        orgName: z.string(),
        targets: z.array(pathStepSchema),
        figure: figureSchema,
        latest: z.object({ asOf: z.string(), value: z.number() }).nullable(),
        pace: paceSchema,
      }),
    )
    .describe("Every org with a share or values, best pace first"),
  splitChecks: z.array(z.object({ orgId: z.number().int(), year: z.number().int(), check: splitCheckSchema })),
});

export const definitionFields = {
  directionSet: z.string().nullable().describe("As stored; null where read from the operator and baseline"),
  kind: kindSchema.describe("stock: a level at its date; flow: a year's amount so far"),
  cumulative: z.boolean().describe("累计: the target counts a running total over the plan period"),
  baseline: z.object({ year: z.number().int(), value: z.number() }).nullable(),
  targetPath: z.array(pathStepSchema).nullable().describe("As stored; null: the single printed target"),
  growth: z
    .object({ by: z.number(), unit: z.string(), baseYear: z.number().int().nullable(), annual: z.boolean() })
    .nullable()
    .describe("A growth the target was printed as (比2020年增长10%, 年均增长10%)"),
  rawText: z.string().nullable().describe("The sentence the target was read from"),
  rowVersion: z.number().int().describe("Send back with PATCH /api/indicators/:id"),
  weightIndicatorId: z
    .number()
    .int()
    .nullable()
    .describe("A rate's weight indicator (population, a denominator): the orgs' rates roll up as its weighted mean"),
};
