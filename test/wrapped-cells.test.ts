// A tab-separated task table whose cells were wrapped onto more lines (a copy that kept the cells'
// line breaks) must read as the table itself: the seeds' tables are wrapped at random points and
// parsed, and the tasks, measures, units and deadlines must be those of the unwrapped copy.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { readEnumerator } from "../src/parse/layout/enumerators.ts";
import { parseDocument } from "../src/parse/layout/plan.ts";
import { readTextDocument } from "../src/parse/readers/text.ts";
import type { ParsedPlan } from "../src/parse/types.ts";

const seeds = join(import.meta.dirname, "fixtures", "seeds");
const TABLES = ["sd-2021-provincial-task-list", "cnipa-2021-national-task-list"];

const parseText = (text: string): ParsedPlan => parseDocument(readTextDocument(text));
/** What the plan says, without where it stood (line numbers move when lines are wrapped). */
const content = (plan: ParsedPlan) => ({
  title: plan.title,
  tasks: plan.tasks.map((t) => ({
    key: t.key,
    title: t.title,
    measures: t.measures.map((m) => ({ text: m.text, units: m.units, deadline: m.deadline, scope: m.scope })),
  })),
  warnings: plan.warnings.map((w) => w.message),
});

/** Places in a table line where a cell may wrap: inside a cell's text, not in markup, not before a number. */
function cutPoints(lines: readonly string[]): { line: number; at: number }[] {
  const points: { line: number; at: number }[] = [];
  lines.forEach((line, i) => {
    if (!line.includes("\t") || /任务清单|落实举措/.test(line)) return;
    const next = lines.slice(i + 1).find((l) => l.trim() !== "");
    const lastTab = line.lastIndexOf("\t");
    for (let at = 1; at < line.length; at++) {
      const before = line.slice(0, at);
      const after = line.slice(at);
      if (/<\/?p?$/.test(before) || /^\/?p>/.test(after) || /^p>/.test(after)) continue; // inside a tag
      if (!/\S/.test(before.replace(/\t/g, "")) || !/[^\s<>/p]/.test(after.split("\t")[0] ?? "")) continue;
      if (line[at - 1] === "\t" || line[at] === "\t") continue;
      const cell = (before.split("\t").at(-1) ?? "").replace(/^(<\/?p>|\s)+/, "");
      const marker = readEnumerator(cell + (after.split("\t")[0] ?? ""));
      if (marker && cell.length < marker.key.length + 2) continue; // inside the item's own number
      if (readEnumerator(after.replace(/^(<\/?p>|\s)+/, "")) !== null) continue; // a wrap before a number looks like a new item
      // The last cell's tail joins its row only while the table goes on below it.
      if (at > lastTab && !next?.includes("\t")) continue;
      points.push({ line: i, at });
      if (process.env.DUMP) console.log(points.length - 1, i, at);
    }
  });
  return points;
}

function wrap(lines: readonly string[], cuts: { line: number; at: number }[]): string {
  const byLine = new Map<number, number[]>();
  for (const c of cuts) byLine.set(c.line, [...(byLine.get(c.line) ?? []), c.at]);
  return lines
    .map((line, i) => {
      const ats = [...new Set(byLine.get(i) ?? [])].sort((a, b) => a - b);
      if (ats.length === 0) return line;
      const parts: string[] = [];
      let from = 0;
      for (const at of ats) {
        parts.push(line.slice(from, at));
        from = at;
      }
      parts.push(line.slice(from));
      return parts.join("\n");
    })
    .join("\n");
}

for (const name of TABLES) {
  test(`${name}: cells wrapped at random points read as the unwrapped table`, () => {
    const text = readFileSync(join(seeds, `${name}.txt`), "utf8").replace(/\r\n?/g, "\n");
    const lines = text.split("\n");
    const expected = content(parseText(text));
    const points = cutPoints(lines);
    assert.ok(points.length > 100, "the table offers places to wrap");
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: points.length - 1 }), { minLength: 1, maxLength: 12 }),
        (picks) => {
          const wrapped = wrap(
            lines,
            picks.map((p) => points[p] as { line: number; at: number }),
          );
          assert.deepEqual(content(parseText(wrapped)), expected);
        },
      ),
      { seed: 20261202, numRuns: 100 },
    );
  });
}

test("a task title broken after six characters, a measure and a units list wrapped: one row each", () => {
  const text = [
    "2024年全县知识产权工作任务清单",
    "重点任务\t具体措施\t责任单位\t完成时限",
    "一、强化知识产权创造\t\t\t",
    "1. 提升专利质量",
    "水平\t开展专利质量提升行动，培育高价值专利。\t县市场监管局、",
    "县科技局\t2024年12月底前",
    "2. 加强商标品牌培育\t建设商标品牌指导站，",
    "培育区域公用品牌。\t县市场监管局\t年底前",
  ].join("\n");
  const plan = parseText(text);
  assert.deepEqual(
    plan.tasks.map((t) => [t.key, t.title, t.measures.length]),
    [
      ["一/1", "提升专利质量水平", 1],
      ["一/2", "加强商标品牌培育", 1],
    ],
  );
  const [m1] = plan.tasks[0]?.measures ?? [];
  assert.equal(m1?.text, "开展专利质量提升行动，培育高价值专利。");
  assert.deepEqual(
    m1?.units.map((u) => u.name),
    ["县市场监管局", "县科技局"],
  );
  assert.equal(m1?.deadline?.due, "2024-12-31");
  assert.equal(plan.tasks[1]?.measures[0]?.text, "建设商标品牌指导站，培育区域公用品牌。");
});

test("a heading line without tabs before an unnumbered row stays a heading; text after the table stays text", () => {
  const text = [
    "任务\t措施\t责任单位\t完成时限",
    "一、强化保护",
    "1. 加强执法\t开展专项行动。\t县市场监管局\t全年",
    "二、强化运用",
    "2. 促进转化\t开展专利转化行动。\t县科技局\t年底前",
    "各单位要抓好落实",
  ].join("\n");
  const plan = parseText(text);
  assert.deepEqual(
    plan.tasks.map((t) => [t.key, t.title]),
    [
      ["一/1", "加强执法"],
      ["二/2", "促进转化"],
    ],
  );
  assert.equal(plan.tasks[1]?.measures[0]?.deadline?.raw, "年底前");
});

test("warnings come in Chinese and English", () => {
  const plan = parseText(
    ["任务\t措施\t责任单位\t完成时限", "一、强化保护\t\t\t", "加强执法\t开展专项行动。\t县市场监管局\t择机开展"].join(
      "\n",
    ),
  );
  const messages = plan.warnings.map((w) => [w.message, w.messageZh]);
  assert.deepEqual(messages, [
    ["task row without a number; keyed by position", "任务行没有序号，按位置编号"],
    ['unknown deadline phrase "择机开展"', "未能识别的完成时限“择机开展”"],
  ]);
});

test("a cell that opens with 印发 is text, not the closing distribution line", () => {
  const plan = parseText(
    ["任务\t措施\t责任单位\t完成时限", "1. 配合规划\t配合做好规划的审议与", "印发实施。\t规划司\t年底前"].join("\n"),
  );
  assert.equal(plan.tasks[0]?.measures[0]?.text, "配合做好规划的审议与印发实施。");
});
