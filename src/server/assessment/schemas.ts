// Request and response shapes of the assessment and plan-settings endpoints.
import { z } from "zod";
import { validateWeights } from "../../domain/scoring.ts";
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
      }),
    }),
  ),
});

export const settingsPatchSchema = z
  .object({
    rowVersion: z.number().int().positive().describe("The plan's row version as read; a stale one gets 409."),
    cadence: z.enum(["monthly", "quarterly"]).optional(),
    dueSoonDays: z.number().int().min(0).max(365).optional(),
    weights: weightsSchema.optional(),
  })
  .strict()
  .refine((p) => p.cadence !== undefined || p.dueSoonDays !== undefined || p.weights !== undefined, {
    message: "give at least one of cadence, dueSoonDays, weights",
  });

export const settingsSchema = z.object({
  planId: z.number().int(),
  cadence: z.enum(["monthly", "quarterly"]),
  dueSoonDays: z.number().int(),
  weights: z.object({ onTime: z.number(), timeliness: z.number(), overdue: z.number(), indicators: z.number() }),
  rowVersion: z.number().int(),
});
