// Throughput of an authenticated page of assignments (issue 11): autocannon, 10 connections, one process,
// against a real listening server, beside a bare Fastify route on the same machine. The busiest reporter
// (the org with most assignments) asks GET /api/assignments?limit=20; the server's RSS is sampled during
// the run and its peak printed.
//
//   npm run bench:throughput [-- --database luoshi_bench_national] [--duration 10] [--connections 10]
//
// --database names a database on the server of BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL (one kept by
// `npm run bench:api -- --keep`: luoshi_bench_province or luoshi_bench_national); without a server, or with
// --pglite DIR, a PGlite data directory.
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Fastify from "fastify";
import { sql } from "kysely";
import { buildApp } from "../src/server/app.ts";
import { insertUser, signIn } from "../src/server/testing.ts";
import { openStore } from "../src/store/db.ts";

const TODAY = "2025-06-16";
const NOW = new Date(`${TODAY}T08:00:00Z`);

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "luoshi_bench_national" },
    pglite: { type: "string" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    url: { type: "string", default: "/api/assignments?limit=20" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

async function openBenchStore() {
  if (values.pglite) return openStore({ dataDir: values.pglite });
  const server = process.env.BENCH_DATABASE_URL || process.env.LUOSHI_TEST_DATABASE_URL;
  if (!server) throw new Error("set BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL, or pass --pglite DIR");
  const url = new URL(server);
  url.pathname = `/${values.database}`;
  return openStore({ url: url.toString() });
}

/** Peak RSS (MB) sampled every 50 ms while `work` runs. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });

const bare = Fastify();
bare.get("/", async () => ({ hello: "world" }));
const bareUrl = await bare.listen({ port: 0, host: "127.0.0.1" });
const bareRun = await autocannon({ url: bareUrl, connections, duration });
await bare.close();

const store = await openBenchStore();
const busiest = await sql<{ org_id: number; n: string }>`
  select a.org_id, count(*) as n from assignments a join plans p on p.id = a.plan_id and p.status = 'active'
  join orgs o on o.id = a.org_id
  group by a.org_id order by count(*) desc, a.org_id limit 1`.execute(store.db);
const org = busiest.rows[0];
if (!org) throw new Error("no assignments in the database");
const username = `bench-reporter-${org.org_id}`;
const existing = await store.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
if (!existing) await insertUser(store, username, "reporter", Number(org.org_id));
const app = buildApp({ store, now: () => NOW });
await app.ready();
const agent = await signIn(app, username);
const base = await app.listen({ port: 0, host: "127.0.0.1" });
const check = await fetch(`${base}${values.url}`, { headers: { cookie: agent.cookie } });
const body = (await check.json()) as { items?: unknown[]; total?: number };
if (check.status !== 200) throw new Error(`${values.url}: ${check.status} ${JSON.stringify(body).slice(0, 200)}`);
const rssBefore = process.memoryUsage.rss() / 2 ** 20;
const cpuBefore = process.cpuUsage();
const loadBefore = loadavg()[0] ?? 0;
const { result: run, peakMb } = await peakRss(() =>
  autocannon({ url: `${base}${values.url}`, connections, duration, headers: { cookie: agent.cookie } }),
);
const cpu = process.cpuUsage(cpuBefore);
const loadAfter = loadavg()[0] ?? 0;
await app.close();
await store.close();

const where = values.pglite ? `PGlite ${values.pglite}` : `PostgreSQL database ${values.database}`;
console.log(
  `\nThroughput, ${where}: autocannon, ${connections} connections, ${duration} s, one process (server and client)`,
);
console.log(
  `busiest reporter: org ${org.org_id} with ${fmt(Number(org.n))} assignments; GET ${values.url} → ${body.items?.length} items of ${body.total}`,
);
const rows = [
  ["request", "req/s (mean)", "p50 ms", "p99 ms", "non-2xx", "errors"],
  [
    "bare Fastify GET /",
    fmt(bareRun.requests.average),
    String(bareRun.latency.p50),
    String(bareRun.latency.p99),
    String(bareRun.non2xx),
    String(bareRun.errors),
  ],
  [
    `GET ${values.url} (signed in)`,
    fmt(run.requests.average),
    String(run.latency.p50),
    String(run.latency.p99),
    String(run.non2xx),
    String(run.errors),
  ],
];
const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
for (const r of rows)
  console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  "));
console.log(
  `target ≥ 1,000 req/s: ${run.requests.average >= 1000 ? "ok" : "MISSED"}; server process RSS ${fmt(rssBefore)} MB before, ` +
    `peak ${fmt(peakMb)} MB during the run (target < 500 MB: ${peakMb < 500 ? "ok" : "MISSED"})`,
);
// CPU time depends less on the machine's load than req/s does; it includes autocannon's share (same process).
console.log(
  `this process's CPU per signed-in request: ${((cpu.user + cpu.system) / 1000 / Math.max(1, run.requests.total)).toFixed(2)} ms ` +
    `(server and client); load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${availableParallelism()} cores`,
);
