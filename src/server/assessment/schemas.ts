// Request and response shapes of the assessment and plan-settings endpoints.
import { z } from "zod";
import { validateWeights } from "../../domain/scoring.ts";
import { MAX_YEAR, METADATA_FIELDS, MIN_YEAR, TITLE_MAX_LENGTH } from "../../services/plans/metadata.ts";
import type { ScoreWeights } from "../../store/schema.ts";

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: "must be a real calendar date",
    },
  );

const WEIGHT_KEYS = ["onTime", "timeliness", "overdue", "indicators"] as const;

/** Weights checked by the scoring rules themselves, each problem reported on the field it is about. */
export const weightsSchema = z
  .object({ onTime: z.number(), timeliness: z.number(), overdue: z.number(), indicators: z.number() })
  .strict()
  .superRefine((weights: ScoreWeights, ctx) => {
    for (const problem of validateWeights(weights)) {
      const key = WEIGHT_KEYS.find((k) => problem.startsWith(`weight ${k} `));
      ctx.addIssue({ code: "custom", message: problem, path: key ? [key] : [] });
    }
  });

const componentsSchema = z.object({
  onTime: z.number().nullable(),
  timeliness: z.number().nullable(),
  overdue: z.number().nullable(),
  indicators: z.number().nullable(),
});

export const assessmentSchema = z.object({
  planId: z.number().int(),
  asOf: z.string(),
  weights: z.object({ onTime: z.number(), timeliness: z.number(), overdue: z.number(), indicators: z.number() }),
  orgs: z.array(
    z.object({
      rank: z.number().int().nullable(),
      orgId: z.number().int(),
      orgName: z.string(),
      score: z.number().nullable(),
      components: componentsSchema,
      assignments: z.number().int(),
      counts: z.object({
        reportsOwed: z.number().int(),
        reportsOnTime: z.number().int(),
        pastDue: z.number().int(),
        overdueOpen: z.number().int(),
        doneLate: z.number().int(),
        unfinished: z
          .number()
          .int()
          .describe("未办结: open-ended work left open when the plan ended (counted as overdue)"),
        reportsAccepted: z.number().int().describe("Reports the reviewer accepted (审核通过)"),
        reportsReturned: z
          .number()
          .int()
          .describe("Times a report was returned (退回); a returned report counts as not filed"),
        extensions: z.number().int().describe("Extensions granted (延期) by asOf"),
      }),
    }),
  ),
});

const optionalText = (max: number, what: string) =>
  z.string().max(max, `${what} must be at most ${max} characters`).nullable().optional();
const yearSchema = z
  .number()
  .int("must be a whole year")
  .min(MIN_YEAR, `must be a year from ${MIN_YEAR} to ${MAX_YEAR}`)
  .max(MAX_YEAR, `must be a year from ${MIN_YEAR} to ${MAX_YEAR}`);

/** Corrections of a plan's document metadata (also taken by the import); null clears an optional field. */
export const metadataPatchShape = {
  title: z
    .string()
    .trim()
    .min(1, "the title must not be empty")
    .max(TITLE_MAX_LENGTH, `the title must be at most ${TITLE_MAX_LENGTH} characters`)
    .optional(),
  docNumber: optionalText(100, "the 文号").describe("文号, e.g. 鲁市监知字〔2021〕12号"),
  issuer: optionalText(TITLE_MAX_LENGTH, "the issuer"),
  issuedOn: isoDateSchema.nullable().optional().describe("The date of issue"),
  periodFrom: yearSchema.nullable().optional().describe("The plan period's first year"),
  periodTo: yearSchema.nullable().optional().describe("The plan period's last year"),
};

const SETTING_KEYS = ["cadence", "dueSoonDays", "acknowledgeDays", "weights", ...METADATA_FIELDS] as const;

export const settingsPatchSchema = z
  .object({
    rowVersion: z.number().int().positive().describe("The plan's row version as read; a stale one gets 409."),
    cadence: z.enum(["monthly", "quarterly"]).optional(),
    dueSoonDays: z.number().int().min(0).max(365).optional(),
    acknowledgeDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .optional()
      .describe("Days after which work not acknowledged (签收) is reminded of and shown on the supervision page"),
    weights: weightsSchema.optional(),
    ...metadataPatchShape,
  })
  .strict()
  .refine((p) => SETTING_KEYS.some((k) => p[k] !== undefined), {
    message: `give at least one of ${SETTING_KEYS.join(", ")}`,
  });

export const settingsSchema = z.object({
  planId: z.number().int(),
  title: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  periodFrom: z.number().int().nullable(),
  periodTo: z.number().int().nullable(),
  cadence: z.enum(["monthly", "quarterly"]),
  dueSoonDays: z.number().int(),
  acknowledgeDays: z.number().int(),
  weights: z.object({ onTime: z.number(), timeliness: z.number(), overdue: z.number(), indicators: z.number() }),
  rowVersion: z.number().int(),
});
