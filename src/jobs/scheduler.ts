// The daily supervision run (jobs/daily.ts) on a timer. Every server process starts a scheduler; each tick
// it claims (job, today) in job_runs, or joins the day while it is not finished. The run goes in batches,
// each one transaction with its step's checkpoint (job_run_steps), so processes share a day's batches
// without repeating one, and a run that failed or crashed resumes after its last batch on the next tick
// (here or in another process). Whoever marks the day finished runs the hooks. Delivery runs on every tick, since it only sends what
// is still unsent and so also retries failed sends.
import type { Kysely } from "kysely";
import { DEFAULT_TIME_ZONE, dayIn } from "../domain/today.ts";
import type { Store } from "../store/db.ts";
import type { Database } from "../store/schema.ts";
import { type DailyOptions, runDaily } from "./daily.ts";
import { type DeliveryConfig, deliverPending } from "./delivery.ts";

export const DAILY_JOB = "daily-supervision";

/** Work after the daily run, inside the transaction that finishes the day (tests use it to watch or fail a run). */
export type DailyHook = (db: Kysely<Database>, day: string) => Promise<void>;

export type SchedulerOptions = {
  store: Store;
  now?: () => Date;
  /** How often to check; the evaluation itself still runs at most once a day. Default one minute. */
  intervalMs?: number;
  /** The calendar the "day" belongs to; plans and deadlines are Chinese, so China's by default (daily.ts). */
  timeZone?: string;
  delivery?: DeliveryConfig;
  hooks?: DailyHook[];
  onError?: (error: unknown) => void;
};

export type Scheduler = {
  /** One check now; resolves to whether this process ran the day's evaluation. */
  tick(): Promise<boolean>;
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
};

/**
 * Claims the day for the job (or joins a claimed day not yet finished: a run cut short by a crash resumes
 * here), runs its steps batch by batch with checkpoints, then marks the day finished and runs the hooks in
 * that last transaction. True only for the call that finished the day; false when it was already finished.
 */
export async function runDailyOnce(
  db: Kysely<Database>,
  day: string,
  hooks: readonly DailyHook[] = [],
  at: Date = new Date(),
  options: Omit<DailyOptions, "job"> = {},
): Promise<boolean> {
  await db
    .insertInto("job_runs")
    .values({ job: DAILY_JOB, day })
    .onConflict((oc) => oc.columns(["job", "day"]).doNothing())
    .execute();
  const finished = async () =>
    (
      await db
        .selectFrom("job_runs")
        .select("finished_at")
        .where("job", "=", DAILY_JOB)
        .where("day", "=", day)
        .executeTakeFirst()
    )?.finished_at != null;
  if (await finished()) return false;
  await runDaily(db, day, at, { ...options, job: DAILY_JOB });
  return db.transaction().execute(async (tx) => {
    const won = await tx
      .updateTable("job_runs")
      .set({ finished_at: new Date() })
      .where("job", "=", DAILY_JOB)
      .where("day", "=", day)
      .where("finished_at", "is", null)
      .returning("job")
      .executeTakeFirst();
    if (!won) return false;
    // A failing hook rolls back the finish: the next tick finds every step done and tries the hooks again.
    for (const hook of hooks) await hook(tx, day);
    return true;
  });
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const hooks = options.hooks ?? [];
  const onError = options.onError ?? ((error: unknown) => console.error("scheduler:", error));
  let running: Promise<boolean> | null = null;

  const tick = (): Promise<boolean> => {
    // Ticks never overlap within a process: a slow run is not joined by the next timer.
    running ??= (async () => {
      try {
        const at = now();
        const ran = await runDailyOnce(options.store.db, dayIn(timeZone, at), hooks, at);
        // Once a day, after the run has changed the most rows: the planner's statistics (PGlite's only upkeep).
        if (ran) await options.store.maintain();
        if (options.delivery) await deliverPending(options.store.db, options.delivery);
        return ran;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const timer = setInterval(() => {
    tick().catch(onError);
  }, options.intervalMs ?? 60_000);
  // A scheduler alone must not keep the process alive (the server does that).
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
