import assert from "node:assert/strict";
import { test } from "node:test";
import { findBorderlessTable } from "./pdf-borderless.ts";
import type { Fragment } from "./pdf-text.ts";

// A four-column table without rules, cells top-aligned, 10 pt glyphs 10 pt wide, 12 pt line pitch.
const COLUMNS = [70, 170, 380, 490];
const frag = (column: number, row: number, str: string): Fragment => ({
  str,
  x: COLUMNS[column] ?? 0,
  y: 700 - row * 12,
  width: str.length * 10,
  size: 10,
});
const table: Fragment[] = [
  frag(0, 0, "任务"),
  frag(1, 0, "具体措施"),
  frag(2, 0, "责任单位"),
  frag(3, 0, "完成时限"),
  { str: "一、强化保护体系建设和执法协作推进", x: 76, y: 688, width: 300, size: 10 },
  frag(0, 2, "1. 加强执法"),
  frag(1, 2, "开展专项行动，严厉打击侵权假"),
  frag(2, 2, "县市场监管局、县"),
  frag(3, 2, "年底前"),
  frag(0, 3, "协作"),
  frag(1, 3, "冒行为。"),
  frag(2, 3, "公安局"),
  frag(1, 4, "建立线索移交机制。"),
  frag(2, 4, "县司法局"),
  frag(3, 4, "全年"),
  frag(0, 5, "2. 推进转化"),
  frag(1, 5, "开展专利开放许可试点。"),
  frag(2, 5, "县科技局"),
  frag(3, 5, "6月底前"),
];

test("a table without rules is rebuilt into header, section and task rows from glyph positions", () => {
  const result = findBorderlessTable(table);
  assert.ok(result);
  const rows = result.rows.map((cells) => cells.map((c) => c.paragraphs.join("|")));
  assert.deepEqual(rows, [
    ["任务", "具体措施", "责任单位", "完成时限"],
    ["一、强化保护体系建设和执法协作推进", "", "", ""],
    ["1. 加强执法协作", "开展专项行动，严厉打击侵权假冒行为。", "县市场监管局、县公安局", "年底前"],
    ["", "建立线索移交机制。", "县司法局", "全年"],
    ["2. 推进转化", "开展专利开放许可试点。", "县科技局", "6月底前"],
  ]);
  assert.equal(result.used.size, table.length);
});

test("running text with no shared column edges is not taken for a table", () => {
  const text = Array.from({ length: 12 }, (_, i) => ({
    str: "这是一段普通的正文文字，没有任何表格的列。",
    x: i % 3 === 0 ? 92 : 72,
    y: 700 - i * 14,
    width: 420,
    size: 10,
  }));
  assert.equal(findBorderlessTable(text), null);
});
