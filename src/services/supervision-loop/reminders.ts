// The daily run's part of the loop: work still unacknowledged after the plan's acknowledge_days gets one
// reminder (kind unacknowledged) and a notification to its unit.
import { sql } from "kysely";
import type { Db } from "./access.ts";

export type LoopReminder = {
  assignmentId: number;
  orgId: number;
  kind: "unacknowledged";
  period: string;
  message: string;
};

/** The work due an acknowledgement reminder today; with `range`, only assignment ids in (after, upTo]. */
export async function unacknowledgedReminders(
  db: Db,
  today: string,
  range?: { after: number; upTo: number | null },
): Promise<LoopReminder[]> {
  let query = db
    .selectFrom("assignments as a")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .innerJoin("measures as m", "m.id", "a.measure_id")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .select([
      "a.id",
      "a.org_id",
      "p.title",
      "t.key",
      "m.text",
      sql<string>`(a.assigned_at at time zone 'UTC')::date::text`.as("assigned_on"),
    ])
    .where("p.status", "=", "active")
    .where("a.acknowledged_at", "is", null)
    .where(sql<boolean>`(a.assigned_at at time zone 'UTC')::date + p.acknowledge_days <= ${today}::date`);
  if (range) {
    query = query.where("a.id", ">", range.after);
    if (range.upTo !== null) query = query.where("a.id", "<=", range.upTo);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    assignmentId: r.id,
    orgId: r.org_id,
    kind: "unacknowledged",
    period: "ack",
    message: `【签收提醒】${r.title}：${r.key} ${r.text.length > 40 ? `${r.text.slice(0, 40)}…` : r.text}，${r.assigned_on} 交办，尚未签收。`,
  }));
}
