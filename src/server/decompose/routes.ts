// Decomposition (二次分解) and consolidation (汇总): one service call per route. The caller must be able to
// write the parent assignment's org (its own writers, or a plan office above it); the service checks that
// every target lies under the holder and the due dates.
import { z } from "zod";
import { inScope, orgScope, requireRole } from "../../services/access/index.ts";
import {
  consolidatedDraft,
  decompose,
  decomposeTargets,
  INSTRUCTION_MAX_LENGTH,
  listSubAssignments,
  MAX_CHILDREN,
  type SubAssignment,
} from "../../services/decompose/decompose.ts";
import { ancestorOrgIds, rollUpBelow, type SubtreeFacts, subtreeFacts } from "../../services/decompose/rollup.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { defineRoute, type Route } from "../route.ts";
import { assignmentAccess } from "../tracking/access.ts";
import { assignmentStatusSchema, idParams, idSchema, isoDateSchema, subtreeSchema } from "../tracking/schemas.ts";
import { timestampSchema } from "../users/schemas.ts";

const writers = requireRole("admin", "plan_office", "reporter");

const subAssignmentSchema = z.object({
  id: z.number().int(),
  parentAssignmentId: z.number().int(),
  measureId: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  role: z.string(),
  dueOn: z.string().nullable(),
  ongoing: z.boolean(),
  instruction: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: timestampSchema,
  latestPeriod: z.string().nullable(),
  latestStatus: z.string().nullable(),
  latestReportedAt: timestampSchema.nullable(),
  latestNarrative: z.string().nullable().describe("Its latest report's narrative"),
  signedOffAt: timestampSchema.nullable(),
  childCount: z.number().int(),
  status: assignmentStatusSchema.nullable().describe("Its own status as of today; null for a superseded plan's"),
  subtree: subtreeSchema.nullable(),
});

const present = (s: SubAssignment, facts: SubtreeFacts) => ({
  ...s,
  status: facts.statuses.get(s.id) ?? null,
  subtree: rollUpBelow(facts, s.id),
  createdAt: s.createdAt.toISOString(),
  latestReportedAt: s.latestReportedAt?.toISOString() ?? null,
  signedOffAt: s.signedOffAt?.toISOString() ?? null,
});

/**
 * Reading a sub-assignment's children: whoever may read the assignment, or the holder of any assignment above
 * it (a city reporter follows its county's own decomposition, though its scope is its own org).
 */
async function readableFromAbove(deps: AppDeps, user: SessionUser, id: number): Promise<void> {
  try {
    await assignmentAccess(deps, user, id, "read");
  } catch (error) {
    const scope = await orgScope(deps.db, user);
    const above = await ancestorOrgIds(deps.db, id);
    if (!above.some((orgId) => inScope(scope, orgId))) throw error;
  }
}

const childrenSchema = z.object({ children: z.array(subAssignmentSchema) });
const listSchema = childrenSchema.extend({ subtree: subtreeSchema.nullable() });

const decomposeRoute = defineRoute({
  method: "POST",
  url: "/api/assignments/:id/decompose",
  summary: "Decompose an assignment to units under its holder (分解)",
  description:
    "Each sub-assignment is an ordinary assignment of the same measure, with its own role, due date (not later " +
    "than the parent's; omitted: the parent's) and instruction. Only the holder (its writers, or a plan office " +
    "above it) may; only to units under it; a unit already holding the measure gets 409.",
  tags: ["tracking"],
  auth: writers,
  params: idParams,
  body: z.object({
    children: z
      .array(
        z.object({
          orgId: idSchema,
          role: z.enum(["lead", "support"]),
          dueOn: isoDateSchema.nullable().optional(),
          instruction: z.string().max(INSTRUCTION_MAX_LENGTH).optional(),
        }),
      )
      .min(1)
      .max(MAX_CHILDREN),
  }),
  response: childrenSchema,
  status: 201,
  handler: async ({ params, body, user, deps }) => {
    await assignmentAccess(deps, user, params.id, "write");
    const children = await decompose(deps.db, {
      assignmentId: params.id,
      userId: user.id,
      children: body.children,
      at: deps.now(),
      timeZone: deps.config.timeZone,
    });
    const facts = await subtreeFacts(deps.db, params.id, deps.today());
    return { children: children.map((c) => present(c, facts)) };
  },
});

const listRoute = defineRoute({
  method: "GET",
  url: "/api/assignments/:id/children",
  summary: "The sub-assignments decomposed from an assignment, with their latest report and status",
  description:
    "Each child with its own status and its own subtree's roll-up; `subtree` rolls up every sub-assignment " +
    "at any depth (at_risk when any is overdue). Readable by whoever may read the assignment, and by the " +
    "holders of the assignments above it.",
  tags: ["tracking"],
  auth: "user",
  params: idParams,
  response: listSchema,
  handler: async ({ params, user, deps }) => {
    await readableFromAbove(deps, user, params.id);
    const facts = await subtreeFacts(deps.db, params.id, deps.today());
    const children = await listSubAssignments(deps.db, params.id);
    return { children: children.map((c) => present(c, facts)), subtree: rollUpBelow(facts, params.id) };
  },
});

const draftRoute = defineRoute({
  method: "GET",
  url: "/api/assignments/:id/consolidated-draft",
  summary: "A consolidated report draft from the sub-assignments' latest reports (汇总)",
  description:
    "Each child's latest narrative (of ?period= when given) quoted with its unit's name. Not stored: edit it " +
    "and file it as the assignment's report (POST /api/assignments/:id/reports).",
  tags: ["tracking"],
  auth: writers,
  params: idParams,
  query: z.object({ period: z.string().max(20).optional() }),
  response: z.object({
    assignmentId: z.number().int(),
    narrative: z.string(),
    sources: z.array(
      z.object({
        assignmentId: z.number().int(),
        orgName: z.string(),
        period: z.string().nullable(),
        status: z.string().nullable(),
      }),
    ),
  }),
  handler: async ({ params, query, user, deps }) => {
    await assignmentAccess(deps, user, params.id, "write");
    return consolidatedDraft(deps.db, params.id, query.period);
  },
});

const targetsRoute = defineRoute({
  method: "GET",
  url: "/api/assignments/:id/decompose-targets",
  summary: "The units an assignment may be decomposed to: every org under its holder",
  description:
    "For the decompose form: the holder's divisions and the units below it, parents before children, each " +
    "saying whether it holds the measure already (such a unit cannot get it again), and the parent's due date.",
  tags: ["tracking"],
  auth: writers,
  params: idParams,
  response: z.object({
    dueOn: z.string().nullable(),
    orgs: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        kind: z.string(),
        parentId: z.number().int().nullable(),
        holds: z.boolean(),
      }),
    ),
  }),
  handler: async ({ params, user, deps }) => {
    await assignmentAccess(deps, user, params.id, "write");
    return decomposeTargets(deps.db, params.id);
  },
});

export const decomposeRoutes: Route[] = [decomposeRoute, listRoute, draftRoute, targetsRoute];
