// The one daily supervision run, used by the scheduler (jobs/scheduler.ts: once a day across processes)
// and by an admin's POST /api/jobs/reminders/run: the reminders today's statuses call for, then the
// escalation of notices still unanswered after their date, in one transaction. Both are idempotent, so a
// run by hand after the scheduled one changes nothing. Delivery (webhook, e-mail) follows separately.
import type { Kysely, Transaction } from "kysely";
import { refreshStatuses } from "../services/assignments/stored-status.ts";
import { escalateNotices } from "../services/tracking/notices.ts";
import type { Database } from "../store/schema.ts";
import { type EvaluationResult, evaluateReminders } from "./reminders.ts";

/** Plans and deadlines are Chinese, so "today" is China's unless LUOSHI_TIME_ZONE says otherwise. */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

export type DailyResult = Omit<EvaluationResult, "delivery"> & {
  /** Notices escalated to their unit's parent org by this run. */
  escalated: number[];
};

/** The time zone whose calendar days the daily run follows: LUOSHI_TIME_ZONE, checked, or China's. */
export function timeZoneFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const zone = env.LUOSHI_TIME_ZONE?.trim() || DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone: zone });
  } catch {
    throw new RangeError(`LUOSHI_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, not "${zone}"`);
  }
  return zone;
}

/**
 * The stored statuses moved to `day` (in batches, each its own transaction), then today's reminders and
 * escalation; those in the caller's transaction when `db` is one, else in their own.
 */
export async function runDaily(db: Kysely<Database>, day: string, at: Date = new Date()): Promise<DailyResult> {
  await refreshStatuses(db, day, { batchSize: 5000 });
  const run = async (tx: Transaction<Database>): Promise<DailyResult> => {
    const { candidates, created } = await evaluateReminders(tx, day);
    const escalated = await escalateNotices(tx, day, at);
    return { candidates, created, escalated };
  };
  if (db.isTransaction) return run(db as Transaction<Database>);
  return db.transaction().execute(run);
}
