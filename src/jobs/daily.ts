// The one daily supervision run, used by the scheduler (jobs/scheduler.ts: once a day across processes)
// and by an admin's POST /api/jobs/reminders/run. It is a sequence of steps (DAILY_STEPS): the reminders
// today's statuses call for, batch by batch of assignments; the off-pace indicator reminders; then the
// escalation of notices still unanswered after their date. Each batch is one transaction, so a national
// run never holds one transaction for minutes nor more than a batch in memory. With a checkpoint (the
// scheduler's run, keyed by job and day in job_run_steps, migration 018) each batch's transaction also
// records how far its step got: a run cut short resumes after its last committed batch, and a second
// process joining the day waits on the step's row and takes the next batch. Every step is idempotent
// (reminders have a unique key, escalation marks what it escalated), so a resumed or repeated run makes
// each reminder exactly once. Delivery (webhook, e-mail) follows separately.
import type { Kysely, Transaction } from "kysely";
import { timeZoneFrom } from "../domain/today.ts";
import { refreshStatuses } from "../services/assignments/stored-status.ts";
import { remindOffPace } from "../services/indicators/supervision/off-pace.ts";
import { escalateNotices } from "../services/tracking/notices.ts";
import type { Database } from "../store/schema.ts";
import { DEFAULT_BATCH_ASSIGNMENTS, type EvaluationResult, nextAssignmentIds, remindAssignments } from "./reminders.ts";

/** Plans and deadlines are Chinese, so "today" is China's unless LUOSHI_TIME_ZONE says otherwise. */
export { DEFAULT_TIME_ZONE } from "../domain/today.ts";

export type DailyResult = Omit<EvaluationResult, "delivery"> & {
  /** Notices escalated to their unit's parent org by this run. */
  escalated: number[];
  /** Batches this call committed, per step (a resumed run counts only its own). */
  batches: Record<string, number>;
};

export type BatchInfo = { step: string; index: number; keys: number; cursor: number | null; done: boolean };

export type DailyOptions = {
  /** Assignments per batch (default DEFAULT_BATCH_ASSIGNMENTS). */
  batchSize?: number;
  /** Checkpoint the steps under this job name (the scheduler's DAILY_JOB): resumable, shared across processes. */
  job?: string;
  /** Called after each batch committed (tests inject a crash here; benches watch memory). */
  onBatch?: (info: BatchInfo) => void | Promise<void>;
};

type StepContext = { day: string; at: Date; cursor: number | null; batchSize: number; result: DailyResult };
type StepBatch = { cursor: number | null; done: boolean; keys: number };

/**
 * One step of the daily run: `batch` does the work after `cursor` (null: from the start), at most
 * `batchSize` keys of it, inside the given transaction, and says where it stopped and whether it is done.
 * A step that is not batched does everything in its first batch.
 */
export type DailyStep = { name: string; batch: (tx: Transaction<Database>, ctx: StepContext) => Promise<StepBatch> };

export const DAILY_STEPS: readonly DailyStep[] = [
  {
    name: "reminders",
    async batch(tx, { day, cursor, batchSize, result }) {
      const after = cursor ?? 0;
      const ids = await nextAssignmentIds(tx, after, batchSize);
      if (ids.length === 0) return { cursor, done: true, keys: 0 };
      // Short of a full batch means these are the last: the range is left open for rows added meanwhile.
      const upTo = ids.length === batchSize ? (ids.at(-1) as number) : null;
      const made = await remindAssignments(tx, day, { after, upTo });
      result.candidates += made.candidates;
      result.created += made.created;
      return { cursor: upTo ?? (ids.at(-1) as number), done: upTo === null, keys: ids.length };
    },
  },
  {
    name: "off-pace",
    async batch(tx, { day, result }) {
      result.offPace = await remindOffPace(tx, day);
      return { cursor: null, done: true, keys: 0 };
    },
  },
  {
    name: "escalation",
    async batch(tx, { day, at, result }) {
      result.escalated = await escalateNotices(tx, day, at);
      return { cursor: null, done: true, keys: 0 };
    },
  },
];

/**
 * The time zone whose calendar days are "today" for the whole app (domain/today.ts): the daily run's,
 * the API's, the exports' and the CLI's. LUOSHI_TIME_ZONE, checked, or China's.
 */
export const timeZoneFromEnv = (env: NodeJS.ProcessEnv = process.env): string => timeZoneFrom(env.LUOSHI_TIME_ZONE);

const inTransaction = <T>(db: Kysely<Database>, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> =>
  db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);

/**
 * Every step of the day's run, batch by batch; each batch in its own transaction, or all in the caller's
 * when `db` is one. With `options.job`, the steps resume from their checkpoints and finished steps are
 * skipped; without, the run starts from the beginning (the admin's run by hand: it re-evaluates today).
 */
export async function runDaily(
  db: Kysely<Database>,
  day: string,
  at: Date = new Date(),
  options: DailyOptions = {},
): Promise<DailyResult> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_ASSIGNMENTS));
  const { job } = options;
  const result: DailyResult = { candidates: 0, created: 0, escalated: [], batches: {} };
  // The stored statuses first (migration 017): reminders read them. Resumable by itself, without a
  // checkpoint: a row whose status_as_of is the day is done.
  await refreshStatuses(db, day, { batchSize: 5000 });
  for (const step of DAILY_STEPS) {
    let cursor: number | null = null;
    let index = 0;
    for (;;) {
      const out = await inTransaction(db, async (tx) => {
        if (job !== undefined) {
          await tx
            .insertInto("job_run_steps")
            .values({ job, day, step: step.name })
            .onConflict((oc) => oc.columns(["job", "day", "step"]).doNothing())
            .execute();
          // The row lock orders processes running the same day: one batch at a time, each after the last.
          const mark = await tx
            .selectFrom("job_run_steps")
            .select(["cursor", "done"])
            .where("job", "=", job)
            .where("day", "=", day)
            .where("step", "=", step.name)
            .forUpdate()
            .executeTakeFirstOrThrow();
          if (mark.done) return null;
          cursor = mark.cursor === null ? null : Number(mark.cursor);
        }
        const done = await step.batch(tx, { day, at, cursor, batchSize, result });
        if (job !== undefined)
          await tx
            .updateTable("job_run_steps")
            .set((eb) => ({
              cursor: done.cursor,
              done: done.done,
              batches: eb("batches", "+", 1),
              updated_at: new Date(),
            }))
            .where("job", "=", job)
            .where("day", "=", day)
            .where("step", "=", step.name)
            .execute();
        return done;
      });
      if (out === null) break;
      result.batches[step.name] = ++index;
      await options.onBatch?.({ step: step.name, index, keys: out.keys, cursor: out.cursor, done: out.done });
      if (out.done) break;
      cursor = out.cursor;
    }
  }
  return result;
}
