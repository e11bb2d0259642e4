// Importing a plan document: a preview first (parsed plan, unit names needing review and, for a revised
// file, what would change), then the import with unit-name mappings and a reporting cadence.
import { z } from "zod";
import { inScope, orgScope, requireRole } from "../../services/access/index.ts";
import { importPlan, previewImport } from "../../services/plans/import-plan.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { badRequest, notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import {
  outsideRegionSchema,
  parsedPlanSchema,
  previewAssignmentsSchema,
  previewLinksSchema,
  previewSelectiveSchema,
  printedNamesSchema,
  sourceExcerptsSchema,
} from "./preview-schemas.ts";
import { identicalSchema, importBody, revisionSchema, sourceSchema, unresolvedSchema } from "./schemas.ts";

/** The importing org and every org a mapping names must be in the user's scope. */
async function assertCanImport(deps: AppDeps, user: SessionUser, body: z.output<typeof importBody>) {
  const scope = await orgScope(deps.db, user);
  if (!inScope(scope, body.orgId)) throw notFound(`No org ${body.orgId}.`);
  for (const [name, orgId] of Object.entries(body.mappings))
    if (!inScope(scope, orgId))
      throw badRequest(`body.mappings: org ${orgId} is not yours to assign to`, [
        { path: `body.mappings.${name}`, message: `org ${orgId} is outside your orgs` },
      ]);
}

function decode(base64: string): Buffer {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length === 0)
    throw badRequest("body.contentBase64: the file is empty or not base64", [
      { path: "body.contentBase64", message: "empty or not base64" },
    ]);
  return bytes;
}

function request(body: z.output<typeof importBody>, user: SessionUser) {
  return {
    bytes: decode(body.contentBase64),
    fileName: body.fileName,
    orgId: body.orgId,
    cadence: body.cadence,
    mappings: body.mappings,
    metadata: body.metadata,
    confirmOutsideRegion: body.confirmOutsideRegion,
    scopes: body.scopes,
    userId: user.id,
    ...(body.year !== undefined ? { year: body.year } : {}),
  };
}

const preview = defineRoute({
  method: "POST",
  url: "/api/plans/preview",
  summary: "Parse a plan document and resolve its units without saving anything",
  description:
    "Mappings count as they will at import. For a revised file of a plan already imported (same 文号 or " +
    "title from the same org), `revision` lists the measures added, removed and changed against the " +
    "latest version and how many progress reports would carry over. `names` shows every printed unit " +
    "name with the org(s) it resolved to (full name and region); `outsideRegion` lists the assignments " +
    "outside the importing office's region, which the import refuses (409) unless confirmOutsideRegion.",
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
    warnings: z.array(
      z.object({
        message: z.string(),
        messageZh: z.string().optional().describe("The warning in Chinese"),
        text: z.string(),
        source: sourceSchema,
      }),
    ),
    revision: revisionSchema,
    plan: parsedPlanSchema.describe("The full ParsedPlan"),
    sources: sourceExcerptsSchema,
    assignments: previewAssignmentsSchema,
    names: printedNamesSchema,
    outsideRegion: outsideRegionSchema,
    selective: previewSelectiveSchema,
    links: previewLinksSchema,
  }),
  handler: async ({ body, user, deps }) => {
    await assertCanImport(deps, user, body);
    const { plan, unresolved, revision, sources, names, outsideRegion, assignments, selective, links } =
      await previewImport(deps.store, request(body, user));
    return {
      title: plan.title,
      docNumber: plan.docNumber,
      period: plan.period,
      tasks: plan.tasks.length,
      measures: plan.tasks.reduce((n, t) => n + t.measures.length, 0),
      unresolved,
      warnings: plan.warnings,
      revision,
      plan,
      sources,
      assignments,
      names,
      outsideRegion,
      selective,
      links,
    };
  },
});

const create = defineRoute({
  method: "POST",
  url: "/api/plans/import",
  summary: "Import a plan document: plan, tasks, measures, assignments, due dates and indicators in one transaction",
  description:
    "Refused with 409 (problem `errors` naming each printed name and org) when printed names resolve to " +
    "orgs outside the importing office's region, unless `confirmOutsideRegion` is true.",
  tags: ["plans"],
  auth: requireRole("admin", "plan_office"),
  body: importBody,
  status: 201,
  response: z.object({
    planId: z.number(),
    version: z.number(),
    title: z.string(),
    counts: z.object({
      tasks: z.number(),
      measures: z.number(),
      assignments: z.number(),
      indicators: z.number(),
      selectivePending: z.number().describe("Selective scopes left 待选定 or open for 领办"),
    }),
    unresolved: unresolvedSchema,
    changes: z
      .object({
        previousPlanId: z.number(),
        unchanged: z.number(),
        changed: z.number(),
        added: z.number(),
        removed: z.number(),
        carriedReports: z.number(),
        indicators: z.object({
          unchanged: z.number(),
          changed: z.number(),
          added: z.number(),
          removed: z.number(),
          carriedValues: z.number().describe("Indicator values copied to the new version's indicators"),
        }),
      })
      .nullable(),
    links: z
      .object({ upperPlans: z.number(), tasks: z.number(), suggested: z.number(), abstained: z.number() })
      .nullable()
      .describe(
        "The link suggestions stored right after the import, in their own transaction; null when nothing was " +
          "imported or the suggestions failed (the import stands; run POST /api/plans/{id}/links/suggest)",
      ),
    nothingChanged: identicalSchema
      .nullable()
      .describe("The file changes nothing in the plan's latest version: nothing was created (planId is that version)"),
  }),
  handler: async ({ body, user, deps }) => {
    await assertCanImport(deps, user, body);
    const result = await importPlan(deps.store, {
      ...request(body, user),
      at: deps.now(),
      timeZone: deps.config.timeZone,
    });
    return result;
  },
});

export const importRoutes: Route[] = [preview, create];
