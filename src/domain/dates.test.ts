import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { daySeries } from "./dates.ts";

describe("daySeries", () => {
  test("weekly from the first day, ending on the last", () => {
    assert.deepEqual(daySeries("2025-01-01", "2025-01-20", "week"), [
      "2025-01-01",
      "2025-01-08",
      "2025-01-15",
      "2025-01-20",
    ]);
    assert.deepEqual(daySeries("2025-01-01", "2025-01-15", "week"), ["2025-01-01", "2025-01-08", "2025-01-15"]);
  });

  test("monthly keeps the day of month, clamped to short months, across a year end", () => {
    assert.deepEqual(daySeries("2024-11-30", "2025-03-30", "month"), [
      "2024-11-30",
      "2024-12-30",
      "2025-01-30",
      "2025-02-28",
      "2025-03-30",
    ]);
    assert.deepEqual(daySeries("2024-01-31", "2024-03-31", "month"), ["2024-01-31", "2024-02-29", "2024-03-31"]);
  });

  test("one day is one point; a reversed range none", () => {
    assert.deepEqual(daySeries("2025-03-01", "2025-03-01", "week"), ["2025-03-01"]);
    assert.deepEqual(daySeries("2025-03-02", "2025-03-01", "month"), []);
  });
});
