// Wire shapes of task links and upper plans.
import { z } from "zod";

export const linkKindSchema = z.enum(["primary", "related"]);
export const linkStateSchema = z.enum(["suggested", "confirmed", "rejected"]);

export const linkSchema = z.object({
  id: z.number(),
  lowerTaskId: z.number(),
  lowerKey: z.string(),
  lowerTitle: z.string(),
  lowerPlanId: z.number(),
  upperTaskId: z.number(),
  upperKey: z.string(),
  upperTitle: z.string(),
  upperPlanId: z.number(),
  upperPlanTitle: z.string(),
  kind: linkKindSchema,
  state: linkStateSchema,
  origin: z.enum(["import", "on_demand", "manual"]),
  score: z.number().nullable(),
  evidence: z
    .unknown()
    .describe(
      "Why it was suggested: shared words, the upper measure met and whether it was handed down, the sentence pair",
    ),
  decidedBy: z.number().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().describe("Send back to confirm or reject (optimistic lock)"),
});

export const upperPlanSchema = z.object({
  planId: z.number(),
  title: z.string(),
  docNumber: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  reason: z.enum(["cited", "ancestor", "handed_down", "manual"]),
  addedAt: z.string(),
});
