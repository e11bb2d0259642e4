// Assessment (考核) of a plan's units, and the plan settings that drive supervision and scoring.
import { z } from "zod";
import { orgScope, requireRole } from "../../services/access/index.ts";
import { assessPlan } from "../../services/assessment/assessment.ts";
import { changePlanSettings } from "../../services/plans/settings.ts";
import { ownPlan } from "../plans/access.ts";
import { defineRoute, type Route } from "../route.ts";
import { idParams } from "../schemas.ts";
import { assessmentSchema, isoDateSchema, settingsPatchSchema, settingsSchema } from "./schemas.ts";

const assessment = defineRoute({
  method: "GET",
  url: "/api/plans/:id/assessment",
  summary: "Assessment of a plan's responsible units",
  description:
    "Score components (onTime, timeliness, overdue, indicators; each 0–100 or null when nothing was owed) and the weighted score per org, best first, as of a day (default today).",
  tags: ["assessment"],
  auth: requireRole("admin", "plan_office", "viewer"),
  params: idParams,
  query: z.object({ asOf: isoDateSchema.optional() }),
  response: assessmentSchema,
  handler: async ({ params, query, user, deps }) => {
    await ownPlan(deps.db, await orgScope(deps.db, user), params.id);
    const asOf = query.asOf ?? deps.today();
    return assessPlan(deps.db, params.id, asOf);
  },
});

const updateSettings = defineRoute({
  method: "PATCH",
  url: "/api/plans/:id/settings",
  summary:
    "Change a plan's title, 文号, issuer, date of issue, period, reporting cadence, due-soon window or assessment weights",
  description:
    "Metadata corrections are checked (a non-empty title, real dates, both years of the period or neither, the first not after the last); every change is audited as before → after.",
  tags: ["assessment"],
  auth: requireRole("admin", "plan_office"),
  params: idParams,
  body: settingsPatchSchema,
  response: settingsSchema,
  handler: async ({ params, body, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await ownPlan(deps.db, scope, params.id);
    const { rowVersion, ...patch } = body;
    const { orgId: _, ...shown } = await changePlanSettings(deps.db, user, scope, plan, rowVersion, patch, deps.now());
    return shown;
  },
});

export const assessmentRoutes: Route[] = [assessment, updateSettings];
