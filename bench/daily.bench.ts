// The daily supervision run and `luoshi serve`'s start on a kept bench database (issue 11: on national data
// the server listens in ≤ 5 s and the daily run completes in ≤ 5 min). Times, on the database that
// `npm run bench:api -- --dataset national --only postgres --keep` built (luoshi_bench_national):
// - the server's start until it listens (store opened and migrated, app built, listening);
// - the scheduler's daily run for the bench's day (jobs/scheduler.ts runDailyOnce: batches with
//   checkpoints), with its reminders, batches and the process's peak RSS;
// - delivery of the run's reminders as digests to a local webhook receiver (one message per unit).
// Afterwards the run's rows (reminders, notifications, indicator reminders, checkpoints) are deleted
// again so the next run starts from the same data; --no-reset keeps them.
//
// With --serve, also `luoshi serve` as its own process on the database: until it listens, and until its
// first tick's daily run (for the real today) is over, with the server's peak RSS.
//
//   npm run bench:daily [-- --database luoshi_bench_national] [--batch 5000] [--no-deliver] [--no-reset] [--serve]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { type Kysely, sql } from "kysely";
import { deliverPending } from "../src/jobs/delivery.ts";
import { DEFAULT_BATCH_ASSIGNMENTS } from "../src/jobs/reminders.ts";
import { DAILY_JOB, runDailyOnce } from "../src/jobs/scheduler.ts";
import { buildApp } from "../src/server/app.ts";
import { openStore } from "../src/store/db.ts";
import type { Database } from "../src/store/schema.ts";

const TODAY = "2025-06-16";
const AT = new Date(`${TODAY}T01:00:00Z`);

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "luoshi_bench_national" },
    batch: { type: "string", default: String(DEFAULT_BATCH_ASSIGNMENTS) },
    "no-deliver": { type: "boolean", default: false },
    "no-reset": { type: "boolean", default: false },
    serve: { type: "boolean", default: false },
  },
});
const server = process.env.BENCH_DATABASE_URL || process.env.LUOSHI_TEST_DATABASE_URL;
if (!server) throw new Error("set BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL");
const url = new URL(server);
url.pathname = `/${values.database}`;

/**
 * Deletes the rows a run made (ids above the marks). The notifications go first, so the reminders' foreign-key
 * checks are skipped (session_replication_role): notifications.reminder_id has no index, and checking
 * each of ~10⁵ deleted reminders against it would scan the table each time.
 */
async function deleteMade(
  db: Kysely<Database>,
  marks: { reminders: number; notifications: number; indicatorReminders: number },
  day: string,
) {
  await db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    await sql`delete from notifications where id > ${marks.notifications}`.execute(tx);
    await sql`delete from reminders where id > ${marks.reminders}`.execute(tx);
    await sql`delete from indicator_reminders where id > ${marks.indicatorReminders}`.execute(tx);
    await tx.deleteFrom("job_run_steps").where("job", "=", DAILY_JOB).where("day", "=", day).execute();
    await tx.deleteFrom("job_runs").where("job", "=", DAILY_JOB).where("day", "=", day).execute();
  });
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
let peak = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 100);

// `luoshi serve`'s work before it listens: open (and migrate) the store, build the app, listen.
const started = performance.now();
const store = await openStore({ url: url.toString() });
const app = buildApp({ store });
await app.listen({ port: 0, host: "127.0.0.1" });
const listenMs = performance.now() - started;
await app.close();

const maxId = async (table: "reminders" | "notifications" | "indicator_reminders") =>
  Number(
    (await sql<{ n: string | null }>`select max(id) as n from ${sql.table(table)}`.execute(store.db)).rows[0]?.n ?? 0,
  );
const before = {
  reminders: await maxId("reminders"),
  notifications: await maxId("notifications"),
  indicatorReminders: await maxId("indicator_reminders"),
};
const counts = (
  await sql<{ a: string; r: string }>`select (select count(*) from assignments) as a,
    (select count(*) from progress_reports) as r`.execute(store.db)
).rows[0];
await store.db.deleteFrom("job_run_steps").where("job", "=", DAILY_JOB).where("day", "=", TODAY).execute();
await store.db.deleteFrom("job_runs").where("job", "=", DAILY_JOB).where("day", "=", TODAY).execute();

