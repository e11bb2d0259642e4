// Operating the daily jobs by hand: an admin can run the supervision evaluation now, e.g. after
// importing a plan, instead of waiting for the scheduler. The same run as the scheduler's (jobs/daily.ts:
// reminders and escalation, in the configured time zone), idempotent like it.
import { z } from "zod";
import { dayIn } from "../../domain/today.ts";
import { runDaily } from "../../jobs/daily.ts";
import { deliverPending, deliveryFromEnv } from "../../jobs/delivery.ts";
import { requireRole } from "../../services/access/index.ts";
import { defineRoute, type Route } from "../route.ts";

const channelSchema = z
  .object({ sent: z.number().int(), messages: z.number().int().optional(), error: z.string().optional() })
  .nullable();

const runReminders = defineRoute({
  method: "POST",
  url: "/api/jobs/reminders/run",
  summary: "Run the reminder evaluation now",
  description:
    "Creates the reminders and notifications today's statuses call for (none twice), escalates notices unanswered after their date, as the daily run does, and delivers pending ones over the channels configured in the environment.",
  tags: ["jobs"],
  auth: requireRole("admin"),
  response: z.object({
    day: z.string(),
    candidates: z.number().int(),
    created: z.number().int(),
    delivery: z.object({ webhook: channelSchema, email: channelSchema }),
  }),
  handler: async ({ deps }) => {
    const at = deps.now();
    const day = dayIn(deps.config.timeZone, at);
    const result = await runDaily(deps.db, day, at);
    const delivery = await deliverPending(deps.db, deliveryFromEnv());
    return { day, candidates: result.candidates, created: result.created, delivery };
  },
});

export const jobRoutes: Route[] = [runReminders];
