// API latency through the real HTTP API in-process (buildApp + inject with signed-in sessions: routing,
// validation, session lookup, scope, service, serialization; no sockets), on a fresh PGlite and on a
// PostgreSQL database. Two datasets:
// - province (default; bench/api-dataset.ts): ~200 orgs, ~100 plans, ~50k assignments, ~500k reports;
// - national (bench/api-national.ts): ~3,300 orgs, ~2,200 plans, ~500k assignments, ~5M reports
//   (PostgreSQL only unless --only pglite).
// For the national office (national data), a provincial office, a city and a county reporter it times:
// my assignments, the dashboard summary, the overdue list, the first page of all assignments, a plan
// roll-up, two searches and GET /api/plans.
//
//   npm run bench:api [-- --dataset province|national] [--runs 200] [--scale 1] [--budget 40]
//                     [--cap 60] [--only pglite|postgres] [--keep] [--json FILE]
//
// PostgreSQL: a database is created on the server named by BENCH_DATABASE_URL or
// LUOSHI_TEST_DATABASE_URL (without either that part is skipped) and dropped afterwards — unless
// --keep: then it is named luoshi_bench_<dataset>[_s<scale>], kept, and reused by the next --keep run
// (the national set takes minutes to build). A request slower than --cap seconds is abandoned and
// printed as "> cap"; the process exits once the table is printed, whatever is still running.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { FastifyInstance } from "fastify";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { buildApp } from "../src/server/app.ts";
import { type Agent, insertUser, signIn } from "../src/server/testing.ts";
import { refreshStatuses } from "../src/services/assignments/stored-status.ts";
import { openStore, type Store } from "../src/store/db.ts";
import type { Database, OrgKind, UserRole } from "../src/store/schema.ts";
import { loadDataset } from "./api-dataset.ts";
import { loadNationalDataset } from "./api-national.ts";

const TODAY = "2025-06-16";
const NOW = new Date(`${TODAY}T08:00:00Z`);
const WARMUP_RUNS = 10;
const SEARCH_TERMS = ["质押融资", "知识产权"];

const { values } = parseArgs({
  options: {
    dataset: { type: "string", default: "province" },
    runs: { type: "string", default: "200" },
    scale: { type: "string", default: "1" },
    budget: { type: "string" },
    cap: { type: "string", default: "60" },
    only: { type: "string" },
    keep: { type: "boolean", default: false },
    json: { type: "string" },
  },
});
const dataset = values.dataset === "national" ? "national" : "province";
if (values.dataset !== dataset) throw new Error(`--dataset: expected province or national, got ${values.dataset}`);
const runs = Number(values.runs);
const scale = Number(values.scale);
/**
 * Seconds per scenario: a slow one stops after minRuns runs once this is spent (and warms up for a tenth
 * of it), so that even the unoptimised code finishes in minutes.
 */
const budgetMs = Number(values.budget ?? (dataset === "national" ? 10 : 40)) * 1000;
const minRuns = dataset === "national" ? 3 : 10;
const capMs = Number(values.cap) * 1000;

type Scenario = { name: string; agent: Agent; url: string; targetMs: number | null };
type Result = { scenario: Scenario; samples: number[]; rows: number; timedOut: boolean };
type JsonRow = { name: string; rows: number; p50: number | null; p95: number | null; max: number | null };
const jsonRows: JsonRow[] = [];
let abandoned = false;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;

class TimedOut extends Error {}

