// A task table copied from a web page as one run of text (no tabs, no line breaks between cells):
// made here from the seeds' tab-separated copies, it must parse to the same tasks as the .txt, with
// near-same measures, units and deadlines, and a warning that the cell boundaries were guessed.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseDocument } from "../src/parse/layout/plan.ts";
import { readTextDocument } from "../src/parse/readers/text.ts";
import type { ParsedPlan } from "../src/parse/types.ts";
import { overlap, type ScoredPlan, scorePlan } from "./support/score.ts";

const fixtures = join(import.meta.dirname, "fixtures");
const parseText = (text: string): ParsedPlan => parseDocument(readTextDocument(text));

/** The lines before the table as they are; the table's rows run together, cells joined with nothing. */
function flatten(text: string): string {
  const before: string[] = [];
  let table = "";
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (line.includes("\t"))
      table += line
        .split("\t")
        .join("")
        .replace(/<\/?p>/g, "");
    else if (table === "") before.push(line);
    else table += line.trim();
  }
  return [...before, table].join("\n");
}

for (const name of ["sd-2021-provincial-task-list", "cnipa-2021-national-task-list"]) {
  test(`${name}: the table flattened into one line reads as the tab-separated copy`, () => {
    const text = readFileSync(join(fixtures, "seeds", `${name}.txt`), "utf8");
    const flat = flatten(text);
    assert.ok(!flat.includes("\t") && flat.split("\n").length < 10, "the copy is flattened");
    const original = parseText(text);
    const plan = parseText(flat);
    assert.deepEqual(
      plan.tasks.map((t) => t.key),
      original.tasks.map((t) => t.key),
    );
    plan.tasks.forEach((t, i) => {
      const title = original.tasks[i]?.title ?? "";
      assert.ok(overlap(title, t.title) >= 0.6, `${t.key}: "${t.title}" for "${title}"`);
    });
    const gold = JSON.parse(readFileSync(join(fixtures, "gold", `${name}.json`), "utf8")) as ScoredPlan;
    const score = scorePlan(gold, plan);
    assert.ok(score.measures.f1 >= 0.95, `measures F1 ${score.measures.f1}`);
    assert.ok(score.units.f1 >= 0.9, `units F1 ${score.units.f1}`);
    assert.ok(score.deadlines.acc >= 0.9, `deadlines ${score.deadlines.acc}`);
    assert.ok(
      plan.warnings.some((w) => w.messageZh.includes("单元格边界")),
      "a warning says the cell boundaries are a guess",
    );
  });
}

test("a flattened table with spaces kept, lead and support in one units cell and no 。 before the units", () => {
  const plan = parseText(
    [
      "2024年全县知识产权工作任务清单",
      "任务清单 落实举措 责任单位 完成时间 一、强化创造 1. 提升专利质量开展专利质量提升行动，培育高价值专利。县市场监管局牵头，县科技局配合6 月底前" +
        "推动专利转化运用县市场监管局年底前2. 加强商标品牌工作建设商标品牌指导站。县市场监管局全年",
    ].join("\n"),
  );
  assert.deepEqual(
    plan.tasks.map((t) => [t.key, t.title, t.measures.length]),
    [
      ["一/1", "提升专利质量", 2],
      ["一/2", "加强商标品牌工作", 1],
    ],
  );
  const [m1, m2] = plan.tasks[0]?.measures ?? [];
  assert.deepEqual(
    m1?.units.map((u) => `${u.name}/${u.role}`),
    ["县市场监管局/lead", "县科技局/support"],
  );
  assert.equal(m1?.deadline?.due, "2024-06-30");
  assert.equal(m2?.text, "推动专利转化运用");
  assert.equal(m2?.deadline?.due, "2024-12-31");
});
