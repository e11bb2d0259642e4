// Which plans a user may read: a plan is visible to whoever's scope holds its owner or any org it
// assigns work to. Anything else is 404, as if the plan did not exist.
import type { Kysely } from "kysely";
import { listPlans, type PlanSummary } from "../../services/plans.ts";
import type { Database } from "../../store/schema.ts";
import { type OrgScope, scopeIds } from "../auth/permissions.ts";
import { notFound } from "../problem.ts";

export async function visiblePlan(db: Kysely<Database>, scope: OrgScope, planId: number): Promise<PlanSummary> {
  const ids = scopeIds(scope);
  const [plan] = await listPlans(db, { id: planId, ...(ids ? { orgIds: ids } : {}) });
  if (!plan) throw notFound(`No plan ${planId}.`);
  return plan;
}
