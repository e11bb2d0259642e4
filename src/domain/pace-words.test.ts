import assert from "node:assert/strict";
import { test } from "node:test";
import { measurePace } from "./pace.ts";
import { isOffPace, paceSentence } from "./pace-words.ts";

test("the report's sentence: latest figure, forecast by the observed rate, against the target", () => {
  // 420 (2022) → 460 (2023) → 498 (2024): (498/420)^(1/2) − 1 = 8.89% a year; 498 · 1.0889 = 542.3 < 560
  const pace = measurePace({
    direction: "increase",
    baseline: { year: 2022, value: 420 },
    path: [{ year: 2025, value: 560 }],
    points: [
      { t: 2023, value: 460 },
      { t: 2024, value: 498 },
    ],
    year: 2025,
  });
  assert.equal(
    paceSentence("高价值发明专利", "件", pace),
    "高价值发明专利：2024年为498件，按现增速预计2025年达到542件，低于目标560件。",
  );
  assert.equal(isOffPace(pace), true);
});

test("achieved, missed and unassessable targets", () => {
  const achieved = measurePace({
    direction: "increase",
    baseline: null,
    path: [{ year: 2025, value: 13 }],
    points: [{ t: 2024, value: 14 }],
    year: 2025,
  });
  assert.equal(paceSentence("中国驰名商标", "件", achieved), "中国驰名商标：2024年为14件，已达到2025年目标13件。");
  assert.equal(isOffPace(achieved), false);
  const missed = measurePace({
    direction: "increase",
    baseline: { year: 2020, value: 100 },
    path: [{ year: 2023, value: 150 }],
    points: [{ t: 2023, value: 130 }],
    year: 2025,
  });
  assert.equal(paceSentence("示范企业", "家", missed), "示范企业：2023年为130家，未达到2023年目标150家。");
  assert.equal(isOffPace(missed), true);
  const none = measurePace({
    direction: "increase",
    baseline: null,
    path: [{ year: 2025, value: 5 }],
    points: [],
    year: 2025,
  });
  assert.equal(paceSentence("x", "件", none), null);
  assert.equal(isOffPace(none), false);
});
