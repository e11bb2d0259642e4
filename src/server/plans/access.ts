// Which plans a user may read: a plan is visible to whoever's scope holds its owner or any org it
// assigns work to. Anything else is 404, as if the plan did not exist.
import type { Kysely } from "kysely";
import { inScope, type OrgScope, scopeIds } from "../../services/access/index.ts";
import { listPlans, type PlanSummary } from "../../services/plans/plans.ts";
import type { Database } from "../../store/schema.ts";
import { forbidden, notFound } from "../problem.ts";

export async function visiblePlan(db: Kysely<Database>, scope: OrgScope, planId: number): Promise<PlanSummary> {
  const ids = scopeIds(scope);
  const [plan] = await listPlans(db, { id: planId, ...(ids ? { orgIds: ids } : {}) });
  if (!plan) throw notFound(`No plan ${planId}.`);
  return plan;
}

/**
 * A plan whose owner lies in the user's scope: its office's business, such as its settings and the
 * assessment that ranks all of its units. A plan the user only sees because it assigns work to the
 * user's orgs is 403 here; one it cannot see at all is 404.
 */
export async function ownPlan(db: Kysely<Database>, scope: OrgScope, planId: number): Promise<PlanSummary> {
  const plan = await visiblePlan(db, scope, planId);
  if (!inScope(scope, plan.orgId))
    throw forbidden(`Plan ${planId} belongs to ${plan.orgName}; only its own offices may do this.`);
  return plan;
}