async function measure(scenario: Scenario): Promise<Result> {
  const once = async () => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const capped = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimedOut()), capMs);
    });
    try {
      const res = await Promise.race([scenario.agent.request("GET", scenario.url), capped]);
      const ms = performance.now() - started;
      if (res.statusCode !== 200) throw new Error(`${scenario.url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return { ms, body: res.json() as { total?: number; rollUp?: { plan: { total: number } }; items?: unknown[] } };
    } finally {
      clearTimeout(timer);
    }
  };
  let rows = 0;
  const warming = performance.now();
  try {
    for (let i = 0; i < WARMUP_RUNS && (i === 0 || performance.now() - warming < budgetMs / 10); i++) {
      const { body } = await once();
      rows = body.total ?? body.rollUp?.plan.total ?? body.items?.length ?? 0;
    }
    const samples: number[] = [];
    const started = performance.now();
    while (samples.length < runs && (samples.length < minRuns || performance.now() - started < budgetMs))
      samples.push((await once()).ms);
    return { scenario, samples, rows, timedOut: false };
  } catch (e) {
    if (!(e instanceof TimedOut)) throw e;
    // The request still runs; nothing more is measured in this process after the table.
    abandoned = true;
    return { scenario, samples: [], rows, timedOut: true };
  }
}

type Actor = { label: string; orgId: number; role: UserRole; planId: number | null };

/** Who is measured, found in the data (so a kept database works): the offices and two reporters. */
async function actors(db: Kysely<Database>): Promise<Actor[]> {
  const byKind = async (kind: OrgKind, parentId?: number) => {
    let q = db.selectFrom("orgs").select("id").where("kind", "=", kind).orderBy("id");
    if (parentId !== undefined) q = q.where("parent_id", "=", parentId);
    return (await q.execute()).map((r) => Number(r.id));
  };
  const national = (await byKind("national"))[0];
  const province = (await byKind("province"))[0];
  if (province === undefined) throw new Error("no province in the data");
  const city = (await byKind("city", province))[8];
  if (city === undefined) throw new Error("no ninth city in the first province");
  const county = (await byKind("county", city))[0];
  if (county === undefined) throw new Error("no county in the ninth city");
  /** The plan with the most assignments among the org's (or its subtree's) own. */
  const largestPlan = async (orgId: number, subtree: boolean) => {
    const row = await sql<{ plan_id: string }>`
      with recursive s(id) as (select ${orgId}::bigint union select o.id from orgs o join s on o.parent_id = s.id and ${subtree})
      select a.plan_id from assignments a where a.org_id in (select id from s)
      group by a.plan_id order by count(*) desc, a.plan_id limit 1`.execute(db);
    return row.rows[0] ? Number(row.rows[0].plan_id) : null;
  };
  const out: Actor[] = [];
  if (national !== undefined)
    out.push({
      label: "national office",
      orgId: national,
      role: "plan_office",
      planId: await largestPlan(national, true),
    });
  out.push({
    label: "provincial office",
    orgId: province,
    role: "plan_office",
    planId: await largestPlan(province, true),
  });
  out.push({ label: "city reporter", orgId: city, role: "reporter", planId: await largestPlan(city, false) });
  out.push({ label: "county reporter", orgId: county, role: "reporter", planId: await largestPlan(county, false) });
  return out;
}

async function scenarios(app: FastifyInstance, store: Store): Promise<Scenario[]> {
  const out: Scenario[] = [];
  const last: Scenario[] = [];
  for (const actor of await actors(store.db)) {
    const username = `bench-${actor.role}-${actor.orgId}`;
    const existing = await store.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", username)
      .executeTakeFirst();
    if (!existing) await insertUser(store, username, actor.role, actor.orgId);
    const agent = await signIn(app, username);
    const office = actor.role === "plan_office";
    const who = `(${actor.label})`;
    out.push({ name: `my assignments ${who}`, agent, url: `/api/assignments?org=${actor.orgId}`, targetMs: 30 });
    const dashboard: Scenario = {
      name: `dashboard summary ${who}`,
      agent,
      url: "/api/dashboard/summary",
      targetMs: actor.label === "national office" ? 300 : office ? 150 : null,
    };
    // The slowest request last: a capped one keeps running in the background.
    if (actor.label === "national office") last.push(dashboard);
    else out.push(dashboard);
    out.push({
      name: `overdue list ${who}`,
      agent,
      url: "/api/assignments?status=overdue&limit=25",
      targetMs: office ? 100 : null,
    });
    out.push({
      name: `first page of all ${who}`,
      agent,
      url: "/api/assignments?limit=25",
      targetMs: office ? 100 : null,
    });
    if (actor.planId !== null)
      out.push({ name: `plan roll-up ${who}`, agent, url: `/api/plans/${actor.planId}`, targetMs: 100 });
    for (const term of SEARCH_TERMS)
      out.push({
        name: `search ${term} ${who}`,
        agent,
        url: `/api/assignments?q=${encodeURIComponent(term)}&limit=25`,
        targetMs: 100,
      });
    out.push({ name: `GET /api/plans ${who}`, agent, url: "/api/plans", targetMs: null });
  }
  return [...out, ...last];
}

function printResults(title: string, results: Result[], postgres: boolean): void {
  const header = ["request", "rows", "runs", "p50 ms", "p95 ms", "max ms", "target p95", ""];
  const capText = `> ${capMs / 1000} s`;
  const lines = results.map(({ scenario, samples, rows, timedOut }) => {
    const sorted = [...samples].sort((a, b) => a - b);
    const p95 = percentile(sorted, 0.95);
    const target = scenario.targetMs === null ? "-" : `≤ ${scenario.targetMs} ms${postgres ? "" : " (PG)"}`;
    const verdict =
      scenario.targetMs === null || !postgres ? "" : !timedOut && p95 <= scenario.targetMs ? "ok" : "MISSED";
    const cell = (n: number) => (timedOut ? capText : n.toFixed(1));
    jsonRows.push({
      name: `${title.split(" —")[0]}: ${scenario.name}`,
      rows,
      p50: timedOut ? null : Number(percentile(sorted, 0.5).toFixed(1)),
      p95: timedOut ? null : Number(p95.toFixed(1)),
      max: timedOut ? null : Number((sorted.at(-1) ?? Number.NaN).toFixed(1)),
    });
    return [
      scenario.name,
      String(rows),
      String(samples.length),
      cell(percentile(sorted, 0.5)),
      cell(p95),
      cell(sorted.at(-1) ?? Number.NaN),
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

const countRows = async (db: Kysely<Database>, table: keyof Database) =>
  Number((await db.selectFrom(table).select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow()).n);

async function benchStore(name: string, store: Store): Promise<void> {
  const loadStarted = performance.now();
  const loaded = (await countRows(store.db, "orgs")) > 0;
  if (!loaded) {
    if (dataset === "national") await loadNationalDataset(store.db, TODAY, scale);
    else await loadDataset(store.db, TODAY, scale);
    // What autovacuum does on a server shortly after a bulk load (statistics for the planner, the
    // visibility map for index-only scans). PGlite has no autovacuum; the bench does the same there.
    await sql`vacuum analyze`.execute(store.db);
  }
  const loadS = ((performance.now() - loadStarted) / 1000).toFixed(1);
  const c = Object.fromEntries(
    await Promise.all(
      (["orgs", "plans", "tasks", "measures", "assignments", "progress_reports"] as const).map(
        async (t) => [t, await countRows(store.db, t)] as const,
      ),
    ),
  );
  // The stored statuses (migration 017) as the daily run leaves them: every row not yet computed for
  // TODAY, in batches. Timed, as the daily run's cost of moving the date.
  const refreshStarted = performance.now();
  const refreshed = await refreshStatuses(store.db, TODAY, { batchSize: 5000 });
  const refreshS = ((performance.now() - refreshStarted) / 1000).toFixed(1);
  // As the daily run leaves the database: statistics current (PGlite analyzes only then).
  await store.maintain();
  console.log(
    `\n${name}: ${loaded ? "reused" : "loaded"} ${c.orgs} orgs, ${c.plans} plans, ${c.tasks} tasks, ${c.measures} measures, ` +
      `${c.assignments} assignments, ${c.progress_reports} progress reports${loaded ? "" : ` in ${loadS} s`}; ` +
      `stored statuses of ${refreshed} assignments computed in ${refreshS} s`,
  );
  const app = buildApp({ store, now: () => NOW });
  await app.ready();
  try {
    const results: Result[] = [];
    for (const scenario of await scenarios(app, store)) {
      results.push(await measure(scenario));
      if (abandoned) break;
    }
    printResults(
      `${name} — ${dataset} data through the HTTP API in-process, today ${TODAY}`,
      results,
      store.kind === "postgres",
    );
    console.log("rows: the list's total, the roll-up's assignment count or the number of plans");
  } finally {
    if (!abandoned) await app.close();
  }
}

async function benchPglite(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-bench-"));
  const store = await openStore({ dataDir: dir });
  try {
    await benchStore("PGlite (fresh temp dir)", store);
  } finally {
    if (!abandoned) await store.close();
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
  const name = values.keep
    ? `luoshi_bench_${dataset}${scale === 1 ? "" : `_s${String(scale).replace(/\W/g, "_")}`}`
    : `luoshi_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const exists = (await admin(`select 1 from pg_database where datname = '${name}'`)).rowCount ?? 0;
  if (!exists) await admin(`create database ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  try {
    const store = await openStore({ url: dbUrl.toString() });
    try {
      await benchStore(`PostgreSQL (database ${name} on ${dbUrl.host}${values.keep ? ", kept" : ""})`, store);
    } finally {
      if (!abandoned) await store.close();
    }
  } finally {
    if (!values.keep && !abandoned) await admin(`drop database if exists ${name} with (force)`);
  }
}

console.log(
  `API benchmark, ${dataset} data: ${runs} runs per request after ${WARMUP_RUNS} warm-up runs (fewer once ` +
    `${budgetMs / 1000} s are spent, but at least ${minRuns}); scale ${scale}; requests capped at ${capMs / 1000} s`,
);
const pglite = values.only === "pglite" || (values.only === undefined && dataset === "province");
if (pglite) await benchPglite();
if (values.only !== "pglite" && !abandoned) await benchPostgres();
if (values.json) writeFileSync(values.json, `${JSON.stringify(jsonRows, null, 2)}\n`);
// An abandoned request would keep the process (and the database) busy for minutes.
if (abandoned) process.exit(0);
