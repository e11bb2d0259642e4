// Operating the daily jobs by hand: an admin can run the supervision evaluation now, e.g. after
// importing a plan, instead of waiting for the scheduler. Idempotent like the scheduled run.
import { z } from "zod";
import { deliveryFromEnv } from "../../jobs/delivery.ts";
import { evaluateReminders } from "../../jobs/reminders.ts";
import { localDay } from "../../jobs/scheduler.ts";
import { requireRole } from "../auth/permissions.ts";
import { defineRoute, type Route } from "../route.ts";

const channelSchema = z.object({ sent: z.number().int(), error: z.string().optional() }).nullable();

const runReminders = defineRoute({
  method: "POST",
  url: "/api/jobs/reminders/run",
  summary: "Run the reminder evaluation now",
  description:
    "Creates the reminders and notifications today's statuses call for (none twice) and delivers pending ones over the channels configured in the environment.",
  tags: ["jobs"],
  auth: requireRole("admin"),
  response: z.object({
    day: z.string(),
    candidates: z.number().int(),
    created: z.number().int(),
    delivery: z.object({ webhook: channelSchema, email: channelSchema }),
  }),
  handler: async ({ deps }) => {
    const day = localDay(deps.now(), "Asia/Shanghai");
    const result = await evaluateReminders(deps.db, day, deliveryFromEnv());
    return {
      day,
      candidates: result.candidates,
      created: result.created,
      delivery: result.delivery ?? { webhook: null, email: null },
    };
  },
});

export const jobRoutes: Route[] = [runReminders];
