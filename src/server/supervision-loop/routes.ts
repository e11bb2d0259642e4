// The closed loop of supervision (issue 10) over HTTP: 签收 acknowledge, 审核 review of reports, 办结 closure
// approval, 延期 extensions, and the queue of what waits. Each route translates to one service call; the
// services decide who may (supervision-loop/access.ts: the unit itself, or its reviewer).
import { z } from "zod";
import { orgScope, requireRole } from "../../services/access/index.ts";
import { type LoopActor, visibleAssignment } from "../../services/supervision-loop/access.ts";
import { acknowledge } from "../../services/supervision-loop/acknowledge.ts";
import { approveClosure, rejectClosure } from "../../services/supervision-loop/closure.ts";
import { decideExtension, requestExtension, withdrawExtension } from "../../services/supervision-loop/extensions.ts";
import { measureLoop } from "../../services/supervision-loop/measure-loop.ts";
import { loopQueue } from "../../services/supervision-loop/queue.ts";
import {
  ASSIGNMENT_ROLES,
  MAX_UNITS,
  type MeasureUnit,
  measureUnits,
  reassignMeasure,
} from "../../services/supervision-loop/reassign.ts";
import { NOTE_MAX_LENGTH, reviewReport } from "../../services/supervision-loop/review.ts";
import { loopState } from "../../services/supervision-loop/state.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { AppDeps } from "../context.ts";
import { defineRoute, type Route } from "../route.ts";
import {
  idParams,
  idSchema,
  isoDateSchema,
  measureStateSchema,
  presentMeasureState,
  versionSchema,
} from "../tracking/schemas.ts";
import {
  extensionSchema,
  loopStateSchema,
  measureLoopSchema,
  presentExtension,
  presentLoopState,
  presentQueue,
  queueSchema,
  reviewSchema,
} from "./schemas.ts";

const writers = requireRole("admin", "plan_office", "reporter");
const note = z.string().max(NOTE_MAX_LENGTH).optional();

async function actor(deps: AppDeps, user: SessionUser): Promise<LoopActor> {
  return { userId: user.id, orgId: user.orgId, role: user.role, scope: await orgScope(deps.db, user) };
}

const queue = defineRoute({
  method: "GET",
  url: "/api/loop/queue",
  summary: "What waits in the supervision loop for the caller",
  description:
    "Within the caller's scope: assignments not yet acknowledged (签收; `chased` once past the plan's acknowledgeDays), " +
    "reports waiting for review (for reviewers: the plan office of the plan), returned reports (退回), pending extension " +
    "requests (延期) and closure applications (申请办结) or rejected closures. Each item says whether the caller may decide it.",
  tags: ["loop"],
  auth: "user",
  query: z.object({
    plan: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  }),
  response: queueSchema,
  handler: async ({ query, user, deps }) =>
    presentQueue(
      await loopQueue(deps.db, await actor(deps, user), { now: deps.now(), limit: query.limit, planId: query.plan }),
    ),
});

const state = defineRoute({
  method: "GET",
  url: "/api/assignments/:id/loop",
  summary: "An assignment's place in the loop: acknowledgement, closure, extensions, returned reports",
  tags: ["loop"],
  auth: "user",
  params: idParams,
  response: loopStateSchema,
  handler: async ({ params, user, deps }) => {
    await visibleAssignment(deps.db, await actor(deps, user), params.id);
    return presentLoopState(await loopState(deps.db, params.id));
  },
});

const ack = defineRoute({
  method: "POST",
  url: "/api/assignments/:id/acknowledge",
  summary: "Acknowledge (签收) an assignment",
  description:
    "Only the responsible unit itself (its plan office or reporters). Acknowledging twice changes nothing. Audited.",
  tags: ["loop"],
  auth: writers,
  params: idParams,
  body: z.object({}).strict().optional(),
  response: loopStateSchema,
  handler: async ({ params, user, deps }) =>
    presentLoopState(await acknowledge(deps.db, await actor(deps, user), { assignmentId: params.id, at: deps.now() })),
});

