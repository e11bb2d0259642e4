// The in-app inbox: notifications belong to an org (everyone in a unit sees the same inbox), so reading
// one marks it read for the whole unit. Each names the measure it is about (through its notice or its
// reminder's assignment) so the inbox can link straight to the work.
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";

type Db = Kysely<Database>;

export type Notification = {
  id: number;
  orgId: number;
  noticeId: number | null;
  reminderId: number | null;
  measureId: number | null;
  message: string;
  createdAt: Date;
  readAt: Date | null;
};

export async function listNotifications(
  db: Db,
  filter: { orgId: number; unread?: boolean | undefined; limit?: number | undefined; offset?: number | undefined },
): Promise<{ items: Notification[]; total: number; unread: number }> {
  // Columns are qualified: the joins below bring in other org_id columns.
  let q = db.selectFrom("notifications").where("notifications.org_id", "=", filter.orgId);
  const counts = await q
    .select((eb) => [
      eb.fn.countAll<string>().as("total"),
      eb.fn.count<string>("notifications.id").filterWhere("notifications.read_at", "is", null).as("unread"),
    ])
    .executeTakeFirstOrThrow();
  if (filter.unread) q = q.where("notifications.read_at", "is", null);
  const rows = await q
    .leftJoin("notices as n", "n.id", "notifications.notice_id")
    .leftJoin("reminders as r", "r.id", "notifications.reminder_id")
    .leftJoin("assignments as a", "a.id", "r.assignment_id")
    .select([
      "notifications.id",
      "notifications.org_id",
      "notifications.notice_id",
      "notifications.reminder_id",
      "notifications.message",
      "notifications.created_at",
      "notifications.read_at",
      "n.measure_id as notice_measure_id",
      "a.measure_id as reminder_measure_id",
    ])
    .orderBy("notifications.created_at", "desc")
    .orderBy("notifications.id", "desc")
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      noticeId: r.notice_id,
      reminderId: r.reminder_id,
      measureId: r.notice_measure_id ?? r.reminder_measure_id ?? null,
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

/** Marks every unread notification of the org read; returns how many were. */
export async function markAllRead(db: Db, input: { orgId: number; at: Date }): Promise<number> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: input.at })
    .where("org_id", "=", input.orgId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
