// Which upper-level task does each lower-level task implement? For every lower task, rank the tasks
// of the upper plans by a score built from the plans' structure, with the evidence a person needs
// to judge it, or abstain when nothing is close.
//
// A task is its title and its measures; a measure is split into sentences, the unit plans repeat and
// rephrase. Four parts, all TF-IDF cosines over words, word pairs and our concepts (vectors.ts), with
// IDF over the tasks of both plans:
//   title     lower title vs upper title: titles name the subject and weigh more than boilerplate
//   reach     lower title vs the whole upper task
//   measures  each lower sentence's best upper sentence, averaged by how informative the lower
//             sentence is; an upper sentence addressed to the lower level (各地区要…, 有条件的地区…)
//             counts in full, one the upper office keeps for itself (国家知识产权局：…) a little less
//   whole     the whole lower task vs the whole upper task
// Sentences, and tasks, that both name a policy instrument (concepts.ts) but none in common lose
// part of their similarity: registering copyrights is not revising the copyright regulation.
// The best candidate must reach `threshold`; the others must also come within `margin` of it, so
// a weak tail is not shown as if it were a suggestion.
import { INSTRUMENTS } from "./concepts.ts";
import {
  type Features,
  features,
  inverseDocumentFrequency,
  mergeFeatures,
  norm,
  type Sparse,
  sharedFeatures,
  sparseDot,
  type Tokenizer,
  toSparse,
  unit,
  type Vector,
  vectorize,
} from "./vectors.ts";

export type AlignScope = "issuer" | "all-subordinates" | "some-subordinates" | null;
/** What alignment reads of a plan: a ParsedPlan fits. */
export type AlignPlan = {
  title: string;
  tasks: readonly { key: string; title: string; measures: readonly { text: string; scope: AlignScope }[] }[];
};

export type Evidence = {
  /** Words and concepts (#…) both tasks use, most telling first. */
  shared: string[];
  /** The upper measure the lower task's best-matched sentence meets, and whether it was handed down. */
  upperMeasure: { index: number; text: string; scope: AlignScope } | null;
  handedDown: boolean;
  /** The lower measure that sentence stands in. */
  lowerMeasure: { index: number; text: string } | null;
  /** The best-matched pair of sentences itself: the lower one and the upper one it meets. */
  sentences: { lower: string; upper: string } | null;
  parts: { title: number; reach: number; measures: number; whole: number };
};

export type Candidate = { plan: number; key: string; title: string; score: number; evidence: Evidence };
export type TaskLink = { lowerKey: string; lowerTitle: string; candidates: Candidate[] };

export type AlignOptions = { top?: number; threshold?: number; margin?: number };

// On the development links (test/fixtures/links/) tasks without counterpart score at most ~0.02
// and the weakest right suggestion ~0.08; the threshold sits between them.
export const DEFAULT_THRESHOLD = 0.05;
export const DEFAULT_MARGIN = 0.25;

const WEIGHTS = { title: 0.2, reach: 0.15, measures: 0.4, whole: 0.25 } as const;
const SCOPE_WEIGHT: Record<string, number> = {
  "all-subordinates": 1,
  "some-subordinates": 1,
  issuer: 0.85,
  none: 0.92,
};
const TITLE_WEIGHT_IN_WHOLE = 2;
const TITLE_CONTEXT = 0.5;

type Sentence = {
  measure: number;
  text: string;
  features: Features;
  vector: Sparse;
  /** Length of the TF-IDF vector before it was made a unit vector: how much it says. */
  norm: number;
  weight: number;
  scopeWeight: number;
  instruments: Set<string>;
};

/** What a sentence pair loses when both name an instrument and none is shared. */
const INSTRUMENT_MISMATCH = 0.6;

const instrumentsOf = (f: Features): Set<string> => new Set([...f.keys()].filter((k) => INSTRUMENTS.has(k)));

function instrumentFactor(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 1;
  for (const x of a) if (b.has(x)) return 1;
  return INSTRUMENT_MISMATCH;
}

