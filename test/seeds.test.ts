// Parser quality on the five hand-labelled seeds: each is parsed and scored against its gold, and the
// micro-averaged figures must stay above the project's bar. The per-document tests exist so that a
// regression names the document it happened in.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { before, describe, test } from "node:test";
import { parsePlanFile } from "../src/parse/index.ts";
import { type CorpusScore, formatScore, type Overall, type ScoredPlan, scoreCorpus } from "./support/score.ts";

const fixtures = join(import.meta.dirname, "fixtures");
const seedNames = readdirSync(join(fixtures, "gold"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => basename(f, ".json"))
  .sort();

type Bar = { label: string; pick: (s: Overall) => number; min: number };
const BARS: readonly Bar[] = [
  { label: "tasks F1", pick: (s) => s.tasks.f1, min: 0.99 },
  { label: "measures F1", pick: (s) => s.measures.f1, min: 0.98 },
  { label: "units F1", pick: (s) => s.units.f1, min: 0.97 },
  { label: "deadlines", pick: (s) => s.deadlines.acc, min: 0.98 },
  { label: "indicators F1", pick: (s) => s.indicators.f1, min: 0.9 },
  { label: "meta", pick: (s) => s.meta.share, min: 0.95 },
];
const SHOWN_MISSES = 15;

const loadGold = (name: string): ScoredPlan =>
  JSON.parse(readFileSync(join(fixtures, "gold", `${name}.json`), "utf8")) as ScoredPlan;

/** A parser that throws scores as an empty plan, so the message still shows what was lost. */
async function predict(name: string): Promise<{ pred: ScoredPlan; error: string | null }> {
  try {
    return { pred: await parsePlanFile(join(fixtures, "seeds", `${name}.txt`)), error: null };
  } catch (error) {
    const empty: ScoredPlan = {
      title: "",
      docNumber: null,
      issuer: null,
      issuedOn: null,
      period: null,
      tasks: [],
      indicators: [],
    };
    return { pred: empty, error: error instanceof Error ? error.message : String(error) };
  }
}

function assertBars(figures: Overall, misses: readonly string[], errors: readonly string[], where: string): void {
  const below = BARS.filter((b) => !(b.pick(figures) >= b.min)).map(
    (b) => `${b.label} ${(100 * b.pick(figures)).toFixed(1)} < ${100 * b.min}`,
  );
  if (below.length === 0) return;
  const shown = misses.slice(0, SHOWN_MISSES).map((m) => `  miss: ${m}`);
  const more = misses.length > SHOWN_MISSES ? [`  … and ${misses.length - SHOWN_MISSES} more misses`] : [];
  assert.fail(
    [
      `${where}: ${below.join("; ")}`,
      `  ${formatScore(figures)}`,
      ...errors.map((e) => `  parser failed: ${e}`),
      ...shown,
      ...more,
    ].join("\n"),
  );
}

describe("seed documents against their gold", () => {
  let corpus: CorpusScore;
  const errors = new Map<string, string>();

  // Parse once for all tests; the seeds are small and the figures are shared.
  before(async () => {
    const docs = await Promise.all(
      seedNames.map(async (name) => {
        const { pred, error } = await predict(name);
        if (error) errors.set(name, error);
        return { name, gold: loadGold(name), pred };
      }),
    );
    corpus = scoreCorpus(docs);
  });

  test("there are five seeds with gold", () => {
    assert.equal(seedNames.length, 5);
  });

  test("overall (micro-averaged) figures meet the bar", () => {
    // A few from each document, so one broken document does not hide the others.
    const sample = corpus.documents.flatMap((d) => d.misses.slice(0, 3).map((m) => `${d.name}: ${m}`));
    assertBars(corpus.overall, sample, [...errors.values()], "overall");
  });

  for (const name of seedNames) {
    test(`${name} meets the bar`, () => {
      const doc = corpus.documents.find((d) => d.name === name);
      assert.ok(doc, `no score for ${name}`);
      const error = errors.get(name);
      assertBars(doc, doc.misses, error ? [error] : [], name);
    });
  }
});
