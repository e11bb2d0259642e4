// The daily supervision run (jobs/daily.ts) on a timer. Every server process starts a scheduler; each tick it tries to claim
// (job, today) in job_runs, and only the process whose insert wins evaluates. The claim and the
// evaluation share one transaction: if the evaluation fails the claim rolls back and the next tick
// (here or in another process) tries again. Delivery runs on every tick, since it only sends what
// is still unsent and so also retries failed sends.
import type { Kysely } from "kysely";
import type { Store } from "../store/db.ts";
import type { Database } from "../store/schema.ts";
import { DEFAULT_TIME_ZONE, runDaily } from "./daily.ts";
import { type DeliveryConfig, deliverPending } from "./delivery.ts";

export const DAILY_JOB = "daily-supervision";

/** Work after the daily run, inside the day's transaction (tests use it to watch or fail a run). */
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

/** "YYYY-MM-DD" of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** Claims the day for the job and, if this call won, runs it; false when someone already had. */
export async function runDailyOnce(
  db: Kysely<Database>,
  day: string,
  hooks: readonly DailyHook[] = [],
  at: Date = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const claimed = await tx
      .insertInto("job_runs")
      .values({ job: DAILY_JOB, day })
      .onConflict((oc) => oc.columns(["job", "day"]).doNothing())
      .returning("job")
      .executeTakeFirst();
    if (!claimed) return false;
    await runDaily(tx, day, at);
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
        const ran = await runDailyOnce(options.store.db, localDay(at, timeZone), hooks, at);
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
