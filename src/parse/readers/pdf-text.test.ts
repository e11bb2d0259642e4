import assert from "node:assert/strict";
import { test } from "node:test";
import { type Line, toParagraphs } from "./pdf-text.ts";

// Justified lines that all reach the right margin, with no first-line indent: only the text can tell
// where the next item begins.
const line = (y: number, text: string): Line => ({ y, x: 72, right: 523, size: 16, text });

test("a numbered item or a labelled field after a full (justified) line starts a new paragraph", () => {
  const paragraphs = toParagraphs(
    [
      line(700, "1.加强专利保护。开展专项执法行动，严厉打击侵权假冒行为。"),
      line(680, "责任单位：县市场监管局、县公安局、县司法局、县商务局、县文"),
      line(660, "旅局、各乡镇（街道）"),
      line(640, "2.推进专利转化运用。开展专利开放许可试点，推动高校院所专利"),
      line(620, "向中小企业转移转化，年内达成许可合同20项以上。"),
    ].map((l) => ({ ...l })),
    72,
    523,
  ).map((p) => p.text);
  assert.deepEqual(paragraphs, [
    "1.加强专利保护。开展专项执法行动，严厉打击侵权假冒行为。",
    "责任单位：县市场监管局、县公安局、县司法局、县商务局、县文旅局、各乡镇（街道）",
    "2.推进专利转化运用。开展专利开放许可试点，推动高校院所专利向中小企业转移转化，年内达成许可合同20项以上。",
  ]);
});

test("a wrapped line that begins with a number inside a sentence is not a new item", () => {
  const paragraphs = toParagraphs(
    [line(700, "到2025年，全县有效发明专利拥有量达到"), line(680, "1.2万件，每万人高价值发明专利拥有量达到")],
    72,
    523,
  ).map((p) => p.text);
  assert.equal(paragraphs.length, 1);
});
