// Filing progress reports, attaching and downloading evidence, signing measures off.
import { z } from "zod";
import { ensureVisible, inScope, orgScope, requireRole } from "../../services/access/index.ts";
import { getMeasure } from "../../services/plans/measures.ts";
import { addEvidence, MAX_EVIDENCE_BYTES } from "../../services/tracking/evidence.ts";
import { fileReport, NARRATIVE_MAX_LENGTH } from "../../services/tracking/reports.ts";
import { closeMeasure, getMeasureState, reopen, reopenMeasure, signOff } from "../../services/tracking/sign-off.ts";
import { ownPlan } from "../plans/access.ts";
import { badRequest, notFound } from "../problem.ts";
import { defineRoute, fileSchema, type Route, rawBodySchema } from "../route.ts";
import { assignmentAccess, readableEvidence, reportAccess } from "./access.ts";
import {
  idParams,
  measureStateSchema,
  presentEvidence,
  presentMeasureState,
  presentReport,
  reportSchema,
  reportStatusSchema,
  uploadedEvidenceSchema,
  versionSchema,
} from "./schemas.ts";

const writers = requireRole("admin", "plan_office", "reporter");

const reportBody = z.object({
  period: z.string().describe("A reporting period: 2025-Q1 or 2025-03."),
  status: reportStatusSchema,
  narrative: z.string().max(NARRATIVE_MAX_LENGTH).default(""),
  percent: z.number().int().min(0).max(100).nullable().optional(),
  expectedVersion: versionSchema.optional().describe("Required when the period's report exists already."),
});

const file = defineRoute({
  method: "POST",
  url: "/api/assignments/:id/reports",
  summary: "File (or update) the progress report of an assignment for a period",
  description: "Updating an existing report needs its current version; a stale one gets 409.",
  tags: ["tracking"],
  auth: writers,
  params: idParams,
  body: reportBody,
  response: reportSchema,
  handler: async ({ params, body, user, deps }) => {
    await assignmentAccess(deps, user, params.id, "write");
    const report = await fileReport(deps.db, {
      assignmentId: params.id,
      period: body.period,
      status: body.status,
      narrative: body.narrative,
      percent: body.percent,
      userId: user.id,
      expectedVersion: body.expectedVersion,
      at: deps.now(),
      timeZone: deps.config.timeZone,
    });
    return presentReport(report);
  },
});

const upload = defineRoute({
  method: "POST",
  url: "/api/reports/:id/evidence",
  summary: "Attach an evidence file to a report",
  description:
    "The request body is the file itself, with its Content-Type; the file name goes in ?name=. " +
    `Allowed: pdf docx xlsx doc xls jpg png zip txt, at most ${MAX_EVIDENCE_BYTES / 1048576} MB.`,
  tags: ["tracking"],
  auth: writers,
  params: idParams,
  query: z.object({ name: z.string().min(1).max(255).describe("The file name, e.g. 会议纪要.pdf") }),
  body: rawBodySchema,
  // A little above the limit, so that slightly larger files get the service's clear message.
  rawBody: { maxBytes: MAX_EVIDENCE_BYTES + 64 * 1024 },
  response: uploadedEvidenceSchema,
  status: 201,
  handler: async ({ params, query, body, user, deps, request }) => {
    await reportAccess(deps, user, params.id, "write");
    const mimeType = request.headers["content-type"];
    if (!mimeType) throw badRequest("Send the file's Content-Type header.");
    const evidence = await addEvidence(deps.db, {
      reportId: params.id,
      fileName: query.name,
      mimeType,
      bytes: body,
      userId: user.id,
      at: deps.now(),
    });
    return presentEvidence(evidence);
  },
});

