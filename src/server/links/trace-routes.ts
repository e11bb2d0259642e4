// Trace and coverage across levels. A caller sees the part of the cascade that lies in plans it may read:
// a reporter the chain of its own work, a viewer and an office their subtree's plans and those assigning
// work to it.

import type { Kysely } from "kysely";
import { z } from "zod";
import { planCoverage, traceTask } from "../../services/links/trace.ts";
import { listPlans } from "../../services/plans.ts";
import type { Database } from "../../store/schema.ts";
import { type OrgScope, orgScope, scopeIds } from "../auth/permissions.ts";
import { visiblePlan } from "../plans/access.ts";
import { rollUpSchema } from "../plans/schemas.ts";
import { notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { idParams, isoToday } from "../tracking/schemas.ts";

async function planFilter(db: Kysely<Database>, scope: OrgScope): Promise<(planId: number) => boolean> {
  if (scope.all) return () => true;
  const ids = new Set((await listPlans(db, { orgIds: scopeIds(scope) })).map((p) => p.id));
  return (planId) => ids.has(planId);
}

const traceTaskSchema = z.object({
  taskId: z.number(),
  key: z.string(),
  title: z.string(),
  planId: z.number(),
  planTitle: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  regionCode: z.string(),
});
const countsSchema = z.object({
  regions: z.number(),
  implementingTasks: z.number(),
  onTrack: z.number().describe("Implementing tasks with no overdue or missing report"),
  overdue: z.number().describe("Implementing tasks with an overdue assignment"),
});
const linkKind = z.enum(["primary", "related"]);

const trace = defineRoute({
  method: "GET",
  url: "/api/tasks/:id/trace",
  summary:
    "A task's place in the cascade: the chain of upper tasks it implements, and every lower task implementing it",
  description:
    "Up: confirmed primary links to the top. Down: confirmed links, recursively, each lower task with its plan, " +
    "issuing office, region and status roll-up; counts over the whole down tree.",
  tags: ["links"],
  auth: "user",
  params: idParams,
  response: z.object({
    task: traceTaskSchema,
    status: rollUpSchema.nullable(),
    up: z.array(traceTaskSchema),
    down: z.array(
      traceTaskSchema.extend({
        upperTaskId: z.number(),
        depth: z.number(),
        kind: linkKind,
        status: rollUpSchema.nullable(),
      }),
    ),
    counts: countsSchema,
  }),
  handler: async ({ params, user, deps }) => {
    const canSee = await planFilter(deps.db, await orgScope(deps.db, user));
    const plan = await deps.db.selectFrom("tasks").select("plan_id").where("id", "=", params.id).executeTakeFirst();
    if (!plan || !canSee(plan.plan_id)) throw notFound(`No task ${params.id}.`);
    const result = await traceTask(deps.db, params.id, isoToday(deps.now()), canSee);
    if (!result) throw notFound(`No task ${params.id}.`);
    return result;
  },
});

const coverage = defineRoute({
  method: "GET",
  url: "/api/plans/:id/coverage",
  summary: "Which lower plans implement each task of the plan, how far they are, and which tasks nobody picked up",
  tags: ["links"],
  auth: "user",
  params: idParams,
  response: z.object({
    planId: z.number(),
    tasks: z.array(
      z.object({
        taskId: z.number(),
        key: z.string(),
        title: z.string(),
        status: rollUpSchema.nullable().describe("The task's own assignments"),
        implementers: z.array(traceTaskSchema.extend({ kind: linkKind, status: rollUpSchema.nullable() })),
        counts: countsSchema,
      }),
    ),
    uncovered: z.array(z.object({ taskId: z.number(), key: z.string(), title: z.string() })),
    counts: z.object({ tasks: z.number(), covered: z.number(), uncovered: z.number(), lowerPlans: z.number() }),
  }),
  handler: async ({ params, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await visiblePlan(deps.db, scope, params.id);
    return planCoverage(deps.db, plan.id, isoToday(deps.now()), await planFilter(deps.db, scope));
  },
});

export const traceRoutes: Route[] = [trace, coverage];
