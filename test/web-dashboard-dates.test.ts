// The dashboard's month arithmetic (trend start, calendar windows) across month ends, leap days and years.
import assert from "node:assert/strict";
import { test } from "node:test";
import { addDays, addMonths, lastDayOf, monthsBefore } from "../web/src/pages/dashboard/dates.ts";

test("months add across year ends both ways", () => {
  assert.equal(addMonths("2026-11", 5), "2027-04");
  assert.equal(addMonths("2026-01", -1), "2025-12");
  assert.equal(addMonths("2025-12", -17), "2024-07");
});

test("a month's last day knows leap years", () => {
  assert.equal(lastDayOf("2024-02"), "2024-02-29");
  assert.equal(lastDayOf("2025-02"), "2025-02-28");
  assert.equal(lastDayOf("2025-12"), "2025-12-31");
});

test("the same day months earlier falls back to a shorter month's end", () => {
  assert.equal(monthsBefore("2026-11-23", 6), "2026-05-23");
  assert.equal(monthsBefore("2025-08-31", 6), "2025-02-28");
  assert.equal(monthsBefore("2026-03-31", 36), "2023-03-31");
});

test("days step over month and year ends", () => {
  assert.equal(addDays("2025-12-31", 1), "2026-01-01");
  assert.equal(addDays("2024-03-01", -1), "2024-02-29");
});
