// Who changed what, when. Entries are written by the same transaction as the change they describe, so a
// change that rolls back leaves no entry and no change goes unrecorded.
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

export type AuditInput = {
  userId: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  /** Defaults to the database clock; the server passes its own so tests can pin time. */
  at?: Date;
};

export type AuditEntry = {
  id: number;
  at: Date;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

const toJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

// Typed as Transaction, not Kysely, so that a caller cannot write an entry outside the change's transaction.
export async function writeAudit(tx: Transaction<Database>, entry: AuditInput): Promise<void> {
  await tx
    .insertInto("audit_log")
    .values({
      ...(entry.at ? { at: entry.at } : {}),
      user_id: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      before: toJson(entry.before),
      after: toJson(entry.after),
    })
    .execute();
}

export type AuditQuery = {
  entity?: string | undefined;
  entityId?: string | undefined;
  userId?: number | undefined;
  /** Only entries at or after this instant. */
  from?: Date | undefined;
  /** Only entries before this instant (exclusive). */
  to?: Date | undefined;
  /** Only entries by users of these orgs; undefined for all. */
  actorOrgIds?: readonly number[] | undefined;
  /** Keyset cursor: entries with an id below this one (newest first). */
  before?: number | undefined;
  limit: number;
};

export async function listAudit(
  db: Kysely<Database>,
  query: AuditQuery,
): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
  if (query.actorOrgIds && query.actorOrgIds.length === 0) return { items: [], nextCursor: null };
  let q = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select([
      "a.id",
      "a.at",
      "a.user_id",
      "u.username",
      "a.action",
      "a.entity",
      "a.entity_id",
      sql<unknown>`a.before`.as("before"),
      sql<unknown>`a.after`.as("after"),
    ]);
  if (query.entity !== undefined) q = q.where("a.entity", "=", query.entity);
  if (query.entityId !== undefined) q = q.where("a.entity_id", "=", query.entityId);
  if (query.userId !== undefined) q = q.where("a.user_id", "=", query.userId);
  if (query.from !== undefined) q = q.where("a.at", ">=", query.from);
  if (query.to !== undefined) q = q.where("a.at", "<", query.to);
  if (query.actorOrgIds) q = q.where("u.org_id", "in", query.actorOrgIds);
  if (query.before !== undefined) q = q.where("a.id", "<", query.before);
  // One extra row tells whether there is a next page without a count query.
  const rows = await q
    .orderBy("a.id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.username,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
