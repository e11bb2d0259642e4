import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_TIME_ZONE, dayIn, isTimeZone } from "./today.ts";

test("dayIn: China's day starts at 16:00 UTC the day before", () => {
  assert.equal(dayIn("Asia/Shanghai", new Date("2025-06-16T15:59:59.999Z")), "2025-06-16");
  assert.equal(dayIn("Asia/Shanghai", new Date("2025-06-16T16:00:00Z")), "2025-06-17");
  assert.equal(dayIn("Asia/Shanghai", new Date("2025-06-16T17:00:00Z")), "2025-06-17");
  // Across UTC midnight the UTC date moves on; China's was already there.
  assert.equal(dayIn("Asia/Shanghai", new Date("2025-06-16T23:59:59.999Z")), "2025-06-17");
  assert.equal(dayIn("Asia/Shanghai", new Date("2025-06-17T00:00:00Z")), "2025-06-17");
  assert.equal(dayIn("UTC", new Date("2025-06-16T23:59:59.999Z")), "2025-06-16");
  assert.equal(dayIn("UTC", new Date("2025-06-17T00:00:00Z")), "2025-06-17");
});

test("dayIn: year, month and leap-day ends, and zones west of UTC", () => {
  assert.equal(dayIn("Asia/Shanghai", new Date("2024-12-31T16:00:00Z")), "2025-01-01");
  assert.equal(dayIn("Asia/Shanghai", new Date("2024-02-28T16:00:00Z")), "2024-02-29");
  assert.equal(dayIn("America/New_York", new Date("2025-01-01T04:59:59Z")), "2024-12-31");
  assert.equal(dayIn("America/New_York", new Date("2025-01-01T05:00:00Z")), "2025-01-01");
  assert.equal(dayIn(DEFAULT_TIME_ZONE, new Date("2025-06-16T17:00:00Z")), "2025-06-17");
});

test("isTimeZone knows IANA names; dayIn refuses anything else", () => {
  assert.equal(isTimeZone("Asia/Urumqi"), true);
  assert.equal(isTimeZone("UTC"), true);
  assert.equal(isTimeZone("Mars/Olympus"), false);
  assert.throws(() => dayIn("Mars/Olympus", new Date()), RangeError);
});
