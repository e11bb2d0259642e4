import assert from "node:assert/strict";
import { test } from "node:test";
import { describeTarget, indicatorAttainment } from "./indicators.ts";

test("at least: proportional below the target, met from the target on", () => {
  assert.deepEqual(indicatorAttainment(">=", 560, null, 280), { ratio: 0.5, met: false });
  assert.deepEqual(indicatorAttainment(">=", 560, null, 560), { ratio: 1, met: true });
  assert.deepEqual(indicatorAttainment(">=", 7, null, 7.5), { ratio: 1, met: true });
});

test("more than (突破): exactly on the target is not met", () => {
  assert.equal(indicatorAttainment(">", 8, null, 8)?.met, false);
  assert.equal(indicatorAttainment(">", 8, null, 9)?.met, true);
});

test("at most (以内): met at or below, proportional above", () => {
  assert.deepEqual(indicatorAttainment("<=", 15, null, 12), { ratio: 1, met: true });
  assert.deepEqual(indicatorAttainment("<=", 15, null, 20), { ratio: 0.75, met: false });
});

test("range: below the low end and above the high end both fall short", () => {
  assert.equal(indicatorAttainment("range", 3, 5, 4)?.met, true);
  assert.equal(indicatorAttainment("range", 3, 5, 2)?.met, false);
  assert.equal(indicatorAttainment("range", 3, 5, 6)?.met, false);
});

test("an unknown operator is not judged", () => {
  assert.equal(indicatorAttainment("≈", 3, null, 3), null);
});

test("targets in words", () => {
  assert.equal(describeTarget(">=", 560, null, "件"), "≥560件");
  assert.equal(describeTarget("<=", 15, null, "个月"), "≤15个月");
  assert.equal(describeTarget("range", 3, 5, "家"), "3–5家");
  assert.equal(describeTarget("=", 2.1, null, "万件"), "2.1万件");
});
