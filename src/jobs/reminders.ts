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
/** Assignments per batch of the daily run: what one transaction reads and holds in memory. */
export const DEFAULT_BATCH_ASSIGNMENTS = 5000;

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

/** Assignment ids above `after`, at most `limit` of them: one batch's keys, read off the primary key. */
export async function nextAssignmentIds(db: Kysely<Database>, after: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom("assignments")
    .select("id")
    .where("id", ">", after)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.id));
}

/**
 * The reminders today's statuses (and unacknowledged work) call for among assignment ids in
 * (after, upTo] — all above `after` when upTo is null — inserted with a notification for each new one.
 * In the caller's transaction when `db` is one, so that no reminder exists without its notice.
 */
export async function remindAssignments(
  db: Kysely<Database>,
  today: string,
  range: { after: number; upTo: number | null },
): Promise<{ candidates: number; created: number }> {
  const { items } = await listAssignments(
    db,
    {
      statuses: ["due_soon", "overdue", "report_missing"],
      idAfter: range.after,
      ...(range.upTo === null ? {} : { idUpTo: range.upTo }),
      limit: Number.MAX_SAFE_INTEGER,
    },
    today,
  );
  const wanted = items.map(reminderFor).filter((w): w is Wanted => w !== null);
  // 签收: work left unacknowledged past its plan's acknowledge_days (issue 10).
  wanted.push(...(await unacknowledgedReminders(db, today, range)));
  const created = db.isTransaction
    ? await insertNew(db, wanted)
    : await db.transaction().execute((tx) => insertNew(tx, wanted));
  return { candidates: wanted.length, created };
}

/**
 * Inserts the reminders that today's statuses call for and a notification for each new one, batch by
 * batch of `batchSize` assignments (each batch one transaction, or all in the caller's when `db` is one),
 * then the off-pace indicator reminders. With `delivery`, pending reminders are then sent by webhook and
 * e-mail. The daily run (jobs/daily.ts) runs the same steps with checkpoints.
 */
export async function evaluateReminders(
  db: Kysely<Database>,
  today: string,
  delivery?: DeliveryConfig,
  batchSize = DEFAULT_BATCH_ASSIGNMENTS,
): Promise<EvaluationResult> {
  const result: EvaluationResult = { candidates: 0, created: 0 };
  let after = 0;
  for (;;) {
    const ids = await nextAssignmentIds(db, after, batchSize);
    if (ids.length === 0) break;
    const upTo = ids.length === batchSize ? (ids.at(-1) as number) : null;
    const batch = db.isTransaction
      ? await remindAssignments(db, today, { after, upTo })
      : await db.transaction().execute((tx) => remindAssignments(tx, today, { after, upTo }));
    result.candidates += batch.candidates;
    result.created += batch.created;
    if (upTo === null) break;
    after = upTo;
  }
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
