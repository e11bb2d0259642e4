// Re-import carry-over: when a revised plan file replaces the old version, pair each new measure with
// the old one it continues, so assignments, reports and history follow it.
//
// unchanged  identical text once whitespace is removed
// changed    character-bigram Dice similarity ≥ threshold (0.6 by default)
// added      new measures nothing old matched; removed: old measures nothing new matched
// Pairing is greedy, best pair first, one-to-one. A pair inside the same task ranks slightly
// higher (sameTaskBonus) than an equally similar pair across tasks, because renumbered or moved
// measures are rarer than repeated boilerplate such as "加强宣传引导" under several tasks.

export type OldMeasure = { id: number; taskKey: string; text: string };
export type NewMeasure = { taskKey: string; text: string };

export type MeasurePair = { oldId: number; newIndex: number; similarity: number; taskChanged: boolean };

export type MeasureMatch = {
  unchanged: MeasurePair[];
  changed: MeasurePair[];
  added: { newIndex: number }[];
  removed: { oldId: number }[];
};

export type MatchOptions = { threshold?: number; sameTaskBonus?: number };

const squeeze = (s: string): string => s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, "");
/** Punctuation carries no meaning for similarity: a comma turned into a semicolon is the same measure. */
const forSimilarity = (s: string): string => squeeze(s).replace(/[\p{P}\p{S}]/gu, "");

function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const grams = new Map<string, number>();
  // One-character texts have no bigrams; their single character stands in.
  const list = chars.length < 2 ? chars : chars.slice(1).map((c, i) => `${chars[i]}${c}`);
  for (const g of list) grams.set(g, (grams.get(g) ?? 0) + 1);
  return grams;
}

const size = (m: Map<string, number>): number => {
  let n = 0;
  for (const c of m.values()) n += c;
  return n;
};

/** Dice coefficient over character-bigram multisets, 0–1. */
export function similarity(a: string, b: string): number {
  const ga = bigrams(forSimilarity(a));
  const gb = bigrams(forSimilarity(b));
  const total = size(ga) + size(gb);
  if (total === 0) return 1;
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return (2 * shared) / total;
}

export function matchMeasures(
  olds: readonly OldMeasure[],
  news: readonly NewMeasure[],
  options: MatchOptions = {},
): MeasureMatch {
  const threshold = options.threshold ?? 0.6;
  const bonus = options.sameTaskBonus ?? 0.05;
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const unchanged: MeasurePair[] = [];
  const changed: MeasurePair[] = [];
  const pair = (oi: number, ni: number, sim: number, into: MeasurePair[]) => {
    const o = olds[oi];
    const n = news[ni];
    if (!o || !n) return;
    usedOld.add(oi);
    usedNew.add(ni);
    into.push({ oldId: o.id, newIndex: ni, similarity: sim, taskChanged: o.taskKey !== n.taskKey });
  };

  // Identical texts first, same task before across tasks, so a repeated sentence stays in its task.
  const oldByText = new Map<string, number[]>();
  olds.forEach((o, i) => {
    const key = squeeze(o.text);
    oldByText.set(key, [...(oldByText.get(key) ?? []), i]);
  });
  for (const sameTask of [true, false]) {
    news.forEach((n, ni) => {
      if (usedNew.has(ni)) return;
      const oi = (oldByText.get(squeeze(n.text)) ?? []).find(
        (i) => !usedOld.has(i) && (!sameTask || olds[i]?.taskKey === n.taskKey),
      );
      if (oi !== undefined) pair(oi, ni, 1, unchanged);
    });
  }

  const candidates: { oi: number; ni: number; sim: number; rank: number }[] = [];
  olds.forEach((o, oi) => {
    if (usedOld.has(oi)) return;
    news.forEach((n, ni) => {
      if (usedNew.has(ni)) return;
      const sim = similarity(o.text, n.text);
      if (sim >= threshold) candidates.push({ oi, ni, sim, rank: sim + (o.taskKey === n.taskKey ? bonus : 0) });
    });
  });
  // Stable order for equal ranks keeps the result independent of the sort implementation.
  candidates.sort((a, b) => b.rank - a.rank || a.oi - b.oi || a.ni - b.ni);
  for (const c of candidates) {
    if (!usedOld.has(c.oi) && !usedNew.has(c.ni)) pair(c.oi, c.ni, c.sim, changed);
  }

  const byNew = (a: MeasurePair, b: MeasurePair) => a.newIndex - b.newIndex;
  return {
    unchanged: unchanged.sort(byNew),
    changed: changed.sort(byNew),
    added: news
      .map((_, ni) => ni)
      .filter((ni) => !usedNew.has(ni))
      .map((newIndex) => ({ newIndex })),
    removed: olds.filter((_, oi) => !usedOld.has(oi)).map((o) => ({ oldId: o.id })),
  };
}

