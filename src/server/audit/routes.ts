// The audit trail, newest first. Plan offices see what users of their org subtree did.
import { z } from "zod";
import { orgScope, requireRole, scopeIds } from "../../services/access/index.ts";
import { listAudit } from "../../store/audit.ts";
import { defineRoute, type Route } from "../route.ts";
import { idSchema, timestampSchema } from "../schemas.ts";

const entrySchema = z.object({
  id: z.number().int(),
  at: timestampSchema,
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().describe("The entity before the change (JSON), or null"),
  after: z.unknown().describe("The entity after the change (JSON), or null"),
});

// Instants rather than days: the reader's time zone decides where a day starts, so the client sends the bounds.
const instantSchema = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2025-03-01T00:00:00+08:00" })
  .transform((s) => new Date(s));

const list = defineRoute({
  method: "GET",
  url: "/api/audit",
  summary: "Audit trail",
  description: "Keyset-paginated: pass nextCursor back as `before` for the next page.",
  tags: ["audit"],
  auth: requireRole("admin", "plan_office"),
  query: z
    .object({
      entity: z.string().max(64).optional(),
      entityId: z.string().max(64).optional(),
      userId: idSchema.optional(),
      from: instantSchema.optional().describe("Only entries at or after this instant"),
      to: instantSchema
        .optional()
        .describe("Only entries before this instant (exclusive): a day range is [day, next day)"),
      before: idSchema.optional().describe("Cursor: only entries older than this id"),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    })
    .refine((q) => !q.from || !q.to || q.from < q.to, { message: "must be later than from", path: ["to"] }),
  response: z.object({ items: z.array(entrySchema), nextCursor: z.number().int().nullable() }),
  handler: async ({ query, user, deps }) => {
    const scope = await orgScope(deps.db, user);
    const page = await listAudit(deps.db, { ...query, actorOrgIds: scopeIds(scope) });
    return {
      items: page.items.map((e) => ({
        ...e,
        at: e.at.toISOString(),
        before: e.before ?? null,
        after: e.after ?? null,
      })),
      nextCursor: page.nextCursor,
    };
  },
});

export const auditRoutes: Route[] = [list];
