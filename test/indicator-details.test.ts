// The indicator fields beyond the shared contract (kind, 累计, 力争/争取, 左右, baseline, growth, path), read
// by the parser from the seeds and compared with the hand labels in the project's gold copies
// (test/fixtures/gold; ../shared/gold stays as the shared scorer reads it).
//
// Labelling rules: kind is "stock" for a level or a running total to reach by the target year (达到, 提高至,
// 累计, 突破, 新增…家 by a year) and "flow" only for a per-year amount (每年新增, 年均, 年度); cumulative is set
// where 累计 qualifies that indicator, including a 累计 that opens a clause whose further figures count the
// same work (累计办理登记40项以上，质押额达到4.2亿元以上); aspirational for 力争/争取; approximate for 左右;
// baseline, growth and path only where the sentence gives them. Absent means false or none.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { test } from "node:test";
import { parsePlanFile } from "../src/parse/index.ts";
import { indicatorsMatch, type ScoredIndicator } from "./support/score.ts";

const fixtures = join(import.meta.dirname, "fixtures");
const FIELDS = ["kind", "cumulative", "aspirational", "approximate", "baseline", "growth", "path"] as const;
type Detailed = ScoredIndicator & Partial<Record<(typeof FIELDS)[number], unknown>>;

/** A field as labelled or parsed: false and absent are the same statement. */
const norm = (v: unknown): string => (v === undefined || v === null || v === false ? "" : JSON.stringify(v));

test("the parser's indicator details agree with the hand labels of the seeds", async () => {
  let indicators = 0;
  let agreeing = 0;
  const fieldMisses = new Map<string, number>();
  const misses: string[] = [];
  for (const file of readdirSync(join(fixtures, "gold")).filter((f) => f.endsWith(".json"))) {
    const name = basename(file, ".json");
    const gold = JSON.parse(readFileSync(join(fixtures, "gold", file), "utf8")) as { indicators: Detailed[] };
    const parsed = (await parsePlanFile(join(fixtures, "seeds", `${name}.txt`))).indicators as Detailed[];
    for (const g of gold.indicators) {
      assert.ok(g.kind, `${name}: ${g.name} is labelled with a kind`);
      indicators++;
      const p = parsed.find((candidate) => indicatorsMatch(g, candidate));
      if (!p) {
        misses.push(`${name}: ${g.name} not parsed`);
        continue;
      }
      const wrong = FIELDS.filter((f) => norm(g[f]) !== norm(p[f]));
      for (const f of wrong) fieldMisses.set(f, (fieldMisses.get(f) ?? 0) + 1);
      if (wrong.length === 0) agreeing++;
      else misses.push(`${name}: ${g.name}: ${wrong.map((f) => `${f} ${norm(p[f]) || "—"} ≠ ${norm(g[f]) || "—"}`)}`);
    }
  }
  const share = agreeing / indicators;
  console.log(
    `indicator details: ${agreeing} of ${indicators} indicators agree on every field (${(100 * share).toFixed(1)}%)` +
      (misses.length > 0 ? `\n  ${misses.join("\n  ")}` : ""),
  );
  assert.ok(indicators >= 19, `${indicators} labelled indicators`);
  assert.ok(share >= 0.9, misses.join("\n"));
  // The kind decides how pace is measured: it must be right for nearly every indicator.
  assert.ok((fieldMisses.get("kind") ?? 0) <= 1, misses.join("\n"));
});
