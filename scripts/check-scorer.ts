// Cross-checks test/support/score.ts against the shared reference scorer (eval-parse.mjs) on perturbed
// copies of the gold files. It lives outside the test suite because the reference sits in ../shared,
// which a user's clone does not have.
//
//   npx tsx scripts/check-scorer.ts [--ref PATH/eval-parse.mjs] [--rounds N]
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import {
  type ScoredIndicator,
  type ScoredMeasure,
  type ScoredPlan,
  type ScoredTask,
  type ScoredUnit,
  scoreCorpus,
} from "../test/support/score.ts";

const root = join(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    ref: { type: "string", default: join(root, "..", "shared", "tools", "eval-parse.mjs") },
    rounds: { type: "string", default: "12" },
  },
});
const refPath = values.ref as string;
const rounds = Number(values.rounds);
if (!existsSync(refPath)) {
  console.error(`check-scorer: reference scorer not found at ${refPath} (pass --ref)`);
  process.exit(2);
}

// A seeded generator so a disagreement can be reproduced from the round number alone.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const chance = (r: Random, p: number): boolean => r() < p;
const cut = (r: Random, s: string): string => [...s].slice(0, Math.floor([...s].length * (0.4 + 0.4 * r()))).join("");
const scramble = (r: Random, s: string): string =>
  [...s].map((ch) => (chance(r, 0.45) ? String.fromCharCode(0x4e00 + Math.floor(r() * 2000)) : ch)).join("");

function perturbUnit(r: Random, u: ScoredUnit): ScoredUnit[] {
  if (chance(r, 0.08)) return [];
  const roles = ["lead", "support", "owner"] as const;
  const role = chance(r, 0.15) ? (roles[Math.floor(r() * 3)] ?? "owner") : u.role;
  let name = u.name;
  if (u.alts?.[0] && chance(r, 0.5)) name = u.alts[0];
  if (chance(r, 0.1)) name = name.replace(/（/g, "(").replace(/）/g, ")");
  if (chance(r, 0.05)) name = `${name}办`;
  const extra: ScoredUnit[] = chance(r, 0.05) ? [{ name: "某虚构单位", role: "owner" }] : [];
  return [{ name, role }, ...extra];
}

function perturbMeasure(r: Random, m: ScoredMeasure): ScoredMeasure[] {
  if (chance(r, 0.08)) return [];
  const text = chance(r, 0.15) ? cut(r, m.text) : chance(r, 0.05) ? scramble(r, m.text) : m.text;
  let deadline = m.deadline;
  if (deadline && chance(r, 0.15)) deadline = { ...deadline, due: chance(r, 0.5) ? null : "2099-01-31" };
  if (deadline && chance(r, 0.08)) deadline = { ...deadline, ongoing: !deadline.ongoing };
  if (chance(r, 0.04)) deadline = null;
  const out: ScoredMeasure = { text, units: m.units.flatMap((u) => perturbUnit(r, u)), deadline };
  return chance(r, 0.05) ? [out, { ...out, text: `重复${out.text}` }] : [out];
}

