// Reminders and notifications for the loop's waiting states: one reminder per assignment, kind and key
// (the unique key makes it once), and a notification to the org that has to act — the unit (returned,
// unacknowledged, decisions) or its reviewer (extension pending, closure pending).
import type { ReminderKind } from "../../store/schema.ts";
import type { Db } from "./access.ts";

export type LoopNotice = {
  assignmentId: number;
  regionCode: string;
  /** The org whose inbox gets the notification. */
  orgId: number;
  message: string;
  /** With a reminder (delivered by webhook and e-mail too): its kind and key; without one, a plain notification. */
  reminder?: { kind: ReminderKind; period: string };
};

/** Writes the reminder (if new) and the notification, inside the caller's transaction; false if it existed. */
export async function notify(db: Db, n: LoopNotice): Promise<boolean> {
  let reminderId: number | null = null;
  if (n.reminder) {
    const inserted = await db
      .insertInto("reminders")
      .values({
        assignment_id: n.assignmentId,
        region_code: n.regionCode,
        kind: n.reminder.kind,
        period: n.reminder.period,
      })
      .onConflict((oc) => oc.columns(["assignment_id", "kind", "period"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return false;
    reminderId = inserted.id;
  }
  await db
    .insertInto("notifications")
    .values({ org_id: n.orgId, reminder_id: reminderId, message: n.message })
    .execute();
  return true;
}

/** "一/1 开展商标专项整治行动…" for messages. */
export async function describeAssignment(db: Db, assignmentId: number): Promise<string> {
  const r = await db
    .selectFrom("assignments as a")
    .innerJoin("measures as m", "m.id", "a.measure_id")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .select(["p.title", "t.key", "m.text", "o.name"])
    .where("a.id", "=", assignmentId)
    .executeTakeFirstOrThrow();
  const text = r.text.length > 40 ? `${r.text.slice(0, 40)}…` : r.text;
  return `${r.title}：${r.key} ${text}（${r.name}）`;
}
