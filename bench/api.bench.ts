// API latency at province scale: loads ~200 orgs, ~100 plans, ~50k assignments and ~500k progress
// reports (bench/api-dataset.ts), then times the requests people make all day through the real HTTP
// API in-process (buildApp + inject with signed-in sessions: routing, validation, session lookup,
// scope, service, serialization; no sockets), on a fresh PGlite and on a fresh PostgreSQL database.
//
//   npm run bench:api [-- --runs 200] [--scale 1] [--budget 40] [--only pglite|postgres] [--scenario TEXT]
//
// --scenario runs only the requests whose name contains TEXT (e.g. "plan list").
//
// PostgreSQL: a database is created (and dropped afterwards) on the server named by BENCH_DATABASE_URL
// or LUOSHI_TEST_DATABASE_URL; without either that part is skipped.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../src/server/app.ts";
import { type Agent, insertUser, signIn } from "../src/server/testing.ts";
import { openStore, type Store } from "../src/store/db.ts";
import { type Dataset, loadDataset } from "./api-dataset.ts";

const TODAY = "2025-06-16";
const NOW = new Date(`${TODAY}T08:00:00Z`);
const WARMUP_RUNS = 10;
const MIN_RUNS = 10;
const SEARCH_TERM = "质押融资";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    scale: { type: "string", default: "1" },
    budget: { type: "string", default: "40" },
    only: { type: "string" },
    scenario: { type: "string" },
  },
});
const runs = Number(values.runs);
const scale = Number(values.scale);
/**
 * Seconds per scenario: a slow one stops after MIN_RUNS runs once this is spent (and warms up for a tenth
 * of it), so that even the unoptimised code finishes in minutes.
 */
const budgetMs = Number(values.budget) * 1000;

type Scenario = { name: string; agent: Agent; url: string; targetMs: number | null };
type Result = { scenario: Scenario; samples: number[]; rows: number };

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;

async function measure(scenario: Scenario): Promise<Result> {
  const once = async () => {
    const started = performance.now();
    const res = await scenario.agent.request("GET", scenario.url);
    const ms = performance.now() - started;
    if (res.statusCode !== 200) throw new Error(`${scenario.url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return {
      ms,
      body: res.json() as { total?: number; rollUp?: { plan: { total: number } }; items?: unknown[] },
    };
  };
  let rows = 0;
  const warming = performance.now();
  for (let i = 0; i < WARMUP_RUNS && (i === 0 || performance.now() - warming < budgetMs / 10); i++) {
    const { body } = await once();
    rows = body.total ?? body.rollUp?.plan.total ?? body.items?.length ?? 0;
  }
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < runs && (samples.length < MIN_RUNS || performance.now() - started < budgetMs))
    samples.push((await once()).ms);
  return { scenario, samples, rows };
}

async function scenarios(app: FastifyInstance, store: Store, data: Dataset): Promise<Scenario[]> {
  const city = data.cityIds[8] as number;
  const county = data.countyIds[80] as number;
  await insertUser(store, "bench-city", "reporter", city);
  await insertUser(store, "bench-county", "reporter", county);
  await insertUser(store, "bench-office", "plan_office", data.provinceId);
  const cityReporter = await signIn(app, "bench-city");
  const countyReporter = await signIn(app, "bench-county");
  const office = await signIn(app, "bench-office");
  const q = encodeURIComponent(SEARCH_TERM);
  const all: Scenario[] = [
    { name: "my assignments (city reporter)", agent: cityReporter, url: "/api/assignments", targetMs: 30 },
    { name: "my assignments (county reporter)", agent: countyReporter, url: "/api/assignments", targetMs: 30 },
    { name: "plan roll-up (largest plan)", agent: office, url: `/api/plans/${data.largestPlanId}`, targetMs: 150 },
    { name: "overdue list (provincial office)", agent: office, url: "/api/assignments?status=overdue", targetMs: null },
    { name: "search (provincial office)", agent: office, url: `/api/assignments?q=${q}`, targetMs: null },
    // Every plan the office sees, each with its roll-up.
    { name: "plan list (provincial office)", agent: office, url: "/api/plans", targetMs: null },
  ];
  return values.scenario ? all.filter((s) => s.name.includes(values.scenario as string)) : all;
}

function printResults(title: string, results: Result[], postgres: boolean): void {
  const header = ["request", "rows", "runs", "p50 ms", "p95 ms", "max ms", "target p95", ""];
  const lines = results.map(({ scenario, samples, rows }) => {
    const sorted = [...samples].sort((a, b) => a - b);
    const p95 = percentile(sorted, 0.95);
    const target = scenario.targetMs === null ? "-" : `≤ ${scenario.targetMs} ms${postgres ? "" : " (PG)"}`;
    const verdict = scenario.targetMs === null || !postgres ? "" : p95 <= scenario.targetMs ? "ok" : "MISSED";
    return [
      scenario.name,
      String(rows),
      String(samples.length),
      percentile(sorted, 0.5).toFixed(1),
      p95.toFixed(1),
      (sorted.at(-1) ?? Number.NaN).toFixed(1),
      target,
      verdict,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const row = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(`\n${title}`);
  console.log(row(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(row(l));
}

async function benchStore(name: string, store: Store): Promise<void> {
  const loadStarted = performance.now();
  const data = await loadDataset(store.db, TODAY, scale);
  // What autovacuum does on a server shortly after a bulk load (statistics for the planner, the
  // visibility map for index-only scans). PGlite has no autovacuum; the bench does the same there.
  await sql`vacuum analyze`.execute(store.db);
  const loadS = ((performance.now() - loadStarted) / 1000).toFixed(1);
  const c = data.counts;
  console.log(
    `\n${name}: loaded ${c.orgs} orgs, ${c.plans} plans, ${c.tasks} tasks, ${c.measures} measures, ` +
      `${c.assignments} assignments, ${c.reports} progress reports in ${loadS} s`,
  );
  const app = buildApp({ store, now: () => NOW });
  await app.ready();
  try {
    const results: Result[] = [];
    for (const scenario of await scenarios(app, store, data)) results.push(await measure(scenario));
    printResults(`${name} — through the HTTP API in-process, today ${TODAY}`, results, store.kind === "postgres");
    console.log(
      `search: q=${SEARCH_TERM}; rows: the list's total, the roll-up's assignment count, or the plans listed`,
    );
  } finally {
    await app.close();
  }
}

async function benchPglite(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-bench-"));
  const store = await openStore({ dataDir: dir });
  try {
    await benchStore("PGlite (fresh temp dir)", store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL || process.env.LUOSHI_TEST_DATABASE_URL;
  if (!url) {
    console.log(
      "\nPostgreSQL: skipped — set BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL to a server to create a database on.",
    );
    return;
  }
  const name = `luoshi_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  try {
    const store = await openStore({ url: dbUrl.toString() });
    try {
      await benchStore(`PostgreSQL (database ${name} on ${dbUrl.host})`, store);
    } finally {
      await store.close();
    }
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

console.log(
  `API benchmark: ${runs} runs per request after ${WARMUP_RUNS} warm-up runs (fewer once ${budgetMs / 1000} s ` +
    `are spent, but at least ${MIN_RUNS}); scale ${scale}`,
);
if (values.only !== "postgres") await benchPglite();
if (values.only !== "pglite") await benchPostgres();
