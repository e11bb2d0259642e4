// The API shape of an indicator: its printed target, values, the latest against the target, what the
// parser read beyond it, and its pace.
import { z } from "zod";
import type { IndicatorValue, IndicatorView } from "../../services/indicators/indicators.ts";
import { timestampSchema } from "../users/schemas.ts";
import { definitionFields, indicatorPaceSchema } from "./pace-schemas.ts";

export const valueSchema = z.object({
  id: z.number().int(),
  indicatorId: z.number().int(),
  value: z.number(),
  asOf: z.string(),
  source: z.string().describe("Where the figure comes from, as the reporter wrote it"),
  orgId: z.number().int(),
  orgName: z.string(),
  reportedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  reportedAt: timestampSchema,
});

const attainmentSchema = z
  .object({
    ratio: z.number().describe("0–1: how far the value is toward the target"),
    met: z.boolean(),
  })
  .nullable()
  .describe("null when the indicator's operator cannot be judged");

export const indicatorSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  op: z.string().describe('">=", ">", "=", "<=" or "range" (target to targetHigh)'),
  target: z.number(),
  targetHigh: z.number().nullable(),
  unit: z.string(),
  dueBy: z.string().nullable().describe("The year the target is due, as printed; null for a recurring target"),
  source: z.record(z.string(), z.union([z.string(), z.number()])).describe("Where the plan states it"),
  values: z.array(valueSchema).describe("Oldest first"),
  latest: valueSchema.extend({ attainment: attainmentSchema }).nullable(),
  ...definitionFields,
  pace: indicatorPaceSchema.describe(
    "Pace to target (Open SDG's progress measure) for the plan's figure — or, with orgId/under, that org's " +
      "figure against its share — and for every org with a share or values",
  ),
});

export const presentIndicator = (i: IndicatorView): z.input<typeof indicatorSchema> => ({
  ...i,
  values: i.values.map(presentValue),
  latest: i.latest ? { ...presentValue(i.latest), attainment: i.latest.attainment } : null,
});

export const presentValue = (v: IndicatorValue): z.input<typeof valueSchema> => ({
  ...v,
  reportedAt: v.reportedAt.toISOString(),
});
