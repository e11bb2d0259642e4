// Plans: the list and one plan's outline with its roll-up; importing a plan document (preview first,
// then confirm with unit-name mappings and a reporting cadence).

import type { Kysely } from "kysely";
import { z } from "zod";
import { planRollUp } from "../../services/assignments.ts";
import { importPlan, previewImport } from "../../services/import-plan.ts";
import { getPlanSettings } from "../../services/plan-settings.ts";
import { listPlans, planOutline } from "../../services/plans.ts";
import { writeAudit } from "../../store/audit.ts";
import type { Database } from "../../store/schema.ts";
import { inScope, orgScope, requireRole, scopeIds } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { badRequest, notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { visiblePlan } from "./access.ts";

const id = z.coerce.number().int().positive();
const ORG_KINDS = ["national", "province", "city", "county", "township", "division", "department", "other"] as const;
const today = (now: Date) => now.toISOString().slice(0, 10);

const planSummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  level: z.enum(ORG_KINDS).describe("The issuing office's kind"),
  regionCode: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  periodFrom: z.number().nullable(),
  periodTo: z.number().nullable(),
  version: z.number(),
  status: z.enum(["active", "superseded"]),
  cadence: z.enum(["monthly", "quarterly"]),
  createdAt: z.string(),
});
const rollUpSchema = z.object({
  total: z.number(),
  counts: z.record(z.string(), z.number()),
  completionRate: z.number().nullable(),
  worst: z.string().nullable(),
  colour: z.string(),
});
const weightsSchema = z.object({
  onTime: z.number(),
  timeliness: z.number(),
  overdue: z.number(),
  indicators: z.number(),
});

const deadlineSchema = z.object({ raw: z.string(), due: z.string().nullable(), ongoing: z.boolean() }).nullable();
const sourceSchema = z.record(z.string(), z.union([z.string(), z.number()]));

async function assertCanImport(db: Kysely<Database>, user: SessionUser, orgId: number) {
  const scope = await orgScope(db, user);
  if (!inScope(scope, orgId)) throw notFound(`No org ${orgId}.`);
}

const list = defineRoute({
  method: "GET",
  url: "/api/plans",
  summary: "Plans the user may see",
  tags: ["plans"],
  auth: "user",
  description:
    "Each plan carries its roll-up as the caller may see it: the whole plan for whoever sees its issuing office, " +
    "else only the caller's orgs' share (as GET /api/plans/:id).",
  query: z.object({
    status: z.enum(["active", "superseded"]).optional(),
    year: z.coerce.number().int().optional().describe("Plans whose period includes this year"),
    q: z.string().max(100).optional(),
    level: z.enum(ORG_KINDS).optional().describe("The issuing office's kind, e.g. province"),
    region: z
      .string()
      .regex(/^\d{6}$/, "must be a six-digit region code such as 370900")
      .optional()
      .describe("Plans issued in this region or inside it (370000 includes 370900)"),
  }),
  response: z.object({ items: z.array(planSummary.extend({ rollUp: rollUpSchema })) }),
  handler: async ({ query, user, deps }) => {
    const ids = scopeIds(await orgScope(deps.db, user));
    const plans = await listPlans(deps.db, {
      ...(ids ? { orgIds: ids } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.year !== undefined ? { year: query.year } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(query.level ? { level: query.level } : {}),
      ...(query.region ? { region: query.region } : {}),
    });
    const items = [];
    for (const plan of plans) {
      const restrict = ids && !ids.includes(plan.orgId) ? ids : undefined;
      items.push({ ...plan, rollUp: (await planRollUp(deps.db, plan.id, today(deps.now()), restrict)).plan });
    }
    return { items };
  },
});

const show = defineRoute({
  method: "GET",
  url: "/api/plans/:id",
  summary: "One plan: tasks, measures with their source locations, indicators and roll-up",
  tags: ["plans"],
  auth: "user",
  params: z.object({ id }),
  response: planSummary.extend({
    dueSoonDays: z.number().int().describe("Days before a due date that work counts as due soon"),
    weights: weightsSchema.describe("Assessment weights"),
    rowVersion: z.number().int().describe("Send back with PATCH /api/plans/:id/settings"),
    tasks: z.array(
      z.object({
        id: z.number(),
        key: z.string(),
        section: z.string(),
        title: z.string(),
        source: sourceSchema,
        measures: z.array(
          z.object({
            id: z.number(),
            text: z.string(),
            scope: z.string().nullable(),
            statedUnits: z.string(),
            deadline: deadlineSchema,
            status: z.enum(["open", "done"]),
            source: sourceSchema,
            rowVersion: z.number(),
          }),
        ),
      }),
    ),
    indicators: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        op: z.string(),
        target: z.number(),
        targetHigh: z.number().nullable(),
        unit: z.string(),
        by: z.string().nullable(),
      }),
    ),
    rollUp: z.object({
      plan: rollUpSchema,
      sections: z.record(z.string(), rollUpSchema),
      tasks: z.record(z.string(), rollUpSchema),
      orgs: z.record(z.string(), rollUpSchema),
    }),
  }),
  handler: async ({ params, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const plan = await visiblePlan(deps.db, scope, params.id);
    const outline = await planOutline(deps.db, plan.id);
    const ids = scopeIds(scope);
    // Whoever sees the plan but not its owner sees the roll-up of their own orgs' work only.
    const restrict = ids && !ids.includes(plan.orgId) ? ids : undefined;
    const rollUp = await planRollUp(deps.db, plan.id, today(deps.now()), restrict);
    const settings = await getPlanSettings(deps.db, plan.id);
    if (!settings) throw notFound(`No plan ${plan.id}.`);
    const { dueSoonDays, weights, rowVersion } = settings;
    return { ...plan, ...outline, dueSoonDays, weights, rowVersion, rollUp };
  },
});

