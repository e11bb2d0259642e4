// Assessment (考核) of a plan's units, and the plan settings that drive supervision and scoring.
import { z } from "zod";
import { assessPlan } from "../../services/assessment.ts";
import { updatePlanSettings } from "../../services/plan-settings.ts";
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, NotFoundError } from "../../store/errors.ts";
import { canWriteOrg, orgScope, requireRole } from "../auth/permissions.ts";
import { ownPlan } from "../plans/access.ts";
import { conflict, forbidden, notFound } from "../problem.ts";
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
    const asOf = query.asOf ?? deps.now().toISOString().slice(0, 10);
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
    const plan = await ownPlan(deps.db, await orgScope(deps.db, user), params.id);
    // Viewers are refused by role already; this keeps the write rule in one place.
    if (!(await canWriteOrg(deps.db, user, plan.orgId)))
      throw forbidden("Your role does not allow changing this plan.");
    const { rowVersion, ...patch } = body;
    try {
      return await deps.db.transaction().execute(async (tx) => {
        const { before, after } = await updatePlanSettings(tx, params.id, rowVersion, patch);
        await writeAudit(tx, {
          userId: user.id,
          action: "plan.settings",
          entity: "plan",
          entityId: params.id,
          before,
          after,
          at: deps.now(),
        });
        const { orgId: _, ...shown } = after;
        return shown;
      });
    } catch (error) {
      if (error instanceof ConflictError) throw conflict(error.message);
      if (error instanceof NotFoundError) throw notFound("No such plan.");
      throw error;
    }
  },
});

export const assessmentRoutes: Route[] = [assessment, updateSettings];
