// Parser throughput: the seeds as they are, then generated numbered-item plans of growing size to see
// whether time grows linearly with input, in-process (parsePlanBytes, no CLI start-up or JSON printing).
// Then the whole `luoshi` process as a user runs it (bin/luoshi.mjs on the built dist/): --help, parse of a
// seed and of a 4 MB plan, and serve until it listens on an existing data directory.
//
//   npm run bench:parse [-- --runs N] [--sizes 1,4,16] [--parts seeds,generated,process]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { parsePlanBytes } from "../src/parse/index.ts";
import { generatePlan } from "../test/support/generate-plan.ts";

const TARGET_MB_PER_S = 5;
const MB = 1_000_000;

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "20" },
    sizes: { type: "string", default: "1,4,16" },
    parts: { type: "string", default: "seeds,generated,process" },
  },
});
const parts = new Set((values.parts as string).split(","));
const seedRuns = Math.max(20, Number(values.runs));
const sizesMb = (values.sizes as string).split(",").map(Number);

type Timing = { medianMs: number; tasks: number; error: string | null };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** A run that rejects is still timed: rejecting a document quickly is part of the parser's job. */
async function parseOnce(
  bytes: Uint8Array,
  name: string,
): Promise<{ ms: number; tasks: number; error: string | null }> {
  const started = performance.now();
  try {
    const plan = await parsePlanBytes(bytes, name);
    return { ms: performance.now() - started, tasks: plan.tasks.length, error: null };
  } catch (error) {
    return { ms: performance.now() - started, tasks: 0, error: error instanceof Error ? error.message : String(error) };
  }
}

async function time(bytes: Uint8Array, name: string, runs: number, warmups: number): Promise<Timing> {
  for (let i = 0; i < warmups; i++) await parseOnce(bytes, name);
  const samples: number[] = [];
  let last = { tasks: 0, error: null as string | null };
  for (let i = 0; i < runs; i++) {
    const r = await parseOnce(bytes, name);
    samples.push(r.ms);
    last = r;
  }
  return { medianMs: median(samples), tasks: last.tasks, error: last.error };
}

const mbPerS = (bytes: number, ms: number): number => bytes / MB / (ms / 1000);
const pad = (s: string, n: number): string => s.padStart(n);
const row = (cells: string[], widths: number[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : pad(c, widths[i] ?? 0))).join("  ");

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  console.log(`\n${title}`);
  console.log(row(header, widths));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(row(r, widths));
}

function describeRow(name: string, bytes: number, t: Timing): string[] {
  const rate = mbPerS(bytes, t.medianMs);
  return [
    name,
    (bytes / MB).toFixed(bytes < MB ? 3 : 1),
    t.medianMs.toFixed(2),
    rate.toFixed(2),
    t.medianMs > 0 ? Math.round(t.tasks / (t.medianMs / 1000)).toLocaleString("en-US") : "-",
    String(t.tasks),
    t.error ? `error: ${t.error.slice(0, 40)}` : rate >= TARGET_MB_PER_S ? "ok" : `below ${TARGET_MB_PER_S} MB/s`,
  ];
}

const HEADER = ["document", "MB", "median ms", "MB/s", "tasks/s", "tasks", "note"];

async function benchSeeds(): Promise<void> {
  const dir = join(import.meta.dirname, "..", "test", "fixtures", "seeds");
  const rows: string[][] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()) {
    const bytes = readFileSync(join(dir, file));
    const t = await time(bytes, file, seedRuns, 5);
    rows.push(describeRow(basename(file, ".txt"), bytes.length, t));
  }
  printTable(`Seeds (median of ${seedRuns} runs after 5 warm-up runs)`, HEADER, rows);
}

/** Fewer runs as size grows so the whole bench stays around a minute, but never fewer than 5. */
const runsFor = (mb: number): number => Math.max(5, Math.round(20 / mb));

async function benchGenerated(): Promise<void> {
  const rows: string[][] = [];
  const points: { mb: number; bytes: number; ms: number }[] = [];
  for (const mb of sizesMb) {
    const plan = generatePlan(mb * MB);
    const bytes = new TextEncoder().encode(plan.text);
    const runs = runsFor(mb);
    const t = await time(bytes, `generated-${mb}mb.txt`, runs, 2);
    rows.push(describeRow(`generated ${mb} MB (${plan.items} items, ${runs} runs)`, bytes.length, t));
    points.push({ mb, bytes: bytes.length, ms: t.medianMs });
  }
  printTable("Generated numbered-item plans (median after 2 warm-up runs)", HEADER, rows);
  printGrowth(points);
}

