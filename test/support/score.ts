// The project's own scorer for a ParsedPlan against hand-labelled gold, following the scoring rules of
// the plan-json contract. It lives with the tests (not in src/) because it judges the parser, and it
// must run in a user's clone, where the shared reference scorer is absent.
import type { IndicatorOp, Role } from "../../src/parse/types.ts";

// Structural shapes rather than ParsedPlan itself: gold files carry `alts`/`anyRole` and no `source`,
// and a ParsedPlan must be scorable without conversion, so both only need to fit these.
export type ScoredUnit = { name: string; role: Role; alts?: readonly string[]; anyRole?: boolean };
export type ScoredDeadline = { raw: string | null; due: string | null; ongoing: boolean };
export type ScoredMeasure = { text: string; units: readonly ScoredUnit[]; deadline: ScoredDeadline | null };
export type ScoredTask = { key: string; title: string; measures: readonly ScoredMeasure[] };
export type ScoredIndicator = { name: string; op: IndicatorOp; target: number; targetHigh?: number; unit: string };
export type ScoredPlan = {
  title: string;
  docNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  period: { from: number; to: number } | null;
  tasks: readonly ScoredTask[];
  indicators: readonly ScoredIndicator[];
};

/** Matched items against what was predicted and what the gold holds. */
export type Counts = { matched: number; pred: number; gold: number };
export type Prf = Counts & { p: number; r: number; f1: number };
export type Accuracy = { correct: number; gold: number; acc: number };
export type MetaShare = { correct: number; fields: number; share: number };

export type DocScore = {
  tasks: Prf;
  measures: Prf;
  units: Prf;
  deadlines: Accuracy;
  indicators: Prf;
  meta: MetaShare;
  misses: string[];
};

export type Overall = Omit<DocScore, "misses">;
export type CorpusScore = {
  documents: (DocScore & { name: string })[];
  overall: Overall;
  /** Every document's misses, each prefixed with the document's name. */
  misses: string[];
};

export const TITLE_OVERLAP = 0.6;
export const MEASURE_OVERLAP = 0.6;
export const INDICATOR_NAME_OVERLAP = 0.3;

const META_FIELDS = ["title", "docNumber", "issuer", "issuedOn"] as const;
const SCALE: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

// --- text normalisation -------------------------------------------------------------------------

/** Markup and whitespace carry no meaning in the contract, so they never count against a match. */
export const squeeze = (s: string | null | undefined): string => (s ?? "").replace(/<\/?p>/g, "").replace(/\s+/g, "");
export const fullParens = (s: string | null | undefined): string =>
  squeeze(s).replace(/\(/g, "（").replace(/\)/g, "）");
/** "一、/1" and "(一)" are the same keys as "一/1" and "（一）" (contract's heading conventions). */
export const canonKey = (key: string): string => fullParens(key).replace(/、/g, "");

/**
 * Share of the gold text's characters that also occur in the candidate, counted as a multiset so a
 * candidate cannot reuse one character for several gold ones. Empty gold matches only empty text.
 */
export function overlap(gold: string, candidate: string): number {
  const goldChars = [...squeeze(gold)];
  const bag = new Map<string, number>();
  for (const ch of squeeze(candidate)) bag.set(ch, (bag.get(ch) ?? 0) + 1);
  if (goldChars.length === 0) return bag.size === 0 ? 1 : 0;
  let hit = 0;
  for (const ch of goldChars) {
    const left = bag.get(ch) ?? 0;
    if (left > 0) {
      hit++;
      bag.set(ch, left - 1);
    }
  }
  return hit / goldChars.length;
}

// --- arithmetic ---------------------------------------------------------------------------------

/** An empty denominator means nothing was asked or nothing was claimed, which is not an error. */
const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const harmonic = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function prf({ matched, pred, gold }: Counts): Prf {
  const p = ratio(matched, pred);
  const r = ratio(matched, gold);
  return { matched, pred, gold, p, r, f1: harmonic(p, r) };
}

const accuracy = (correct: number, gold: number): Accuracy => ({ correct, gold, acc: ratio(correct, gold) });
const metaShare = (correct: number, fields: number): MetaShare => ({ correct, fields, share: ratio(correct, fields) });

/** Indicator values are printed in the unit's scale ("2.1万件"); compare them in plain numbers. */
export function scaledValue(value: number | undefined, unit: string): number {
  const u = squeeze(unit);
  const factor = Object.entries(SCALE).find(([word]) => u.startsWith(word))?.[1] ?? 1;
  return Number(value) * factor;
}
export const baseUnit = (unit: string): string => squeeze(unit).replace(/^[万亿]/, "");
const nearlyEqual = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