// Indicators of a revised plan pair with the old ones the same way: identical (name, comparison, target,
// unit, date) is unchanged; otherwise names at least `threshold` similar with the same unit are the same
// indicator changed (a raised target, a reworded name), an equal target ranking a pair slightly higher.
// Their recorded values follow them; a different unit measures something else.

export type IndicatorFields = {
  name: string;
  op: string;
  target: number;
  targetHigh: number | null;
  unit: string;
  by: string | null;
};

export type IndicatorPair = { oldId: number; newIndex: number; similarity: number };

export type IndicatorMatch = {
  unchanged: IndicatorPair[];
  changed: IndicatorPair[];
  added: { newIndex: number }[];
  removed: { oldId: number }[];
};

const sameIndicator = (a: IndicatorFields, b: IndicatorFields): boolean =>
  squeeze(a.name) === squeeze(b.name) &&
  a.op === b.op &&
  a.target === b.target &&
  (a.targetHigh ?? null) === (b.targetHigh ?? null) &&
  a.unit === b.unit &&
  (a.by ?? null) === (b.by ?? null);

export function matchIndicators(
  olds: readonly (IndicatorFields & { id: number })[],
  news: readonly IndicatorFields[],
  threshold = 0.6,
): IndicatorMatch {
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const unchanged: IndicatorPair[] = [];
  const changed: IndicatorPair[] = [];
  news.forEach((n, ni) => {
    const oi = olds.findIndex((o, i) => !usedOld.has(i) && sameIndicator(o, n));
    const o = olds[oi];
    if (!o) return;
    usedOld.add(oi);
    usedNew.add(ni);
    unchanged.push({ oldId: o.id, newIndex: ni, similarity: 1 });
  });
  const candidates: { oi: number; ni: number; sim: number; rank: number }[] = [];
  olds.forEach((o, oi) => {
    if (usedOld.has(oi)) return;
    news.forEach((n, ni) => {
      if (usedNew.has(ni) || o.unit !== n.unit) return;
      const sim = similarity(o.name, n.name);
      if (sim >= threshold) candidates.push({ oi, ni, sim, rank: sim + (o.target === n.target ? 0.05 : 0) });
    });
  });
  candidates.sort((a, b) => b.rank - a.rank || a.oi - b.oi || a.ni - b.ni);
  for (const c of candidates) {
    const o = olds[c.oi];
    if (!o || usedOld.has(c.oi) || usedNew.has(c.ni)) continue;
    usedOld.add(c.oi);
    usedNew.add(c.ni);
    changed.push({ oldId: o.id, newIndex: c.ni, similarity: c.sim });
  }
  return {
    unchanged,
    changed: changed.sort((a, b) => a.newIndex - b.newIndex),
    added: news
      .map((_, ni) => ni)
      .filter((ni) => !usedNew.has(ni))
      .map((newIndex) => ({ newIndex })),
    removed: olds.filter((_, oi) => !usedOld.has(oi)).map((o) => ({ oldId: o.id })),
  };
}
