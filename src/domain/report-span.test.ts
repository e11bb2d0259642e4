import assert from "node:assert/strict";
import { test } from "node:test";
import { chineseOrdinal, periodWithin, reportSpan } from "./report-span.ts";

const TODAY = "2025-03-01";

test("a year is the annual summary, taken as of today while it runs", () => {
  assert.deepEqual(reportSpan("2025", TODAY), {
    kind: "year",
    label: "2025",
    words: "2025年度",
    from: "2025-01-01",
    to: "2025-12-31",
    asOf: TODAY,
  });
  assert.equal(reportSpan("2024", TODAY)?.asOf, "2024-12-31");
});

test("quarters and months in words", () => {
  assert.equal(reportSpan("2024-Q3", TODAY)?.words, "2024年第三季度");
  assert.equal(reportSpan("2024-Q3", TODAY)?.asOf, "2024-09-30");
  assert.equal(reportSpan("2025-02", TODAY)?.words, "2025年2月");
  assert.equal(reportSpan("2025-02", TODAY)?.from, "2025-02-01");
});

test("no period: everything up to today", () => {
  assert.equal(reportSpan(undefined, TODAY)?.kind, "to_date");
  assert.equal(reportSpan(undefined, TODAY)?.asOf, TODAY);
});

test("bad or future periods are refused", () => {
  for (const bad of ["2025-Q5", "25", "2025-13", "next year", "2025-04", "2026"])
    assert.equal(reportSpan(bad, TODAY), null, bad);
});

test("which reporting periods lie within a span", () => {
  const year = reportSpan("2024", TODAY);
  assert.ok(year);
  assert.equal(periodWithin(year, "2024-Q4"), true);
  assert.equal(periodWithin(year, "2024-07"), true);
  assert.equal(periodWithin(year, "2025-Q1"), false);
  const all = reportSpan(undefined, TODAY);
  assert.ok(all);
  assert.equal(periodWithin(all, "2019-Q1"), true);
  assert.equal(periodWithin(all, "2025-Q1"), true, "the running quarter");
  assert.equal(periodWithin(all, "2025-Q2"), false);
  const february = reportSpan("2025-02", TODAY);
  assert.ok(february);
  assert.equal(periodWithin(february, "2025-Q1"), true, "a quarterly report speaks for its months");
  assert.equal(periodWithin(february, "2025-03"), false);
});

test("Chinese ordinals", () => {
  assert.deepEqual([1, 9, 10, 11, 20, 23].map(chineseOrdinal), ["一", "九", "十", "十一", "二十", "二十三"]);
});