const importBody = z.object({
  fileName: z.string().min(1).max(255),
  contentBase64: z.string().min(1).describe("The plan document's bytes, base64"),
  orgId: id.describe("The plan office importing the plan"),
  cadence: z.enum(["monthly", "quarterly"]).default("quarterly"),
  year: z.number().int().min(1949).max(2100).optional(),
  mappings: z.record(z.string(), z.number().int().positive()).default({}).describe("Printed unit name → org id"),
});

const unresolvedSchema = z.array(
  z.object({ name: z.string(), role: z.string(), reason: z.string(), measures: z.number() }),
);

const preview = defineRoute({
  method: "POST",
  url: "/api/plans/preview",
  summary: "Parse a plan document and resolve its units without saving anything",
  tags: ["plans"],
  auth: requireRole("admin", "plan_office"),
  body: importBody,
  response: z.object({
    title: z.string(),
    docNumber: z.string().nullable(),
    period: z.object({ from: z.number(), to: z.number() }).nullable(),
    tasks: z.number(),
    measures: z.number(),
    unresolved: unresolvedSchema,
    warnings: z.array(z.object({ message: z.string(), text: z.string(), source: sourceSchema })),
    plan: z.unknown().describe("The full ParsedPlan"),
  }),
  handler: async ({ body, user, deps }) => {
    await assertCanImport(deps.db, user, body.orgId);
    const bytes = decode(body.contentBase64);
    const { plan, unresolved } = await previewImport(deps.store, { ...request(body, bytes), userId: user.id });
    return {
      title: plan.title,
      docNumber: plan.docNumber,
      period: plan.period,
      tasks: plan.tasks.length,
      measures: plan.tasks.reduce((n, t) => n + t.measures.length, 0),
      unresolved,
      warnings: plan.warnings,
      plan,
    };
  },
});

const create = defineRoute({
  method: "POST",
  url: "/api/plans/import",
  summary: "Import a plan document: plan, tasks, measures, assignments, due dates and indicators in one transaction",
  tags: ["plans"],
  auth: requireRole("admin", "plan_office"),
  body: importBody,
  status: 201,
  response: z.object({
    planId: z.number(),
    version: z.number(),
    title: z.string(),
    counts: z.object({ tasks: z.number(), measures: z.number(), assignments: z.number(), indicators: z.number() }),
    unresolved: unresolvedSchema,
    changes: z
      .object({
        previousPlanId: z.number(),
        unchanged: z.number(),
        changed: z.number(),
        added: z.number(),
        removed: z.number(),
        carriedReports: z.number(),
      })
      .nullable(),
  }),
  handler: async ({ body, user, deps }) => {
    await assertCanImport(deps.db, user, body.orgId);
    for (const orgId of Object.values(body.mappings))
      await assertCanImport(deps.db, user, orgId).catch(() => {
        throw badRequest(`body.mappings: org ${orgId} is not yours to assign to`, [
          { path: "body.mappings", message: `org ${orgId} is outside your orgs` },
        ]);
      });
    const bytes = decode(body.contentBase64);
    const result = await importPlan(deps.store, { ...request(body, bytes), userId: user.id });
    await deps.db.transaction().execute((tx) =>
      writeAudit(tx, {
        userId: user.id,
        action: "plan.import",
        entity: "plan",
        entityId: result.planId,
        after: { title: result.title, version: result.version, counts: result.counts },
        at: deps.now(),
      }),
    );
    return result;
  },
});

function decode(base64: string): Buffer {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length === 0)
    throw badRequest("body.contentBase64: the file is empty or not base64", [
      { path: "body.contentBase64", message: "empty or not base64" },
    ]);
  return bytes;
}

function request(body: z.output<typeof importBody>, bytes: Buffer) {
  return {
    bytes,
    fileName: body.fileName,
    orgId: body.orgId,
    cadence: body.cadence,
    mappings: body.mappings,
    ...(body.year !== undefined ? { year: body.year } : {}),
  };
}

export const planRoutes: Route[] = [list, show, preview, create];
