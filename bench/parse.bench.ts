// Parser throughput: the seeds as they are, then generated numbered-item plans of growing size to see
// whether time grows linearly with input. In-process (parsePlanBytes), so CLI start-up and JSON
// printing are left out.
//
//   npm run bench:parse [-- --runs N] [--sizes 1,4,16]
import { readdirSync, readFileSync } from "node:fs";
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
  },
});
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

await benchSeeds();
await benchGenerated();
