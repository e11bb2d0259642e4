// Daily supervision (督办): every assignment that is due soon, overdue or missing a period's report gets
// one reminder and one in-app notification for its org. "Once" is the database's job, not ours: the
// unique key (assignment_id, kind, period) makes a second run, a concurrent run in another process or a
// run after a restart insert nothing, and only freshly inserted reminders get a notification.
import type { Kysely } from "kysely";
import { type AssignmentView, listAssignments } from "../services/assignments/assignments.ts";
import { remindOffPace } from "../services/indicators/supervision/off-pace.ts";
import { unacknowledgedReminders } from "../services/supervision-loop/reminders.ts";
import type { Database, ReminderKind } from "../store/schema.ts";
import { type DeliveryConfig, type DeliveryResult, deliverPending } from "./delivery.ts";

export type EvaluationResult = {
  /** Assignments whose status called for a reminder today. */
  candidates: number;
  /** Reminders (and notifications) that did not exist before this run. */
  created: number;
  delivery?: DeliveryResult;
  /** Indicators off pace (a reminder to each org whose figure or share is behind): candidates and new. */
  offPace?: { candidates: number; created: number };
};

type Wanted = { assignmentId: number; orgId: number; kind: ReminderKind; period: string; message: string };

const BATCH = 1000;

/** The reminder an assignment's status calls for, if any: its kind and the period key that makes it unique. */
export function reminderFor(a: AssignmentView): Wanted | null {
  const base = { assignmentId: a.id, orgId: a.orgId };
  const what = `${a.taskKey} ${a.measureText.length > 40 ? `${a.measureText.slice(0, 40)}…` : a.measureText}`;
  switch (a.status) {
    case "report_missing":
      if (a.missingPeriod === null) return null;
      return {
        ...base,
        kind: "report_missing",
        period: a.missingPeriod,
        message: `【报送提醒】${a.planTitle}：${what}，${a.missingPeriod} 进展情况尚未报送。`,
      };
    case "due_soon":
    case "overdue":
      // Keyed by the due date, so a deadline moved by a new plan version is chased afresh.
      if (a.dueOn === null) return null;
      return {
        ...base,
        kind: a.status,
        period: `due:${a.dueOn}`,
        message:
          a.status === "due_soon"
            ? `【即将到期】${a.planTitle}：${what}，应于 ${a.dueOn} 前完成。`
            : `【已逾期】${a.planTitle}：${what}，完成时限 ${a.dueOn} 已过。`,
      };
    default:
      return null;
  }
}

/**
 * Inserts the reminders that today's statuses call for and a notification for each new one, in one
 * transaction (the caller's, when `db` already is one) so that no reminder exists without its notice.
 * With `delivery`, pending reminders are then sent by webhook and e-mail.
 */
export async function evaluateReminders(
  db: Kysely<Database>,
  today: string,
  delivery?: DeliveryConfig,
): Promise<EvaluationResult> {
  const { items } = await listAssignments(
    db,
    { statuses: ["due_soon", "overdue", "report_missing"], limit: Number.MAX_SAFE_INTEGER },
    today,
  );
  const wanted = items.map(reminderFor).filter((w): w is Wanted => w !== null);
  // 签收: work left unacknowledged past its plan's acknowledge_days (issue 10).
  wanted.push(...(await unacknowledgedReminders(db, today)));
  const created = db.isTransaction
    ? await insertNew(db, wanted)
    : await db.transaction().execute((tx) => insertNew(tx, wanted));
  const result: EvaluationResult = { candidates: wanted.length, created };
  result.offPace = db.isTransaction
    ? await remindOffPace(db, today)
    : await db.transaction().execute((tx) => remindOffPace(tx, today));
  if (delivery) result.delivery = await deliverPending(db, delivery);
  return result;
}

async function insertNew(db: Kysely<Database>, wanted: Wanted[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < wanted.length; i += BATCH) {
    const batch = wanted.slice(i, i + BATCH);
    const regions = new Map(
      (
        await db
          .selectFrom("assignments")
          .select(["id", "region_code"])
          .where(
            "id",
            "in",
            batch.map((w) => w.assignmentId),
          )
          .execute()
      ).map((r) => [r.id, r.region_code]),
    );
    const rows = batch.filter((w) => regions.has(w.assignmentId));
    if (rows.length === 0) continue;
    const inserted = await db
      .insertInto("reminders")
      .values(
        rows.map((w) => ({
          assignment_id: w.assignmentId,
          region_code: regions.get(w.assignmentId) as string,
          kind: w.kind,
          period: w.period,
        })),
      )
      .onConflict((oc) => oc.columns(["assignment_id", "kind", "period"]).doNothing())
      .returning(["id", "assignment_id", "kind", "period"])
      .execute();
    if (inserted.length === 0) continue;
    const byKey = new Map(rows.map((w) => [`${w.assignmentId}|${w.kind}|${w.period}`, w]));
    await db
      .insertInto("notifications")
      .values(
        inserted.map((r) => {
          const w = byKey.get(`${r.assignment_id}|${r.kind}|${r.period}`) as Wanted;
          return { org_id: w.orgId, reminder_id: r.id, message: w.message };
        }),
      )
      .execute();
    created += inserted.length;
  }
  return created;
}