const review = defineRoute({
  method: "POST",
  url: "/api/reports/:id/review",
  summary: "Accept a progress report or return it with a reason (审核)",
  description:
    "For the reviewer: the plan office of the plan (or an office above it; for a sub-assignment, the unit above it) and admins. " +
    "A returned report shows as 退回 to the unit until it files that period again; the unit gets a reminder and a " +
    "notification. `note` is required to return. A report filed again since `expectedVersion` is 409. Audited.",
  tags: ["loop"],
  auth: writers,
  params: idParams,
  body: z.object({
    decision: z.enum(["accept", "return"]),
    note,
    expectedVersion: versionSchema.optional(),
  }),
  response: reviewSchema,
  handler: async ({ params, body, user, deps }) => {
    const r = await reviewReport(deps.db, await actor(deps, user), {
      reportId: params.id,
      decision: body.decision,
      note: body.note,
      expectedVersion: body.expectedVersion,
      at: deps.now(),
      timeZone: deps.config.timeZone,
    });
    return { ...r, reviewedAt: r.reviewedAt.toISOString() };
  },
});

const extend = defineRoute({
  method: "POST",
  url: "/api/assignments/:id/extensions",
  summary: "Ask for a later due date (延期申请)",
  description:
    "Only the responsible unit itself. The new date must be after the current one and not in the past; one request " +
    "may wait at a time (409). The reviewer's office gets a reminder and a notification. Audited.",
  tags: ["loop"],
  auth: writers,
  params: idParams,
  body: z.object({ dueOn: isoDateSchema, reason: z.string().max(NOTE_MAX_LENGTH) }),
  response: extensionSchema,
  status: 201,
  handler: async ({ params, body, user, deps }) =>
    presentExtension(
      await requestExtension(deps.db, await actor(deps, user), {
        assignmentId: params.id,
        dueOn: body.dueOn,
        reason: body.reason,
        at: deps.now(),
        timeZone: deps.config.timeZone,
      }),
    ),
});

const decide = defineRoute({
  method: "POST",
  url: "/api/extensions/:id/decide",
  summary: "Approve or reject an extension request",
  description:
    "For the reviewer. Approving moves the assignment's due date (the original is kept and shown as originalDueOn); " +
    "rejecting needs a note. The unit is notified. Audited.",
  tags: ["loop"],
  auth: writers,
  params: idParams,
  body: z.object({ approve: z.boolean(), note, expectedVersion: versionSchema.optional() }),
  response: extensionSchema,
  handler: async ({ params, body, user, deps }) =>
    presentExtension(
      await decideExtension(deps.db, await actor(deps, user), {
        extensionId: params.id,
        approve: body.approve,
        note: body.note,
        expectedVersion: body.expectedVersion,
        at: deps.now(),
        timeZone: deps.config.timeZone,
      }),
    ),
});

const withdraw = defineRoute({
  method: "POST",
  url: "/api/extensions/:id/withdraw",
  summary: "Withdraw a pending extension request (撤回延期申请)",
  description:
    "Only the unit that asked, and only while the request is pending (else 409). The reviewer's reminder and its " +
    "notification are cleared and the reviewer is told. A stale `expectedVersion` is 409. Audited.",
  tags: ["loop"],
  auth: writers,
  params: idParams,
  body: z.object({ expectedVersion: versionSchema.optional() }),
  response: extensionSchema,
  handler: async ({ params, body, user, deps }) =>
    presentExtension(
      await withdrawExtension(deps.db, await actor(deps, user), {
        extensionId: params.id,
        expectedVersion: body.expectedVersion,
        at: deps.now(),
      }),
    ),
});

function closureRoute(action: "approve" | "reject"): Route {
  return defineRoute({
    method: "POST",
    url: `/api/assignments/:id/closure/${action}`,
    summary: action === "approve" ? "Approve a unit's closure application (办结)" : "Reject a closure application",
    description:
      action === "approve"
        ? "For the reviewer. The unit's sign-off (申请办结) becomes a closure: the assignment is done, and the measure once every assignment is. Audited."
        : "For the reviewer, with a reason (`note`). The unit's sign-off is reopened (a lead's with the units that followed it); the unit sees the reason until it applies again. Audited.",
    tags: ["loop"],
    auth: writers,
    params: idParams,
    body: z.object({ note }),
    response: z.object({ assignment: loopStateSchema, measure: measureStateSchema }),
    handler: async ({ params, body, user, deps }) => {
      const input = { assignmentId: params.id, note: body.note, at: deps.now(), timeZone: deps.config.timeZone };
      const who = await actor(deps, user);
      const r = await (action === "approve" ? approveClosure(deps.db, who, input) : rejectClosure(deps.db, who, input));
      return { assignment: presentLoopState(r.assignment), measure: presentMeasureState(r.measure) };
    },
  });
}

