// One measure with everything its detail page shows. Visible when the caller may see at least one of its
// assignments or the plan's owner (a measure no unit holds yet is still its plan office's); the lead unit (the orgs that may sign it off) also sees its support units' work, since it
// answers for the whole measure.

import { canWriteOrg, inScope, orgScope, scopeIds } from "../../services/access/index.ts";
import {
  getMeasure,
  measureAssignments,
  measureOrgIds,
  measureSignOff,
  reviewedSubOrgIds,
  sourceExcerpt,
} from "../../services/plans/measures.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { idParams } from "../tracking/schemas.ts";
import { measureDetailSchema, presentMeasure } from "./schemas.ts";

const SIGNERS = new Set(["admin", "plan_office", "reporter"]);

const show = defineRoute({
  method: "GET",
  url: "/api/measures/:id",
  summary: "One measure: parsed fields, original text, sign-off state, assignments with their reports",
  description:
    "404 unless the caller's scope holds one of its assignments or the plan's owner. Assignments listed: those in the caller's scope; " +
    "all of them for the lead unit (the unit that may sign the measure off); and the sub-assignments whose parent the caller's scope holds (it reviews them).",
  tags: ["tracking"],
  auth: "user",
  params: idParams,
  response: measureDetailSchema,
  handler: async ({ params, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const holders = await measureOrgIds(deps.db, params.id);
    const measure = holders.some((id) => inScope(scope, id)) ? await getMeasure(deps.db, params.id) : undefined;
    const state = measure && (await measureSignOff(deps.db, params.id, user.orgId));
    if (!measure || !state) throw notFound("No such measure.");
    const leads = state.signOffOrgIds.includes(user.orgId);
    // Besides its scope's, the sub-assignments it reviews as the unit holding their parent (its counties').
    const own = leads ? undefined : scopeIds(scope);
    const reviews = user.role === "reporter" || user.role === "plan_office";
    const listed = own && reviews ? [...new Set([...own, ...(await reviewedSubOrgIds(deps.db, params.id, own))])] : own;
    const assignments = await measureAssignments(deps.db, params.id, deps.today(), listed);
    const active = measure.plan.status === "active";
    const office = user.role === "admin" || user.role === "plan_office";
    const can = {
      signOff: leads && SIGNERS.has(user.role) && active,
      // The issuing office's business, as its plan settings are (plans/access.ts ownPlan).
      close: office && active && inScope(scope, measure.plan.orgId),
      // A notice goes to a unit of the caller's subtree holding the measure (POST /api/notices checks each).
      supervise: office && active && (await anyWritable(deps, user, holders)),
    };
    return presentMeasure(measure, await sourceExcerpt(deps.db, measure), state, can, assignments);
  },
});

async function anyWritable(deps: AppDeps, user: SessionUser, orgIds: number[]): Promise<boolean> {
  for (const id of new Set(orgIds)) if (await canWriteOrg(deps.db, user, id)) return true;
  return false;
}

export const measureRoutes: Route[] = [show];
