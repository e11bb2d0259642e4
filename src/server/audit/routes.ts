// The audit trail, newest first. Plan offices see what users of their org subtree did.
import { z } from "zod";
import { listAudit } from "../../store/audit.ts";
import { orgScope, requireRole, scopeIds } from "../auth/permissions.ts";
import { defineRoute, type Route } from "../route.ts";
import { idSchema, timestampSchema } from "../users/schemas.ts";

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

const list = defineRoute({
  method: "GET",
  url: "/api/audit",
  summary: "Audit trail",
  description: "Keyset-paginated: pass nextCursor back as `before` for the next page.",
  tags: ["audit"],
  auth: requireRole("admin", "plan_office"),
  query: z.object({
    entity: z.string().max(64).optional(),
    entityId: z.string().max(64).optional(),
    userId: idSchema.optional(),
    before: idSchema.optional().describe("Cursor: only entries older than this id"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  }),
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