const download = defineRoute({
  method: "GET",
  url: "/api/evidence/:id",
  summary: "Download an evidence file",
  tags: ["tracking"],
  auth: "user",
  params: idParams,
  response: fileSchema,
  produces: "application/octet-stream",
  handler: async ({ params, user, deps, reply }) => {
    const evidence = await readableEvidence(deps, user, params.id);
    // Lets a client verify the bytes it got against the digest taken at upload.
    reply.header("x-content-sha256", evidence.sha256);
    return { contentType: evidence.mimeType, fileName: evidence.fileName, bytes: evidence.bytes };
  },
});

function measureStatusRoute(action: "sign-off" | "reopen"): Route {
  return defineRoute({
    method: "POST",
    url: `/api/measures/:id/${action}`,
    summary:
      action === "sign-off"
        ? "Sign off the caller's unit's share of a measure as done"
        : "Reopen the caller's unit's signed-off share of a measure",
    description:
      "Only users of a lead unit (or, without a lead, of a responsible unit) may do this, and it changes their " +
      "own unit's assignment: a lead's sign-off also signs off the other units once every lead has signed off " +
      "(a lead's reopening reopens them). The measure is done when every assignment is signed off. Signing off " +
      "a share that is already signed off changes nothing.",
    tags: ["tracking"],
    auth: writers,
    params: idParams,
    body: z.object({ expectedVersion: versionSchema }),
    response: measureStateSchema,
    handler: async ({ params, body, user, deps }) => {
      const scope = await orgScope(deps.db, user);
      const measure = await getMeasureState(deps.db, params.id);
      // Visible when any of its assignments is; ensureVisible wants one org, so pick one in scope.
      const visibleOrg = measure?.orgIds.find((id) => scope.all || scope.ids.has(id));
      ensureVisible(scope, visibleOrg === undefined ? undefined : { orgId: visibleOrg }, "measure");
      const input = {
        measureId: params.id,
        userId: user.id,
        expectedVersion: body.expectedVersion,
        at: deps.now(),
        timeZone: deps.config.timeZone,
      };
      return presentMeasureState(await (action === "sign-off" ? signOff(deps.db, input) : reopen(deps.db, input)));
    },
  });
}

function wholeMeasureRoute(action: "close" | "reopen-all"): Route {
  return defineRoute({
    method: "POST",
    url: `/api/measures/:id/${action}`,
    summary: action === "close" ? "Close a whole measure (the issuing plan office)" : "Reopen a whole measure",
    description:
      "For the plan office that issued the plan (or an office above it) and admins. Closing signs off every " +
      "assignment not yet signed off, in the caller's name; reopening reopens every assignment. Audited.",
    tags: ["tracking"],
    auth: requireRole("admin", "plan_office"),
    params: idParams,
    body: z.object({
      expectedVersion: versionSchema,
      note: z
        .string()
        .max(2000)
        .optional()
        .describe("Closing: why (e.g. closing unfinished 未办结 work); kept on each assignment and in the audit log"),
    }),
    response: measureStateSchema,
    handler: async ({ params, body, user, deps }) => {
      const scope = await orgScope(deps.db, user);
      const state = await getMeasureState(deps.db, params.id);
      const measure = state?.orgIds.some((id) => inScope(scope, id)) ? await getMeasure(deps.db, params.id) : undefined;
      if (!measure) throw notFound("No such measure.");
      await ownPlan(deps.db, scope, measure.planId);
      const input = {
        measureId: params.id,
        userId: user.id,
        expectedVersion: body.expectedVersion,
        at: deps.now(),
        timeZone: deps.config.timeZone,
      };
      return presentMeasureState(
        await (action === "close"
          ? closeMeasure(deps.db, { ...input, note: body.note?.trim() || undefined })
          : reopenMeasure(deps.db, input)),
      );
    },
  });
}

export const reportRoutes: Route[] = [
  file,
  upload,
  download,
  measureStatusRoute("sign-off"),
  measureStatusRoute("reopen"),
  wholeMeasureRoute("close"),
  wholeMeasureRoute("reopen-all"),
];