function perturbTask(r: Random, t: ScoredTask): ScoredTask[] {
  if (chance(r, 0.07)) return [];
  let key = t.key;
  if (chance(r, 0.05)) key = `${key}9`;
  else if (chance(r, 0.1))
    key = key
      .replace(/^([一二三四五六七八九十]+)\//, "$1、/")
      .replace(/（/g, "(")
      .replace(/）/g, ")");
  const title = chance(r, 0.1) ? cut(r, t.title) : chance(r, 0.05) ? scramble(r, t.title) : t.title;
  let measures = t.measures.flatMap((m) => perturbMeasure(r, m));
  if (measures.length > 1 && chance(r, 0.08)) measures = [...measures.slice(1), ...measures.slice(0, 1)];
  const out = { key, title, measures };
  return chance(r, 0.04) ? [out, { ...out, title: "重复的任务" }] : [out];
}

function perturbIndicator(r: Random, i: ScoredIndicator): ScoredIndicator[] {
  if (chance(r, 0.1)) return [];
  let out: ScoredIndicator = { ...i };
  if (chance(r, 0.2) && !/^[万亿]/.test(i.unit)) {
    out = { ...out, target: i.target / 1e4, unit: `万${i.unit}` };
    if (i.targetHigh !== undefined) out.targetHigh = i.targetHigh / 1e4;
  }
  if (chance(r, 0.1)) out = { ...out, op: out.op === ">=" ? ">" : ">=" };
  if (chance(r, 0.1)) out = { ...out, target: out.target + 1 };
  if (out.targetHigh !== undefined && chance(r, 0.3)) delete out.targetHigh;
  if (chance(r, 0.15)) out = { ...out, name: cut(r, out.name) };
  if (chance(r, 0.05)) out = { ...out, name: "无关" };
  return [out];
}

function perturbPlan(r: Random, gold: ScoredPlan): ScoredPlan {
  const swap = <T>(v: T, alt: T): T => (chance(r, 0.15) ? alt : v);
  return {
    title: swap(gold.title, `${gold.title}(修订)`),
    docNumber: swap(gold.docNumber, null),
    issuer: swap(gold.issuer, "某某人民政府"),
    issuedOn: swap(gold.issuedOn, null),
    period: swap(gold.period, gold.period ? null : { from: 2020, to: 2020 }),
    tasks: gold.tasks.flatMap((t) => perturbTask(r, t)),
    indicators: gold.indicators.flatMap((i) => perturbIndicator(r, i)),
  };
}

/** The figures both scorers print, flattened so a disagreement names the field. */
type Figures = Record<string, number>;

type RefResult = {
  tasks: { p: number; r: number; f1: number };
  measures: { p: number; r: number; f1: number };
  units: { p: number; r: number; f1: number };
  deadlines: { acc: number };
  indicators: { p: number; r: number; f1: number };
  meta: number;
  misses: string[];
};

function runReference(goldPath: string, predPath: string): RefResult {
  const out = execFileSync(process.execPath, [refPath, "--gold", goldPath, "--pred", predPath, "--json"], {
    encoding: "utf8",
  });
  const parsed = JSON.parse(out) as { results: RefResult[] };
  const first = parsed.results[0];
  if (!first) throw new Error("reference printed no result");
  return first;
}

function refFigures(s: RefResult): Figures {
  return {
    "tasks.p": s.tasks.p,
    "tasks.r": s.tasks.r,
    "measures.p": s.measures.p,
    "measures.r": s.measures.r,
    "units.p": s.units.p,
    "units.r": s.units.r,
    deadlines: s.deadlines.acc,
    "indicators.p": s.indicators.p,
    "indicators.r": s.indicators.r,
    meta: s.meta,
    misses: s.misses.length,
  };
}

function ourFigures(gold: ScoredPlan, pred: ScoredPlan): Figures {
  const doc = scoreCorpus([{ name: "x", gold, pred }]).documents[0];
  if (!doc) throw new Error("no document score");
  return {
    "tasks.p": doc.tasks.p,
    "tasks.r": doc.tasks.r,
    "measures.p": doc.measures.p,
    "measures.r": doc.measures.r,
    "units.p": doc.units.p,
    "units.r": doc.units.r,
    deadlines: doc.deadlines.acc,
    "indicators.p": doc.indicators.p,
    "indicators.r": doc.indicators.r,
    meta: doc.meta.share,
    misses: doc.misses.length,
  };
}

type RefOverall = Record<"tasksF1" | "measuresF1" | "unitsF1" | "deadlinesAcc" | "indicatorsF1" | "meta", number>;

/**
 * The micro-averaged overall line, checked through the reference's directory mode: "cat" stands in
 * for the parser so each "document" is already the prediction.
 */
function checkOverall(): void {
  const files = readdirSync(goldDir).filter((f) => f.endsWith(".json"));
  for (let round = 0; round < rounds; round++) {
    const dir = mkdtempSync(join(work, `overall-${round}-`));
    const docs = files.map((file) => {
      const gold = JSON.parse(readFileSync(join(goldDir, file), "utf8")) as ScoredPlan;
      const pred = perturbPlan(rng(round * 104729 + file.length), gold);
      writeFileSync(join(dir, file), JSON.stringify(pred));
      return { name: file, gold, pred };
    });
    const out = execFileSync(
      process.execPath,
      [refPath, "--gold-dir", goldDir, "--doc-dir", dir, "--cmd", "cat", "--json"],
      { encoding: "utf8" },
    );
    const theirs = (JSON.parse(out) as { overall: RefOverall }).overall;
    const o = scoreCorpus(docs).overall;
    const ours: RefOverall = {
      tasksF1: o.tasks.f1,
      measuresF1: o.measures.f1,
      unitsF1: o.units.f1,
      deadlinesAcc: o.deadlines.acc,
      indicatorsF1: o.indicators.f1,
      meta: o.meta.share,
    };
    compared++;
    for (const [field, value] of Object.entries(theirs)) {
      const mine = ours[field as keyof RefOverall];
      if (Math.abs(value - mine) > 1e-12)
        disagreements.push(`overall round ${round} ${field}: reference ${value}, ours ${mine}`);
    }
  }
}

/** The real parser's output on the seeds: the predictions the seed tests actually score. */
function checkParserOutput(): void {
  for (const file of readdirSync(goldDir).filter((f) => f.endsWith(".json"))) {
    const seed = join(root, "test", "fixtures", "seeds", `${basename(file, ".json")}.txt`);
    const goldPath = join(goldDir, file);
    let out: string;
    try {
      out = execFileSync(process.execPath, [join(root, "bin", "luoshi.mjs"), "parse", seed], {
        encoding: "utf8",
        maxBuffer: 64 << 20,
        stdio: ["ignore", "pipe", "ignore"],
      });
    } catch {
      console.log(`${file}: parser failed; its output is not compared`);
      continue;
    }
    const predPath = join(work, `parsed-${file}`);
    writeFileSync(predPath, out);
    const gold = JSON.parse(readFileSync(goldPath, "utf8")) as ScoredPlan;
    const theirs = refFigures(runReference(goldPath, predPath));
    const ours = ourFigures(gold, JSON.parse(out) as ScoredPlan);
    compared++;
    for (const [field, value] of Object.entries(theirs)) {
      if (Math.abs(value - (ours[field] ?? Number.NaN)) > 1e-12) {
        disagreements.push(`${file} parser output ${field}: reference ${value}, ours ${ours[field]}`);
      }
    }
  }
}

const goldDir = join(root, "test", "fixtures", "gold");
const work = mkdtempSync(join(tmpdir(), "luoshi-check-scorer-"));
let compared = 0;
const disagreements: string[] = [];
try {
  for (const file of readdirSync(goldDir).filter((f) => f.endsWith(".json"))) {
    const goldPath = join(goldDir, file);
    const gold = JSON.parse(readFileSync(goldPath, "utf8")) as ScoredPlan;
    const preds: ScoredPlan[] = [gold, { ...gold, tasks: [], indicators: [] }];
    for (let round = 0; round < rounds; round++) preds.push(perturbPlan(rng(round * 7919 + file.length), gold));
    preds.forEach((pred, n) => {
      const predPath = join(work, `${basename(file, ".json")}.${n}.json`);
      writeFileSync(predPath, JSON.stringify(pred));
      const theirs = refFigures(runReference(goldPath, predPath));
      const ours = ourFigures(gold, pred);
      compared++;
      if (process.env.CHECK_SCORER_VERBOSE) console.log(file, n, JSON.stringify(ours));
      for (const [field, value] of Object.entries(theirs)) {
        if (Math.abs(value - (ours[field] ?? Number.NaN)) > 1e-12) {
          disagreements.push(`${file} pred #${n} ${field}: reference ${value}, ours ${ours[field]}`);
        }
      }
    });
  }
  checkOverall();
  checkParserOutput();
} finally {
  rmSync(work, { recursive: true, force: true });
}

for (const d of disagreements) console.log(d);
console.log(`check-scorer: ${compared} predictions compared, ${disagreements.length} disagreements`);
process.exitCode = disagreements.length === 0 ? 0 : 1;
