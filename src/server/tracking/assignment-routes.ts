// Assignments as each user may see them: reporters their own org's, viewers and plan offices their subtree.
import { z } from "zod";
import { periodOf } from "../../domain/periods.ts";
import { inScope, orgScope, scopeIds, scopeUnder } from "../../services/access/index.ts";
import { ASSIGNMENT_SORTS, getAssignment, listAssignments } from "../../services/assignments/assignments.ts";
import { subtreeRollUp } from "../../services/decompose/rollup.ts";
import { listReports } from "../../services/tracking/reports.ts";
import { notFound } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { assignmentAccess } from "./access.ts";
import {
  assignmentDetailSchema,
  assignmentSchema,
  assignmentStatusSchema,
  idParams,
  idSchema,
  isoDateSchema,
  pageQuery,
  presentAssignment,
  presentReport,
} from "./schemas.ts";

const listQuery = z.object({
  plan: idSchema.optional(),
  org: idSchema.optional().describe("Exactly this org's assignments"),
  under: idSchema.optional().describe("This org's and its descendants' assignments"),
  section: z.string().max(50).optional().describe('A plan section, e.g. "一"; empty for tasks outside any section'),
  status: z
    .string()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(assignmentStatusSchema))
    .optional()
    .describe("One status or several separated by commas, e.g. overdue,due_soon"),
  dueFrom: isoDateSchema.optional(),
  dueTo: isoDateSchema.optional(),
  q: z.string().max(200).optional(),
  asOf: isoDateSchema
    .optional()
    .describe("Status as it stood at the end of this day, from the reports and sign-offs made by then"),
  sort: z
    .enum(ASSIGNMENT_SORTS)
    .optional()
    .describe("due, status (worst first), org or plan; a leading - reverses. Default: due date, undated last"),
  ...pageQuery,
  // A whole plan's assignments in one page (the plan view): each page costs a full status computation.
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

const list = defineRoute({
  method: "GET",
  url: "/api/assignments",
  summary: "List assignments with their status",
  description:
    "Status is computed as of today (or asOf). Reporters see their own org's; others their org subtree. " +
    "Every dashboard bucket carries the query of this list that shows its assignments.",
  tags: ["tracking"],
  auth: "user",
  query: listQuery,
  response: z.object({
    items: z.array(assignmentSchema),
    total: z.number().int(),
    totalCapped: z
      .boolean()
      .describe("true when a text search or due-date range matches more than total (10,000): total is a lower bound"),
  }),
  handler: async ({ query, user, deps }) => {
    let scope = await orgScope(deps.db, user);
    if (query.under !== undefined) scope = await scopeUnder(deps.db, scope, query.under);
    let orgIds = scopeIds(scope);
    if (query.org !== undefined) orgIds = inScope(scope, query.org) ? [query.org] : [];
    const page = await listAssignments(
      deps.db,
      {
        ...(orgIds ? { orgIds } : {}),
        ...(query.plan !== undefined ? { planId: query.plan } : {}),
        ...(query.section !== undefined ? { section: query.section } : {}),
        ...(query.asOf ? { asOf: query.asOf } : {}),
        ...(query.status ? { statuses: query.status } : {}),
        ...(query.dueFrom ? { dueFrom: query.dueFrom } : {}),
        ...(query.dueTo ? { dueTo: query.dueTo } : {}),
        ...(query.q ? { q: query.q } : {}),
        ...(query.sort ? { sort: query.sort } : {}),
        limit: query.limit,
        offset: query.offset,
      },
      deps.today(),
    );
    return { items: page.items.map(presentAssignment), total: page.total, totalCapped: page.totalCapped };
  },
});

const show = defineRoute({
  method: "GET",
  url: "/api/assignments/:id",
  summary: "One assignment with its progress reports",
  tags: ["tracking"],
  auth: "user",
  params: idParams,
  response: assignmentDetailSchema,
  handler: async ({ params, user, deps }) => {
    await assignmentAccess(deps, user, params.id, "read");
    const found = await getAssignment(deps.db, params.id, deps.today());
    // Assignments of superseded plan versions are history, not work.
    if (!found) throw notFound("No such assignment.");
    const reports = await listReports(deps.db, params.id);
    const currentPeriod = periodOf(found.cadence, deps.today()).label;
    const subtree = await subtreeRollUp(deps.db, params.id, deps.today());
    return { ...presentAssignment(found.view), subtree, currentPeriod, reports: reports.map(presentReport) };
  },
});

export const assignmentRoutes: Route[] = [list, show];