const measure = defineRoute({
  method: "GET",
  url: "/api/measures/:id/loop",
  summary: "The loop state of each assignment of a measure the caller may see, with what the caller may do",
  tags: ["loop"],
  auth: "user",
  params: idParams,
  response: measureLoopSchema,
  handler: async ({ params, user, deps }) => ({
    items: (await measureLoop(deps.db, await actor(deps, user), params.id)).map((i) => ({
      ...presentLoopState(i.state),
      can: i.can,
    })),
  }),
});

const unitSchema = z.object({
  assignmentId: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  role: z.enum(ASSIGNMENT_ROLES as ["lead", "support", "owner"]),
  reports: z.number().int().describe("Reports filed on this assignment"),
  subAssignments: z.number().int().describe("Sub-assignments it was decomposed to"),
});
const unitsSchema = z.object({ units: z.array(unitSchema) });
const presentUnits = (units: MeasureUnit[]) => ({ units });

const units = defineRoute({
  method: "GET",
  url: "/api/measures/:id/units",
  summary: "A measure's responsible units (top-level assignments), for changing them",
  description:
    "For admins and the plan office of the plan (or an office above it); others who see the measure get 403.",
  tags: ["loop"],
  auth: requireRole("admin", "plan_office"),
  params: idParams,
  response: unitsSchema,
  handler: async ({ params, user, deps }) =>
    presentUnits(await measureUnits(deps.db, await actor(deps, user), params.id)),
});

const reassign = defineRoute({
  method: "PUT",
  url: "/api/measures/:id/units",
  summary: "Change a measure's responsible units and roles after import (调整责任单位)",
  description:
    "The whole list of top-level units: unchanged ones keep their assignment and progress, a changed role is " +
    "updated in place, a new unit gets a new assignment waiting for 签收, a unit left out is removed. Removing one " +
    "that carries progress (reports, sign-off or closure, extension requests, sub-assignments) is 409 unless " +
    "`confirmRemoval` is true; it then goes with its reports and sub-assignments, a copy of the reports kept in " +
    "the audit entry. For admins and the plan office of the plan. A stale `expectedVersion` is 409. Audited; each " +
    "unit added, removed or changed is notified.",
  tags: ["loop"],
  auth: requireRole("admin", "plan_office"),
  params: idParams,
  body: z.object({
    units: z
      .array(z.object({ orgId: idSchema, role: z.enum(ASSIGNMENT_ROLES as ["lead", "support", "owner"]) }))
      .max(MAX_UNITS),
    confirmRemoval: z.boolean().optional(),
    expectedVersion: versionSchema.optional(),
  }),
  response: unitsSchema.extend({
    measure: measureStateSchema,
    added: z.array(z.object({ assignmentId: z.number().int(), orgId: z.number().int(), role: z.string() })),
    changed: z.array(
      z.object({ assignmentId: z.number().int(), orgId: z.number().int(), from: z.string(), to: z.string() }),
    ),
    removed: z.array(
      z.object({
        assignmentId: z.number().int(),
        orgId: z.number().int(),
        reports: z.number().int(),
        subAssignments: z.number().int(),
      }),
    ),
    kept: z.number().int(),
  }),
  handler: async ({ params, body, user, deps }) => {
    const r = await reassignMeasure(deps.db, await actor(deps, user), {
      measureId: params.id,
      units: body.units,
      confirmRemoval: body.confirmRemoval,
      expectedVersion: body.expectedVersion,
      at: deps.now(),
      timeZone: deps.config.timeZone,
    });
    return { ...r, measure: presentMeasureState(r.measure) };
  },
});

export const loopRoutes: Route[] = [
  units,
  reassign,
  queue,
  state,
  ack,
  review,
  extend,
  decide,
  withdraw,
  closureRoute("approve"),
  closureRoute("reject"),
  measure,
];
