import assert from "node:assert/strict";
import { test } from "node:test";
import type { SourceDocument } from "../../parse/blocks.ts";
import { parseDocument } from "../../parse/index.ts";
import { locKey, sourceExcerpts } from "./source-excerpts.ts";

test("excerpts: only the blocks the plan cites, a table row as its cells tab-separated", () => {
  const doc: SourceDocument = {
    format: "docx",
    blocks: [
      { kind: "paragraph", text: "2024年知识产权工作要点", loc: { paragraph: 1 } },
      { kind: "paragraph", text: "（不会被引用的说明文字）", loc: { paragraph: 2 } },
      {
        kind: "row",
        cells: [
          { paragraphs: ["序号"] },
          { paragraphs: ["重点任务"] },
          { paragraphs: ["责任单位"] },
          { paragraphs: ["完成时限"] },
        ],
        loc: { table: 1, row: 1 },
      },
      {
        kind: "row",
        cells: [
          { paragraphs: ["1"] },
          { paragraphs: ["开展专利转化运用专项行动"] },
          { paragraphs: ["知识产权运用促进处"] },
          { paragraphs: ["2024年12月底前"] },
        ],
        loc: { table: 1, row: 2 },
      },
    ],
  };
  const plan = parseDocument(doc, {});
  assert.equal(plan.tasks.length, 1, JSON.stringify(plan));
  const excerpts = sourceExcerpts(doc, plan);
  const measure = plan.tasks[0]?.measures[0];
  assert.ok(measure);
  const cited = excerpts.find((e) => locKey(e.loc) === locKey(measure.source));
  assert.equal(cited?.text, "1\t开展专利转化运用专项行动\t知识产权运用促进处\t2024年12月底前");
  assert.ok(!excerpts.some((e) => e.text.includes("不会被引用")), "uncited blocks stay out");
});

test("locKey ignores the order a reader wrote the fields in", () => {
  assert.equal(locKey({ page: 2, table: 1, row: 3 }), locKey({ row: 3, table: 1, page: 2 }));
  assert.notEqual(locKey({ table: 1, row: 3 }), locKey({ table: 1, row: 4 }));
});
