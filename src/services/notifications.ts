// The in-app inbox: notifications belong to an org (everyone in a unit sees the same inbox), so reading
// one marks it read for the whole unit.
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";

type Db = Kysely<Database>;

export type Notification = {
  id: number;
  orgId: number;
  noticeId: number | null;
  reminderId: number | null;
  message: string;
  createdAt: Date;
  readAt: Date | null;
};

export async function listNotifications(
  db: Db,
  filter: { orgId: number; unread?: boolean | undefined; limit?: number | undefined; offset?: number | undefined },
): Promise<{ items: Notification[]; total: number; unread: number }> {
  let q = db.selectFrom("notifications").where("org_id", "=", filter.orgId);
  const counts = await q
    .select((eb) => [
      eb.fn.countAll<string>().as("total"),
      eb.fn.count<string>("id").filterWhere("read_at", "is", null).as("unread"),
    ])
    .executeTakeFirstOrThrow();
  if (filter.unread) q = q.where("read_at", "is", null);
  const rows = await q
    .select(["id", "org_id", "notice_id", "reminder_id", "message", "created_at", "read_at"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      noticeId: r.notice_id,
      reminderId: r.reminder_id,
      message: r.message,
      createdAt: new Date(r.created_at),
      readAt: r.read_at ? new Date(r.read_at) : null,
    })),
    total: filter.unread ? Number(counts.unread) : Number(counts.total),
    unread: Number(counts.unread),
  };
}

/** Marks one of the org's notifications read; false when the org has no such notification. */
export async function markRead(db: Db, input: { id: number; orgId: number; at: Date }): Promise<boolean> {
  const result = await db
    .updateTable("notifications")
    .set((eb) => ({ read_at: eb.fn.coalesce("read_at", eb.val(input.at)) }))
    .where("id", "=", input.id)
    .where("org_id", "=", input.orgId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