type Prepared = {
  plan: number;
  key: string;
  title: string;
  measures: readonly { text: string; scope: AlignScope }[];
  titleFeatures: Features;
  wholeFeatures: Features;
  titleVector: Sparse;
  wholeVector: Sparse;
  titleNorm: number;
  wholeNorm: number;
  /** The whole task as a map, for the evidence's shared words. */
  wholeMap: Vector;
  sentences: Sentence[];
  instruments: Set<string>;
};

const sentencesOf = (text: string): string[] =>
  text
    .split(/[。；;！!？?\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 4);

function prepare(plan: AlignPlan, index: number, tokenize: Tokenizer): Prepared[] {
  return plan.tasks.map((task) => {
    const titleFeatures = features(task.title, tokenize);
    const sentences: Sentence[] = [];
    const own: Features[] = [];
    task.measures.forEach((m, measure) => {
      for (const s of sentencesOf(m.text)) {
        const f = features(s, tokenize);
        own.push(f);
        sentences.push({
          measure,
          text: s,
          // The task's title is each sentence's context: "加强宣传" under a title on patents is about patents.
          features: mergeFeatures([
            { features: f, weight: 1 },
            { features: titleFeatures, weight: TITLE_CONTEXT },
          ]),
          instruments: instrumentsOf(f),
          vector: EMPTY,
          norm: 0,
          weight: 0,
          scopeWeight: SCOPE_WEIGHT[m.scope ?? "none"] ?? 1,
        });
      }
    });
    const wholeFeatures = mergeFeatures([
      { features: titleFeatures, weight: TITLE_WEIGHT_IN_WHOLE },
      ...own.map((f) => ({ features: f, weight: 1 })),
    ]);
    return {
      plan: index,
      key: task.key,
      title: task.title,
      measures: task.measures,
      titleFeatures,
      wholeFeatures,
      titleVector: EMPTY,
      wholeVector: EMPTY,
      titleNorm: 0,
      wholeNorm: 0,
      wholeMap: new Map(),
      sentences,
      instruments: instrumentsOf(wholeFeatures),
    };
  });
}

const EMPTY: Sparse = { ids: new Int32Array(0), weights: new Float64Array(0) };

function vectorizeAll(tasks: Prepared[], idf: ReadonlyMap<string, number>, unseen: number): void {
  // Unit vectors in sorted arrays: every cosine below is then a merge of two arrays, computed
  // millions of times for large plans.
  const ids = new Map<string, number>();
  for (const t of tasks) {
    const title = vectorize(t.titleFeatures, idf, unseen);
    const whole = vectorize(t.wholeFeatures, idf, unseen);
    t.titleNorm = norm(title);
    t.wholeNorm = norm(whole);
    t.titleVector = toSparse(unit(title), ids);
    t.wholeMap = unit(whole);
    t.wholeVector = toSparse(t.wholeMap, ids);
    for (const s of t.sentences) {
      const v = vectorize(s.features, idf, unseen);
      s.norm = norm(v);
      // Informative sentences (rare words) count more than boilerplate; the square root keeps a
      // long sentence from outweighing all the others.
      s.weight = Math.sqrt(s.norm);
      s.vector = toSparse(unit(v), ids);
    }
  }
}

/**
 * Two texts of boilerplate alone ("完善知识产权保护体系", "深入落实…保护的意见": both only 保护 once the
 * common words are gone) are parallel vectors, cosine 1, yet say nothing. A cosine counts in full
 * once the two vectors' lengths multiply to SAID² (about two telling words each), less below.
 */
const SAID = 2;
const said = (a: number, b: number): number => Math.min(1, (a * b) / (SAID * SAID));

type Parts = Evidence["parts"];
type Scored = { score: number; parts: Parts; best: { lower: Sentence; upper: Sentence } | undefined };

/** A lower task without measures of its own is matched by its title. */
function ownSentences(task: Prepared): Sentence[] {
  if (task.sentences.length > 0) return task.sentences;
  const title: Sentence = {
    measure: -1,
    text: task.title,
    features: task.titleFeatures,
    vector: task.titleVector,
    norm: task.titleNorm,
    weight: 1,
    scopeWeight: 1,
    instruments: instrumentsOf(task.titleFeatures),
  };
  return [title];
}

// Hot: runs for every pair of lower and upper tasks, so it only scores; evidence is built for the
// candidates kept.
function scorePair(lower: Prepared, own: readonly Sentence[], upper: Prepared): Scored {
  // Whole tasks that name instruments but none in common do different work on the same subject.
  const apart = instrumentFactor(lower.instruments, upper.instruments);
  const title = sparseDot(lower.titleVector, upper.titleVector) * said(lower.titleNorm, upper.titleNorm) * apart;
  const reach = sparseDot(lower.titleVector, upper.wholeVector) * said(lower.titleNorm, upper.wholeNorm) * apart;
  const whole = sparseDot(lower.wholeVector, upper.wholeVector) * said(lower.wholeNorm, upper.wholeNorm) * apart;
  let sum = 0;
  let weights = 0;
  let bestContribution = -1;
  let best: Scored["best"];
  for (const s of own) {
    let top = 0;
    let topUpper: Sentence | undefined;
    for (const u of upper.sentences) {
      const sim =
        sparseDot(s.vector, u.vector) *
        said(s.norm, u.norm) *
        u.scopeWeight *
        instrumentFactor(s.instruments, u.instruments);
      if (sim > top) {
        top = sim;
        topUpper = u;
      }
    }
    sum += s.weight * top;
    weights += s.weight;
    if (topUpper && s.weight * top > bestContribution) {
      bestContribution = s.weight * top;
      best = { lower: s, upper: topUpper };
    }
  }
  const measures = weights > 0 ? sum / weights : 0;
  const score = WEIGHTS.title * title + WEIGHTS.reach * reach + WEIGHTS.measures * measures + WEIGHTS.whole * whole;
  return { score, parts: { title, reach, measures, whole }, best };
}

function evidenceOf(lower: Prepared, upper: Prepared, { parts, best }: Scored): Evidence {
  const upperMeasure = best ? upper.measures[best.upper.measure] : undefined;
  const lowerMeasure = best && best.lower.measure >= 0 ? lower.measures[best.lower.measure] : undefined;
  return {
    shared: sharedFeatures(lower.wholeMap, upper.wholeMap, 8),
    upperMeasure:
      best && upperMeasure ? { index: best.upper.measure, text: upperMeasure.text, scope: upperMeasure.scope } : null,
    handedDown: upperMeasure?.scope === "all-subordinates" || upperMeasure?.scope === "some-subordinates",
    lowerMeasure: best && lowerMeasure ? { index: best.lower.measure, text: lowerMeasure.text } : null,
    sentences: best ? { lower: best.lower.text, upper: best.upper.text } : null,
    parts: {
      title: round(parts.title),
      reach: round(parts.reach),
      measures: round(parts.measures),
      whole: round(parts.whole),
    },
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** One link per lower task, in document order; candidates best first across all upper plans. */
export function alignPlans(
  lower: AlignPlan,
  uppers: readonly AlignPlan[],
  tokenize: Tokenizer,
  options: AlignOptions = {},
): TaskLink[] {
  const top = options.top ?? 3;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const margin = options.margin ?? DEFAULT_MARGIN;
  const lowerTasks = prepare(lower, -1, tokenize);
  const upperTasks = uppers.flatMap((plan, i) => prepare(plan, i, tokenize));
  const idf = inverseDocumentFrequency([...upperTasks, ...lowerTasks].map((t) => t.wholeFeatures));
  const unseen = Math.max(0, ...idf.values());
  vectorizeAll([...lowerTasks, ...upperTasks], idf, unseen);

  return lowerTasks.map((l) => {
    const own = ownSentences(l);
    const ranked = upperTasks
      .map((u) => ({ u, scored: scorePair(l, own, u) }))
      .sort((a, b) => b.scored.score - a.scored.score || a.u.plan - b.u.plan);
    const best = ranked[0]?.scored.score ?? 0;
    const kept =
      best < threshold
        ? []
        : ranked.filter((r) => r.scored.score >= threshold && r.scored.score >= best * margin).slice(0, top);
    return {
      lowerKey: l.key,
      lowerTitle: l.title,
      candidates: kept.map((r) => ({
        plan: r.u.plan,
        key: r.u.key,
        title: r.u.title,
        score: round(r.scored.score),
        evidence: evidenceOf(l, r.u, r.scored),
      })),
    };
  });
}