// --- matching -----------------------------------------------------------------------------------

/** Mutable tallies for one document; turned into figures once at the end. */
type Tally = {
  tasks: Counts;
  measures: Counts;
  units: Counts;
  deadlines: { correct: number; gold: number };
  misses: string[];
};

const hasRaw = (d: ScoredDeadline | null | undefined): d is ScoredDeadline => Boolean(d?.raw);

function firstByKey(tasks: readonly ScoredTask[]): Map<string, ScoredTask> {
  const byKey = new Map<string, ScoredTask>();
  // A duplicated key is the parser's mistake; the first one stands and the rest count as wrong.
  for (const t of tasks) if (!byKey.has(canonKey(t.key))) byKey.set(canonKey(t.key), t);
  return byKey;
}

function scoreUnits(key: string, gold: ScoredMeasure, pred: ScoredMeasure, tally: Tally): void {
  const taken = new Set<number>();
  for (const gu of gold.units) {
    const names = [gu.name, ...(gu.alts ?? [])].map(fullParens);
    const k = pred.units.findIndex(
      (pu, i) => !taken.has(i) && names.includes(fullParens(pu.name)) && (gu.anyRole === true || pu.role === gu.role),
    );
    if (k < 0) {
      tally.misses.push(`unit in ${key}: ${gu.name}/${gu.role}`);
      continue;
    }
    taken.add(k);
    tally.units.matched++;
  }
}

function scoreDeadline(key: string, gold: ScoredMeasure, pred: ScoredMeasure, tally: Tally): void {
  if (!hasRaw(gold.deadline)) return;
  const want = gold.deadline;
  const got = pred.deadline;
  if ((got?.due ?? null) === (want.due ?? null) && Boolean(got?.ongoing) === Boolean(want.ongoing)) {
    tally.deadlines.correct++;
  } else {
    tally.misses.push(
      `deadline in ${key}: ${want.raw} -> want ${want.due}/${want.ongoing}, got ${got?.due}/${got?.ongoing}`,
    );
  }
}

/** Measures are aligned in order: each gold measure takes the next predicted one that overlaps enough. */
function scoreMeasures(gold: ScoredTask, pred: ScoredTask, tally: Tally): void {
  let from = 0;
  for (const gm of gold.measures) {
    const offset = pred.measures.slice(from).findIndex((pm) => overlap(gm.text, pm.text) >= MEASURE_OVERLAP);
    if (offset < 0) {
      tally.misses.push(`measure in ${gold.key}: ${squeeze(gm.text).slice(0, 16)}`);
      continue;
    }
    const pm = pred.measures[from + offset] as ScoredMeasure;
    from += offset + 1;
    tally.measures.matched++;
    scoreUnits(gold.key, gm, pm, tally);
    scoreDeadline(gold.key, gm, pm, tally);
  }
}

function scoreTasks(gold: ScoredPlan, pred: ScoredPlan): Tally {
  const tally: Tally = {
    tasks: { matched: 0, pred: pred.tasks.length, gold: gold.tasks.length },
    measures: { matched: 0, pred: 0, gold: 0 },
    units: { matched: 0, pred: 0, gold: 0 },
    deadlines: { correct: 0, gold: 0 },
    misses: [],
  };
  const byKey = firstByKey(pred.tasks);
  for (const gt of gold.tasks) {
    // Gold items of a missed task still count: losing a task loses its measures, units and deadlines.
    tally.measures.gold += gt.measures.length;
    for (const gm of gt.measures) {
      tally.units.gold += gm.units.length;
      if (hasRaw(gm.deadline)) tally.deadlines.gold++;
    }
    const pt = byKey.get(canonKey(gt.key));
    if (!pt || overlap(gt.title, pt.title) < TITLE_OVERLAP) {
      tally.misses.push(`task ${gt.key}`);
      continue;
    }
    tally.tasks.matched++;
    // Precision is judged only inside matched tasks, so a wrong title is not also punished per measure.
    tally.measures.pred += pt.measures.length;
    for (const pm of pt.measures) tally.units.pred += pm.units.length;
    scoreMeasures(gt, pt, tally);
  }
  return tally;
}

/** The scorer's pairing of a gold indicator with a parsed one (same op, unit, target; names overlapping). */
export function indicatorsMatch(gold: ScoredIndicator, pred: ScoredIndicator): boolean {
  if (pred.op !== gold.op || baseUnit(pred.unit) !== baseUnit(gold.unit)) return false;
  if (!nearlyEqual(scaledValue(pred.target, pred.unit), scaledValue(gold.target, gold.unit))) return false;
  const highOk =
    gold.op !== "range" ||
    nearlyEqual(scaledValue(pred.targetHigh, pred.unit), scaledValue(gold.targetHigh, gold.unit));
  return highOk && overlap(gold.name, pred.name) >= INDICATOR_NAME_OVERLAP;
}

