// Supervision notices and the in-app inbox.
import { z } from "zod";
import {
  canWriteOrg,
  ensureVisible,
  inScope,
  orgScope,
  requireRole,
  scopeIds,
  scopeUnder,
} from "../../services/access/index.ts";
import { addEvidence, MAX_EVIDENCE_BYTES } from "../../services/tracking/evidence.ts";
import {
  escalateNotice,
  getNotice,
  issueNotice,
  listNotices,
  NOTICE_MAX_ITEMS,
  respondNotice,
} from "../../services/tracking/notices.ts";
import { listNotifications, markAllRead, markRead } from "../../services/tracking/notifications.ts";
import { badRequest, forbidden, notFound } from "../problem.ts";
import { defineRoute, type Route, rawBodySchema } from "../route.ts";
import {
  idParams,
  idSchema,
  isoDateSchema,
  noticeSchema,
  notificationSchema,
  pageQuery,
  presentEvidence,
  presentNotice,
  presentNotification,
  uploadedEvidenceSchema,
  versionSchema,
} from "./schemas.ts";

const booleanQuery = z
  .enum(["true", "false"])
  .transform((v) => v === "true")
  .optional();

const list = defineRoute({
  method: "GET",
  url: "/api/notices",
  summary: "List supervision notices",
  tags: ["supervision"],
  auth: "user",
  query: z.object({
    open: booleanQuery.describe("true: unanswered only; false: answered only"),
    escalated: booleanQuery.describe("true: escalated to the parent org only; false: not escalated only"),
    plan: idSchema.optional().describe("Only notices about this plan's measures"),
    measure: idSchema.optional().describe("Only notices that list this measure"),
    org: idSchema.optional().describe("Only notices to exactly this org"),
    under: idSchema.optional().describe("Only notices to this org or its descendants"),
    ...pageQuery,
  }),
  response: z.object({ items: z.array(noticeSchema), total: z.number().int() }),
  handler: async ({ query, user, deps }) => {
    let scope = await orgScope(deps.db, user);
    if (query.under !== undefined) scope = await scopeUnder(deps.db, scope, query.under);
    let orgIds = scopeIds(scope);
    if (query.org !== undefined) orgIds = inScope(scope, query.org) ? [query.org] : [];
    const page = await listNotices(deps.db, {
      orgIds,
      open: query.open,
      escalated: query.escalated,
      planId: query.plan,
      measureId: query.measure,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: page.items.map(presentNotice), total: page.total };
  },
});

const show = defineRoute({
  method: "GET",
  url: "/api/notices/:id",
  summary: "One supervision notice",
  description: "Visible to whoever's org scope holds the notified unit (the unit, its parents, the plan office).",
  tags: ["supervision"],
  auth: "user",
  params: idParams,
  response: noticeSchema,
  handler: async ({ params, user, deps }) =>
    presentNotice(ensureVisible(await orgScope(deps.db, user), await getNotice(deps.db, params.id), "notice")),
});

const issue = defineRoute({
  method: "POST",
  url: "/api/notices",
  summary: "Issue a supervision notice (督办单) to a unit about one or more of its measures",
  description:
    "Name the measures in measureIds (one notice listing several items of the unit, e.g. all its overdue work) " +
    "or one in measureId; the unit must hold each. The unit gets an in-app notification and answers once for " +
    "all of them; unanswered after respondBy, the notice escalates.",
  tags: ["supervision"],
  auth: requireRole("admin", "plan_office"),
  body: z
    .object({
      measureId: idSchema.optional().describe("One measure (or use measureIds)"),
      measureIds: z
        .array(idSchema)
        .min(1, "name at least one measure")
        .max(NOTICE_MAX_ITEMS, `a notice lists at most ${NOTICE_MAX_ITEMS} measures`)
        .optional()
        .describe("The measures the notice covers, in the order to list them"),
      orgId: idSchema,
      message: z.string().min(1).max(5000),
      respondBy: isoDateSchema,
    })
    .refine((b) => (b.measureId === undefined) !== (b.measureIds === undefined), {
      message: "give measureId or measureIds (not both)",
      path: ["measureIds"],
    }),
  response: noticeSchema,
  status: 201,
  handler: async ({ body, user, deps }) => {
    // A unit outside the caller's orgs is a foreign id: 404, as if it did not exist.
    if (!inScope(await orgScope(deps.db, user), body.orgId)) throw notFound(`No org ${body.orgId}.`);
    if (!(await canWriteOrg(deps.db, user, body.orgId)))
      throw forbidden("You can issue notices only to units in your own org subtree.");
    const { measureId, measureIds, ...rest } = body;
    const notice = await issueNotice(deps.db, {
      ...rest,
      measureIds: measureIds ?? [measureId as number],
      orgIdField: measureIds === undefined,
      userId: user.id,
      at: deps.now(),
    });
    return presentNotice(notice);
  },
});

const respond = defineRoute({
  method: "POST",
  url: "/api/notices/:id/response",
  summary: "Answer a supervision notice",
  tags: ["supervision"],
  auth: requireRole("admin", "plan_office", "reporter"),
  params: idParams,
  body: z.object({ response: z.string().min(1).max(5000), expectedVersion: versionSchema }),
  response: noticeSchema,
  handler: async ({ params, body, user, deps }) => {
    const notice = ensureVisible(await orgScope(deps.db, user), await getNotice(deps.db, params.id), "notice");
    // The answer is the unit's own account of itself: the office chasing it (or an admin) may read the
    // notice but not answer in the unit's name, or escalation would mean nothing.
    if (user.orgId !== notice.orgId) throw forbidden("Only the notified unit may answer.");
    const answered = await respondNotice(deps.db, {
      noticeId: params.id,
      response: body.response,
      expectedVersion: body.expectedVersion,
      userId: user.id,
      at: deps.now(),
    });
    return presentNotice(answered);
  },
});

const escalate = defineRoute({
  method: "POST",
  url: "/api/notices/:id/escalate",
  summary: "Escalate an unanswered supervision notice now",
  description:
    "For the office chasing the unit (a plan office over it) and admins: marks the notice escalated and " +
    "notifies the unit's parent org, as the daily run does for a notice past its date. Audited. An answered " +
    "or already escalated notice gets 409.",
  tags: ["supervision"],
  auth: requireRole("admin", "plan_office"),
  params: idParams,
  body: z.object({ expectedVersion: versionSchema }),
  response: noticeSchema,
  handler: async ({ params, body, user, deps }) => {
    const notice = ensureVisible(await orgScope(deps.db, user), await getNotice(deps.db, params.id), "notice");
    if (!(await canWriteOrg(deps.db, user, notice.orgId)))
      throw forbidden("Only an office over the notified unit may escalate its notice.");
    const escalated = await escalateNotice(deps.db, {
      noticeId: params.id,
      userId: user.id,
      expectedVersion: body.expectedVersion,
      at: deps.now(),
    });
    return presentNotice(escalated);
  },
});

const attach = defineRoute({
  method: "POST",
  url: "/api/notices/:id/evidence",
  summary: "Attach an evidence file to the answer of a supervision notice",
  description:
    "For the notified unit, as for a progress report's evidence: the request body is the file itself with its " +
    `Content-Type, the file name in ?name=. Allowed: pdf docx xlsx doc xls jpg png zip txt, at most ${MAX_EVIDENCE_BYTES / 1048576} MB. ` +
    "Download with GET /api/evidence/:id.",
  tags: ["supervision"],
  auth: requireRole("admin", "plan_office", "reporter"),
  params: idParams,
  query: z.object({ name: z.string().min(1).max(255).describe("The file name, e.g. 整改报告.pdf") }),
  body: rawBodySchema,
  rawBody: { maxBytes: MAX_EVIDENCE_BYTES + 64 * 1024 },
  response: uploadedEvidenceSchema,
  status: 201,
  handler: async ({ params, query, body, user, deps, request }) => {
    const notice = ensureVisible(await orgScope(deps.db, user), await getNotice(deps.db, params.id), "notice");
    if (user.orgId !== notice.orgId) throw forbidden("Only the notified unit may attach files to its answer.");
    const mimeType = request.headers["content-type"];
    if (!mimeType) throw badRequest("Send the file's Content-Type header.");
    const evidence = await addEvidence(deps.db, {
      noticeId: params.id,
      fileName: query.name,
      mimeType,
      bytes: body,
      userId: user.id,
      at: deps.now(),
    });
    return presentEvidence(evidence);
  },
});

const inbox = defineRoute({
  method: "GET",
  url: "/api/notifications",
  summary: "Your unit's in-app notifications, newest first",
  tags: ["supervision"],
  auth: "user",
  query: z.object({ unread: booleanQuery, ...pageQuery }),
  response: z.object({ items: z.array(notificationSchema), total: z.number().int(), unread: z.number().int() }),
  handler: async ({ query, user, deps }) => {
    const page = await listNotifications(deps.db, { orgId: user.orgId, ...query });
    return { ...page, items: page.items.map(presentNotification) };
  },
});

const read = defineRoute({
  method: "POST",
  url: "/api/notifications/:id/read",
  summary: "Mark a notification read (for the whole unit)",
  tags: ["supervision"],
  auth: "user",
  params: idParams,
  handler: async ({ params, user, deps }) => {
    if (!(await markRead(deps.db, { id: params.id, orgId: user.orgId, at: deps.now() })))
      throw notFound("No such notification.");
    return undefined;
  },
});

const readAll = defineRoute({
  method: "POST",
  url: "/api/notifications/read-all",
  summary: "Mark all of your unit's notifications read",
  tags: ["supervision"],
  auth: "user",
  response: z.object({ marked: z.number().int().describe("How many were unread until now.") }),
  handler: async ({ user, deps }) => ({ marked: await markAllRead(deps.db, { orgId: user.orgId, at: deps.now() }) }),
});

export const noticeRoutes: Route[] = [list, show, issue, respond, escalate, attach, inbox, read, readAll];
