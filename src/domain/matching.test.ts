import assert from "node:assert/strict";
import { test } from "node:test";
import { matchMeasures, similarity } from "./matching.ts";

test("similarity is bigram Dice, ignoring whitespace and punctuation", () => {
  assert.equal(similarity("加强专利保护", "加强专利保护"), 1);
  assert.equal(similarity("加强 专利保护。", "加强专利保护"), 1);
  assert.equal(similarity("加强专利保护", "完善商标注册"), 0);
  // 加强|强专|专利 shared of 5 + 5 bigrams.
  assert.equal(similarity("加强专利保护", "加强专利运用"), 0.6);
  assert.equal(similarity("", ""), 1);
  assert.equal(similarity("专", "专"), 1);
});

const OLD = [
  { id: 101, taskKey: "1", text: "开展知识产权质押融资入园惠企行动，全年质押融资额达到100亿元。" },
  { id: 102, taskKey: "1", text: "加强宣传引导。" },
  { id: 103, taskKey: "2", text: "加强宣传引导。" },
  { id: 104, taskKey: "2", text: "建设国家级知识产权保护中心，提升快速维权能力。" },
  { id: 105, taskKey: "3", text: "推进地理标志运用促进工程。" },
];

test("a revised plan: unchanged, changed, added and removed measures", () => {
  const news = [
    { taskKey: "1", text: "开展知识产权质押融资入园惠企行动，全年质押融资额达到120亿元。" },
    { taskKey: "1", text: "加强 宣传引导。" },
    { taskKey: "2", text: "加强宣传引导。" },
    { taskKey: "2", text: "建设国家级知识产权保护中心，全面提升快速维权能力。" },
    { taskKey: "4", text: "开展专利导航服务基地建设。" },
  ];
  const r = matchMeasures(OLD, news);
  assert.deepEqual(
    r.unchanged.map((p) => [p.oldId, p.newIndex, p.taskChanged]),
    [
      [102, 1, false],
      [103, 2, false],
    ],
  );
  assert.deepEqual(
    r.changed.map((p) => [p.oldId, p.newIndex]),
    [
      [101, 0],
      [104, 3],
    ],
  );
  assert.ok(r.changed.every((p) => p.similarity >= 0.6 && p.similarity < 1));
  assert.deepEqual(r.added, [{ newIndex: 4 }]);
  assert.deepEqual(r.removed, [{ oldId: 105 }]);
});

test("identical text in another task is carried over and flagged as moved", () => {
  const r = matchMeasures(OLD, [{ taskKey: "9", text: "推进地理标志运用促进工程。" }]);
  assert.deepEqual(r.unchanged, [{ oldId: 105, newIndex: 0, similarity: 1, taskChanged: true }]);
});

test("repeated boilerplate stays in its own task even when listed in another order", () => {
  const news = [
    { taskKey: "2", text: "加强宣传引导。" },
    { taskKey: "1", text: "加强宣传引导。" },
  ];
  const r = matchMeasures(OLD, news);
  assert.deepEqual(
    r.unchanged.map((p) => [p.oldId, p.newIndex, p.taskChanged]),
    [
      [103, 0, false],
      [102, 1, false],
    ],
  );
});

test("one old measure maps to at most one new one, the most similar", () => {
  const news = [
    { taskKey: "3", text: "推进地理标志运用促进。" },
    { taskKey: "3", text: "推进地理标志运用促进工程建设。" },
  ];
  const r = matchMeasures(OLD, news);
  assert.equal(r.changed.length, 1);
  assert.equal(r.changed[0]?.oldId, 105);
  assert.equal(r.added.length, 1);
});

test("the same task wins a near tie; below the threshold nothing pairs", () => {
  const olds = [
    { id: 1, taskKey: "A", text: "完善专利快速审查机制" },
    { id: 2, taskKey: "B", text: "完善专利快速审查机制" },
  ];
  const r = matchMeasures(olds, [{ taskKey: "B", text: "完善专利快速预审机制" }]);
  assert.equal(r.changed[0]?.oldId, 2);
  const strict = matchMeasures(olds, [{ taskKey: "B", text: "完善专利快速预审机制" }], { threshold: 0.95 });
  assert.deepEqual(strict.added, [{ newIndex: 0 }]);
  assert.equal(strict.removed.length, 2);
});

test("empty sides", () => {
  assert.deepEqual(matchMeasures([], []), { unchanged: [], changed: [], added: [], removed: [] });
  assert.deepEqual(matchMeasures(OLD.slice(0, 1), []).removed, [{ oldId: 101 }]);
});