peak = process.memoryUsage.rss();
const batchSize = Number(values.batch);
let batches = 0;
const runStarted = performance.now();
const ran = await runDailyOnce(store.db, TODAY, [], AT, {
  batchSize,
  onBatch: () => {
    batches++;
  },
});
const runMs = performance.now() - runStarted;
const runPeak = peak;
const made = Number(
  (await sql<{ n: string }>`select count(*) as n from reminders where id > ${before.reminders}`.execute(store.db))
    .rows[0]?.n ?? 0,
);

let deliveryLine = "delivery: skipped (--no-deliver)";
if (!values["no-deliver"]) {
  let posts = 0;
  const hook = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      posts++;
      res.writeHead(200).end("{}");
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`;
  // Only this run's reminders: older ones (from an earlier --no-reset) are marked sent first.
  await store.db
    .updateTable("reminders")
    .set({ webhook_sent_at: new Date() })
    .where("id", "<=", before.reminders)
    .where("webhook_sent_at", "is", null)
    .execute();
  const deliveryStarted = performance.now();
  const delivered = await deliverPending(store.db, { webhookUrl: hookUrl });
  const deliveryMs = performance.now() - deliveryStarted;
  await new Promise((resolve) => hook.close(resolve));
  deliveryLine = `delivery (webhook digests to a local receiver): ${delivered.webhook?.sent} reminders in ${posts} messages in ${s(deliveryMs)}${delivered.webhook?.error ? `, error ${delivered.webhook.error}` : ""}`;
}
clearInterval(sampler);

console.log(
  `\nDaily run on PostgreSQL database ${values.database}: ${counts?.a} assignments, ${counts?.r} progress reports, day ${TODAY}`,
);
console.log(`luoshi serve's start (open + migrate + build + listen): ${s(listenMs)} (target ≤ 5 s)`);
console.log(
  `daily run (runDailyOnce, ${batchSize} assignments a batch): ${ran ? "finished" : "NOT finished"} in ${s(runMs)} ` +
    `(target ≤ 5 min), ${batches} batches, ${made} reminders made, peak RSS ${mb(runPeak)}`,
);
console.log(deliveryLine);
console.log(`peak RSS of the process overall: ${mb(peak)}`);

if (!values["no-reset"]) await deleteMade(store.db, before, TODAY);

if (values.serve) {
  // The real thing: `luoshi serve` as its own process on this database, until it listens and until its
  // first tick's daily run (for the real today) is over; peak RSS from /proc (VmHWM). Stopped by SIGTERM.
  const marks = {
    reminders: await maxId("reminders"),
    notifications: await maxId("notifications"),
    indicatorReminders: await maxId("indicator_reminders"),
  };
  const spawned = performance.now();
  const child = spawn(process.execPath, ["bin/luoshi.mjs", "serve", "--port", "0"], {
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let listenAt = 0;
  let hwm = 0;
  const readHwm = () => {
    try {
      const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
      if (kb) hwm = Math.max(hwm, Number(kb) * 1024);
    } catch {}
  };
  const ranAt = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (!listenAt && /listening on/.test(out)) listenAt = performance.now();
      if (/Daily supervision (ran|had already run)/.test(out)) resolve(performance.now());
      if (/scheduler:/.test(out)) reject(new Error(out));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`luoshi serve exited ${code}: ${out}`)));
    setTimeout(() => reject(new Error(`no daily run after 10 min: ${out}`)), 600_000).unref();
  });
  readHwm();
  child.removeAllListeners("exit");
  child.kill("SIGTERM");
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()),
  )?.[1];
  const servedMade = Number(
    (await sql<{ n: string }>`select count(*) as n from reminders where id > ${marks.reminders}`.execute(store.db))
      .rows[0]?.n ?? 0,
  );
  console.log(
    `luoshi serve (own process, built CLI): listening after ${s(listenAt - spawned)} (target ≤ 5 s); ` +
      `its first daily run (today ${day}) over after ${s(ranAt - spawned)} from start, ${s(ranAt - listenAt)} after ` +
      `listening (target ≤ 5 min), ${servedMade} reminders; server peak RSS (VmHWM) ${mb(hwm)}`,
  );
  if (!values["no-reset"] && day) await deleteMade(store.db, marks, day);
}
await store.close();