/**
 * Linear growth keeps the time ratio near the size ratio; a quadratic step would show as a time ratio
 * near the size ratio squared. Within 1.5x of linear counts as linear, allowing for GC and caches.
 */
function printGrowth(points: { mb: number; bytes: number; ms: number }[]): void {
  const first = points[0];
  const lastPoint = points[points.length - 1];
  if (!first || !lastPoint || first === lastPoint) return;
  const sizeRatio = lastPoint.bytes / first.bytes;
  const timeRatio = lastPoint.ms / first.ms;
  const verdict = timeRatio <= sizeRatio * 1.5 ? "roughly linear" : "SUPERLINEAR";
  console.log(
    `\nGrowth ${lastPoint.mb} MB / ${first.mb} MB: size x${sizeRatio.toFixed(1)}, time x${timeRatio.toFixed(1)} -> ${verdict}`,
  );
  const slowest = Math.min(...points.map((p) => mbPerS(p.bytes, p.ms)));
  const target = slowest >= TARGET_MB_PER_S ? "meets" : "MISSES";
  console.log(`Slowest generated throughput ${slowest.toFixed(2)} MB/s ${target} the ${TARGET_MB_PER_S} MB/s target`);
}

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "luoshi.mjs");
const PROCESS_RUNS = 7;

/** Wall time of one `luoshi …` process from spawn to exit. */
function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0) throw new Error(`luoshi ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return performance.now() - started;
}

/** Wall time from spawning `luoshi serve` to its "listening" line; the server is stopped afterwards. */
function serveUntilListening(data: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], {
    env: { ...process.env, LUOSHI_DATA: data, DATABASE_URL: "", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (!/listening on/.test(output)) return;
      const ms = performance.now() - started;
      child.once("exit", () => resolve(ms));
      child.kill("SIGTERM");
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!/listening on/.test(output)) reject(new Error(`serve exited ${code}: ${output}`));
    });
  });
}

async function benchProcess(): Promise<void> {
  runCli(["--help"]); // builds dist/ if a source changed, so the rows time the built CLI
  const seed = join(ROOT, "test", "fixtures", "seeds", "sd-2021-provincial-task-list.txt");
  const dir = mkdtempSync(join(tmpdir(), "luoshi-bench-"));
  const large = join(dir, "generated-4mb.txt");
  writeFileSync(large, generatePlan(4 * MB).text);
  const largeBytes = readFileSync(large).length;
  const data = join(dir, "data");
  try {
    const timeRuns = async (once: () => number | Promise<number>) => {
      const samples: number[] = [];
      for (let i = 0; i < PROCESS_RUNS; i++) samples.push(await once());
      return median(samples);
    };
    await serveUntilListening(data); // the first start creates and migrates the data directory
    const rows: [string, number, string, boolean][] = [];
    const help = await timeRuns(() => runCli(["--help"]));
    rows.push(["luoshi --help", help, "≤ 300 ms", help <= 300]);
    const parse = await timeRuns(() => runCli(["parse", seed]));
    rows.push([`luoshi parse ${basename(seed)} (22 KB)`, parse, "≤ 500 ms", parse <= 500]);
    const parseLarge = await timeRuns(() => runCli(["parse", large]));
    const rate = mbPerS(largeBytes, parseLarge);
    rows.push([`luoshi parse 4 MB plan (${rate.toFixed(2)} MB/s)`, parseLarge, "≥ 5 MB/s", rate >= TARGET_MB_PER_S]);
    const serve = await timeRuns(() => serveUntilListening(data));
    rows.push(["luoshi serve until listening (existing data dir)", serve, "≤ 3000 ms", serve <= 3000]);
    const bare = await timeRuns(() => {
      const started = performance.now();
      spawnSync(process.execPath, ["-e", "0"]);
      return performance.now() - started;
    });
    rows.push(["node -e 0 (this machine's floor)", bare, "—", true]);
    printTable(
      `Whole process, built CLI (median of ${PROCESS_RUNS} runs)`,
      ["command", "median ms", "target", "note"],
      rows.map(([name, ms, target, ok]) => [name, ms.toFixed(0), target, ok ? "ok" : "MISSES"]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (parts.has("seeds")) await benchSeeds();
if (parts.has("generated")) await benchGenerated();
if (parts.has("process")) await benchProcess();
