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
//   npm run bench:daily [-- --database luoshi_bench_national] [--batch 5000] [--no-deliver] [--no-reset]
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { deliverPending } from "../src/jobs/delivery.ts";
import { DEFAULT_BATCH_ASSIGNMENTS } from "../src/jobs/reminders.ts";
import { DAILY_JOB, runDailyOnce } from "../src/jobs/scheduler.ts";
import { buildApp } from "../src/server/app.ts";
import { openStore } from "../src/store/db.ts";

const TODAY = "2025-06-16";
const AT = new Date(`${TODAY}T01:00:00Z`);

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "luoshi_bench_national" },
    batch: { type: "string", default: String(DEFAULT_BATCH_ASSIGNMENTS) },
    "no-deliver": { type: "boolean", default: false },
    "no-reset": { type: "boolean", default: false },
  },
});
const server = process.env.BENCH_DATABASE_URL || process.env.LUOSHI_TEST_DATABASE_URL;
if (!server) throw new Error("set BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL");
const url = new URL(server);
url.pathname = `/${values.database}`;

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

if (!values["no-reset"]) {
  await sql`delete from notifications where id > ${before.notifications}`.execute(store.db);
  await sql`delete from reminders where id > ${before.reminders}`.execute(store.db);
  await sql`delete from indicator_reminders where id > ${before.indicatorReminders}`.execute(store.db);
  await store.db.deleteFrom("job_run_steps").where("job", "=", DAILY_JOB).where("day", "=", TODAY).execute();
  await store.db.deleteFrom("job_runs").where("job", "=", DAILY_JOB).where("day", "=", TODAY).execute();
}
await store.close();
