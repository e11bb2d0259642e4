// Scoring task-link suggestions against hand labels (test/fixtures/links/): the figures the
// alignment test prints and asserts, for the engine and for the bigram TF-IDF baseline alike.

export type LinkLabel = { lowerKey: string; primary: string | null; related: string[] };
/** Ranked upper task keys for one lower task; [] where the method abstains. */
export type Ranking = { lowerKey: string; keys: string[] };

export type LinkMetrics = {
  /** Lower tasks with a labelled counterpart. */
  linked: number;
  /** Top suggestion is the primary or a related link, over linked tasks. */
  precisionAt1: number;
  /** Top suggestion is the primary, over linked tasks. */
  strictPrecisionAt1: number;
  /** The primary is among the first three suggestions, over linked tasks. */
  recallAt3: number;
  /** Lower tasks labelled without counterpart. */
  unlinked: number;
  /** Of those, the share where the method suggested nothing. */
  correctAbstention: number;
  /** Linked tasks where the method suggested nothing (a missed link). */
  wrongAbstentions: number;
};

export function scoreLinks(labels: readonly LinkLabel[], rankings: readonly Ranking[]): LinkMetrics {
  const byKey = new Map(rankings.map((r) => [r.lowerKey, r.keys]));
  let linked = 0;
  let p1 = 0;
  let strict = 0;
  let r3 = 0;
  let unlinked = 0;
  let abstained = 0;
  let wrongAbstentions = 0;
  for (const label of labels) {
    const keys = byKey.get(label.lowerKey);
    if (keys === undefined) throw new Error(`no ranking for lower task ${label.lowerKey}`);
    if (label.primary === null) {
      unlinked++;
      if (keys.length === 0) abstained++;
      continue;
    }
    linked++;
    const top = keys[0];
    if (top === undefined) wrongAbstentions++;
    if (top === label.primary || (top !== undefined && label.related.includes(top))) p1++;
    if (top === label.primary) strict++;
    if (keys.slice(0, 3).includes(label.primary)) r3++;
  }
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  return {
    linked,
    precisionAt1: share(p1, linked),
    strictPrecisionAt1: share(strict, linked),
    recallAt3: share(r3, linked),
    unlinked,
    correctAbstention: share(abstained, unlinked),
    wrongAbstentions,
  };
}

type Plan = { tasks: readonly { key: string; title: string; measures: readonly { text: string }[] }[] };

const bigrams = (text: string): Map<string, number> => {
  const chars = [...text.replace(/[\s\p{P}\p{S}]/gu, "")];
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
};

/**
 * The baseline of issue 14: character-bigram TF-IDF cosine between whole tasks (title and
 * measures), IDF over the upper plan's tasks; it always ranks every upper task, never abstains.
 */
export function bigramBaseline(lower: Plan, upper: Plan): Ranking[] {
  const text = (t: Plan["tasks"][number]) => [t.title, ...t.measures.map((m) => m.text)].join("。");
  const docs = upper.tasks.map((t) => bigrams(text(t)));
  const df = new Map<string, number>();
  for (const d of docs) for (const g of d.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const idf = (g: string) => Math.log((docs.length + 1) / ((df.get(g) ?? 0) + 1)) + 1;
  const vector = (m: Map<string, number>) => {
    const v = new Map<string, number>();
    for (const [g, n] of m) v.set(g, n * idf(g));
    return v;
  };
  const cos = (a: Map<string, number>, b: Map<string, number>) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (const [g, x] of a) {
      na += x * x;
      dot += x * (b.get(g) ?? 0);
    }
    for (const y of b.values()) nb += y * y;
    return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
  };
  const uppers = docs.map(vector);
  return lower.tasks.map((t) => {
    const v = vector(bigrams(text(t)));
    const ranked = upper.tasks
      .map((u, i) => ({ key: u.key, s: cos(v, uppers[i] as Map<string, number>) }))
      .sort((a, b) => b.s - a.s);
    return { lowerKey: t.key, keys: ranked.map((r) => r.key) };
  });
}
