// Trace and coverage across levels. A caller sees the part of the cascade that lies in plans it may read:
// a reporter the chain of its own work, a viewer and an office their subtree's plans and those assigning
// work to it.

import type { Kysely } from "kysely";
import { z } from "zod";
import { type OrgScope, orgScope, scopeIds } from "../../services/access/index.ts";
import { coverageFile } from "../../services/exports/files.ts";
import { planCoverage, traceTask } from "../../services/links/trace.ts";
import { listPlans } from "../../services/plans/plans.ts";
import type { Database } from "../../store/schema.ts";
import { visiblePlan } from "../plans/access.ts";
import { rollUpSchema } from "../plans/schemas.ts";
import { notFound } from "../problem.ts";
import { defineRoute, fileSchema, type Route } from "../route.ts";
import { idParams } from "../tracking/schemas.ts";

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
  onTrack: z.number().describe("Implementing tasks with nothing overdue, unfinished or missing a report"),
  overdue: z.number().describe("Implementing tasks with an assignment overdue, or unfinished when its plan ended"),
});
const linkKind = z.enum(["primary", "related"]);
const regionName = z.string().nullable().describe("The region's place name (泰安市); null when the directory has none");
const traceRegionSchema = z.object({
  regionCode: z.string(),
  regionName,
  implementingTasks: z.number(),
  onTrack: z.number(),
  overdue: z.number(),
});

const trace = defineRoute({
  method: "GET",
  url: "/api/tasks/:id/trace",
  summary:
    "A task's place in the cascade: the chain of upper tasks it implements, and every lower task implementing it",
  description:
    "Up: confirmed primary links to the top. Down: confirmed links, recursively, each lower task with its plan, " +
    "issuing office, region, units, status roll-up and latest report; counts over the whole down tree, and the " +
    "regions expected to implement it that have not.",
  tags: ["links"],
  auth: "user",
  params: idParams,
  response: z.object({
    task: traceTaskSchema,
    status: rollUpSchema.nullable(),
    up: z
      .array(
        traceTaskSchema.extend({
          readable: z.boolean().describe("Whether you may open the task's plan; else only its name is shown"),
        }),
      )
      .describe("The upper tasks it serves, nearest first, to the top (whole even where you may not read the plan)"),
    down: z.array(
      traceTaskSchema.extend({
        upperTaskId: z.number(),
        depth: z.number(),
        kind: linkKind,
        status: rollUpSchema.nullable(),
        regionName,
        units: z.array(
          z.object({ orgId: z.number(), orgName: z.string(), role: z.enum(["lead", "support", "owner"]) }),
        ),
        latestReport: z
          .object({
            period: z.string(),
            status: z.enum(["not_started", "in_progress", "done", "blocked"]),
            percent: z.number().nullable(),
            narrative: z.string(),
            reportedAt: z.string(),
            orgName: z.string(),
          })
          .nullable()
          .describe("The most recent progress report on any of the task's measures"),
        measures: z.array(z.object({ id: z.number(), text: z.string() })).describe("In document order"),
      }),
    ),
    regions: z.array(traceRegionSchema).describe("The down tree's regions, in region-code order"),
    missing: z
      .array(
        z.object({
          regionCode: z.string(),
          regionName,
          orgId: z.number(),
          orgName: z.string(),
          reason: z.enum(["handed_down", "lower_plan"]),
        }),
      )
      .describe(
        "Regions expected to implement the task (its measures handed down to their office, or a plan of theirs " +
          "aligned against its plan) with no implementing task",
      ),
    counts: countsSchema.extend({ regionsWithout: z.number() }),
  }),
  handler: async ({ params, user, deps }) => {
    const canSee = await planFilter(deps.db, await orgScope(deps.db, user));
    const result = await traceTask(deps.db, params.id, deps.today(), canSee);
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
    return planCoverage(deps.db, plan.id, deps.today(), await planFilter(deps.db, scope));
  },
});

const coverageXlsx = defineRoute({
  method: "GET",
  url: "/api/plans/:id/coverage.xlsx",
  summary:
    "The coverage of a plan as .xlsx: per task its implementers and their progress, and the tasks nobody picked up",
  description:
    "Three sheets: 任务落实情况 (a row per task, the counts of GET /api/plans/:id/coverage), 下级落实任务 (a row " +
    "per implementing task) and 未落实任务. Only lower plans you may read are counted.",
  tags: ["links", "exports"],
  auth: "user",
  params: idParams,
  response: fileSchema,
  produces: "application/octet-stream",
  handler: async ({ params, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await visiblePlan(deps.db, scope, params.id);
    const today = deps.today();
    const coverage = await planCoverage(deps.db, plan.id, today, await planFilter(deps.db, scope));
    return coverageFile(coverage, { plan, today, now: deps.now() });
  },
});

export const traceRoutes: Route[] = [trace, coverage, coverageXlsx];
