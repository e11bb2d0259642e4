// How well `luoshi align` links the seed plans: scored against the hand labels in
// test/fixtures/links/ (rules in LABELLING.md there), beside the character-bigram TF-IDF baseline of
// issue 14 computed here on the same tasks. The other seed pairs have no labels (the county plan is
// checked elsewhere and must not be tuned on); for them the test only guards against a method that
// stops suggesting anything.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { alignPlans } from "../src/domain/alignment/align.ts";
import { jiebaTokenizer } from "../src/domain/alignment/jieba.ts";
import { type ParsedPlan, parsePlanFile } from "../src/parse/index.ts";
import { bigramBaseline, type LinkLabel, type LinkMetrics, scoreLinks } from "./support/link-metrics.ts";

const fixtures = join(import.meta.dirname, "fixtures");
const seed = (name: string): Promise<ParsedPlan> => parsePlanFile(join(fixtures, "seeds", name));

type LabelFile = { lower: string; upper: string; links: LinkLabel[] };
const labelFiles = readdirSync(join(fixtures, "links"))
  .filter((f) => f.endsWith(".json"))
  .sort();

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
function table(rows: [string, LinkMetrics][]): string {
  const head = "method                  P@1     strict P@1  recall@3  correct abstention";
  const lines = rows.map(
    ([name, m]) =>
      `${name.padEnd(22)}  ${percent(m.precisionAt1).padEnd(6)}  ${percent(m.strictPrecisionAt1).padEnd(10)}  ` +
      `${percent(m.recallAt3).padEnd(8)}  ${percent(m.correctAbstention)} of ${m.unlinked}`,
  );
  return [head, ...lines].join("\n");
}

for (const file of labelFiles) {
  describe(`links ${file}`, () => {
    const labels = JSON.parse(readFileSync(join(fixtures, "links", file), "utf8")) as LabelFile;
    let engine: LinkMetrics;
    let baseline: LinkMetrics;

    before(async () => {
      const lower = await seed(labels.lower);
      const upper = await seed(labels.upper);
      const links = alignPlans(lower, [upper], jiebaTokenizer);
      engine = scoreLinks(
        labels.links,
        links.map((l) => ({ lowerKey: l.lowerKey, keys: l.candidates.map((c) => c.key) })),
      );
      baseline = scoreLinks(labels.links, bigramBaseline(lower, upper));
      process.stdout.write(
        `\n${labels.lower} → ${labels.upper}: ${engine.linked} linked, ${engine.unlinked} without counterpart\n` +
          `${table([
            ["luoshi align", engine],
            ["bigram TF-IDF baseline", baseline],
          ])}\n`,
      );
    });

    test("every lower task is labelled once", async () => {
      const lower = await seed(labels.lower);
      assert.deepEqual(
        labels.links.map((l) => l.lowerKey),
        lower.tasks.map((t) => t.key),
      );
    });
    test("strict precision@1 ≥ 0.9", () => assert.ok(engine.strictPrecisionAt1 >= 0.9, table([["align", engine]])));
    test("recall@3 ≥ 0.97", () => assert.ok(engine.recallAt3 >= 0.97, table([["align", engine]])));
    test("abstains on most tasks without counterpart, and on no linked task", () => {
      assert.ok(engine.correctAbstention > 0.5, table([["align", engine]]));
      assert.equal(engine.wrongAbstentions, 0);
    });
    test("beats the bigram baseline on strict precision@1", () => {
      assert.ok(
        engine.strictPrecisionAt1 > baseline.strictPrecisionAt1,
        table([
          ["align", engine],
          ["baseline", baseline],
        ]),
      );
    });
  });
}

// The unlabelled seed pairs a plan office would align: suggestions for most lower tasks, all of
// them on tasks that exist, best first.
const PAIRS: readonly [string, string[]][] = [
  ["taishan-2022-2025-county-plan.txt", ["sd-14th-fyp-ip-plan.txt", "sd-2023-2025-protection-plan.txt"]],
  [
    "taishan-2022-2025-county-plan.txt",
    ["cnipa-2021-national-task-list.txt", "sd-2021-provincial-task-list.txt", "sd-2023-2025-protection-plan.txt"],
  ],
  ["sd-2023-2025-protection-plan.txt", ["cnipa-2021-national-task-list.txt"]],
];

for (const [lowerName, upperNames] of PAIRS) {
  test(`${lowerName} → ${upperNames.join(" + ")}: suggestions for most tasks, ranked`, async () => {
    const lower = await seed(lowerName);
    const uppers = await Promise.all(upperNames.map(seed));
    const links = alignPlans(lower, uppers, jiebaTokenizer);
    const suggested = links.filter((l) => l.candidates.length > 0).length;
    process.stdout.write(
      `${lowerName} → ${upperNames.join(" + ")}: ${suggested} of ${links.length} with suggestions\n`,
    );
    assert.ok(suggested >= 0.6 * links.length, `${suggested} of ${links.length}`);
    for (const link of links) {
      const scores = link.candidates.map((c) => c.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
      for (const c of link.candidates) {
        assert.ok(uppers[c.plan]?.tasks.some((t) => t.key === c.key));
      }
    }
  });
}
