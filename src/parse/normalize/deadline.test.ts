import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDeadline } from "./deadline.ts";

const cases: [string, number | null, string | null, boolean][] = [
  ["10月份前", 2021, "2021-09-30", false],
  ["4 月份前", 2021, "2021-03-31", false],
  ["1月前", 2024, "2023-12-31", false],
  ["6月底前", 2021, "2021-06-30", false],
  ["10 月底前", 2021, "2021-10-31", false],
  ["2月底前完成", 2024, "2024-02-29", false],
  ["年底前", 2021, "2021-12-31", false],
  ["年底前完成", 2021, "2021-12-31", false],
  ["年内", 2021, "2021-12-31", false],
  ["全年", 2021, "2021-12-31", true],
  ["年内有阶段性成果", 2021, "2021-12-31", false],
  ["持续推进", 2021, null, true],
  ["持续进行", 2021, null, true],
  ["长期坚持", 2021, null, true],
  ["常态化开展", 2021, null, true],
  ["2023年12月底前完成", 2023, "2023-12-31", false],
  ["2023年12月底前完成并持续推进", 2023, "2023-12-31", true],
  ["2025 年 12 月底前完成", 2023, "2025-12-31", false],
  ["2024年上半年", 2023, "2024-06-30", false],
  ["下半年", 2024, "2024-12-31", false],
  ["第三季度", 2024, "2024-09-30", false],
  ["每年3月底前", 2023, "2023-03-31", true],
  ["2024年6月", 2023, "2024-06-30", false],
  ["5月10日前", 2024, "2024-05-10", false],
  ["二〇二四年十月底前", null, "2024-10-31", false],
  ["2023年底前", 2021, "2023-12-31", false],
  ["年底前", null, null, false],
  ["6月底前", null, null, false],
  ["2024年11月底前", 2023, "2024-11-30", false],
  ["每季度", 2024, "2024-03-31", true],
  ["2023年起", 2023, null, true],
  ["2023年起持续推进", 2023, null, true],
  ["十四五期间", 2023, "2025-12-31", true],
  ["“十四五”期间", null, "2025-12-31", true],
  ["“十四五”末", 2022, "2025-12-31", false],
  ["十五五时期", 2026, "2030-12-31", true],
  ["2025年前后", 2023, "2025-12-31", false],
  ["力争2025年前", 2023, "2025-12-31", false],
  ["2024年以前", 2023, "2024-12-31", false],
  ["2023—2025年", 2023, "2025-12-31", false],
  ["2023-2025", 2023, "2025-12-31", false],
  ["2023年至2025年", 2023, "2025-12-31", false],
  ["2024—2025年持续推进", 2024, "2025-12-31", true],
  ["2023—2025年期间", 2023, "2025-12-31", true],
  ["今年底前", 2024, "2024-12-31", false],
  ["明年6月底前", 2024, "2025-06-30", false],
  ["到2025年底", 2023, "2025-12-31", false],
];

for (const [raw, year, dueOn, ongoing] of cases) {
  test(`deadline "${raw}" with plan year ${year}`, () => {
    const d = parseDeadline(raw, year);
    assert.equal(d.due, dueOn);
    assert.equal(d.ongoing, ongoing);
    assert.equal(d.understood, true);
    assert.equal(d.raw, raw.replace(/\s+/g, ""), "raw is as printed, whitespace removed");
  });
}

test("an unknown phrase is kept raw and flagged, not guessed", () => {
  const d = parseDeadline("视情况而定", 2024);
  assert.deepEqual([d.raw, d.due, d.understood], ["视情况而定", null, false]);
  assert.equal(parseDeadline("完成时间待定", 2024).understood, false);
});