function scoreIndicators(gold: ScoredPlan, pred: ScoredPlan, misses: string[]): Prf {
  const used = new Set<number>();
  for (const g of gold.indicators) {
    const k = pred.indicators.findIndex((p, i) => !used.has(i) && indicatorsMatch(g, p));
    if (k >= 0) used.add(k);
    else misses.push(`indicator ${g.name} ${g.op} ${g.target}${g.unit}`);
  }
  return prf({ matched: used.size, pred: pred.indicators.length, gold: gold.indicators.length });
}

type Period = ScoredPlan["period"];
// A JSON prediction may omit the field altogether; absent and null both mean "no period".
const samePeriod = (a: Period | undefined, b: Period | undefined): boolean =>
  a == null || b == null ? a == null && b == null : a.from === b.from && a.to === b.to;

function scoreMeta(gold: ScoredPlan, pred: ScoredPlan, misses: string[]): MetaShare {
  let correct = 0;
  for (const field of META_FIELDS) {
    if (fullParens(gold[field]) === fullParens(pred[field])) correct++;
    else misses.push(`${field}: want ${gold[field]}, got ${pred[field]}`);
  }
  if (samePeriod(gold.period, pred.period)) correct++;
  else misses.push(`period: want ${JSON.stringify(gold.period)}, got ${JSON.stringify(pred.period)}`);
  return metaShare(correct, META_FIELDS.length + 1);
}

// --- public entry points ------------------------------------------------------------------------

export function scorePlan(gold: ScoredPlan, pred: ScoredPlan): DocScore {
  const tally = scoreTasks(gold, pred);
  const indicators = scoreIndicators(gold, pred, tally.misses);
  const meta = scoreMeta(gold, pred, tally.misses);
  return {
    tasks: prf(tally.tasks),
    measures: prf(tally.measures),
    units: prf(tally.units),
    deadlines: accuracy(tally.deadlines.correct, tally.deadlines.gold),
    indicators,
    meta,
    misses: tally.misses,
  };
}

const addCounts = (a: Counts, b: Counts): Counts => ({
  matched: a.matched + b.matched,
  pred: a.pred + b.pred,
  gold: a.gold + b.gold,
});

/** Micro-averages: a large document weighs as much as its items, not as one vote among documents. */
export function scoreCorpus(docs: readonly { name: string; gold: ScoredPlan; pred: ScoredPlan }[]): CorpusScore {
  const documents = docs.map(({ name, gold, pred }) => ({ name, ...scorePlan(gold, pred) }));
  const zero: Counts = { matched: 0, pred: 0, gold: 0 };
  const sum = (pick: (d: DocScore) => Counts): Prf => prf(documents.map(pick).reduce(addCounts, zero));
  const deadlineSum = documents.reduce((a, d) => ({ c: a.c + d.deadlines.correct, g: a.g + d.deadlines.gold }), {
    c: 0,
    g: 0,
  });
  const metaSum = documents.reduce((a, d) => ({ c: a.c + d.meta.correct, f: a.f + d.meta.fields }), { c: 0, f: 0 });
  return {
    documents,
    overall: {
      tasks: sum((d) => d.tasks),
      measures: sum((d) => d.measures),
      units: sum((d) => d.units),
      deadlines: accuracy(deadlineSum.c, deadlineSum.g),
      indicators: sum((d) => d.indicators),
      // Every document has the same five fields, so this equals the mean of per-document shares.
      meta: documents.length === 0 ? metaShare(0, 0) : metaShare(metaSum.c, metaSum.f),
    },
    misses: documents.flatMap((d) => d.misses.map((m) => `${d.name}: ${m}`)),
  };
}

const pct = (x: number): string => (100 * x).toFixed(1);

/** One line in the reference scorer's order, for assertion messages and scripts. */
export function formatScore(s: Overall): string {
  return [
    `tasks F1 ${pct(s.tasks.f1)} (${s.tasks.matched}/${s.tasks.gold} gold, ${s.tasks.pred} found)`,
    `measures F1 ${pct(s.measures.f1)}`,
    `units F1 ${pct(s.units.f1)}`,
    `deadlines ${pct(s.deadlines.acc)}% of ${s.deadlines.gold}`,
    `indicators F1 ${pct(s.indicators.f1)} of ${s.indicators.gold}`,
    `meta ${pct(s.meta.share)}%`,
  ].join(" | ");
}
