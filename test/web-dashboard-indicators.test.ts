// How the dashboard words an indicator: the target as offices write it, where it stands, and its first value.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  baselineOf,
  dueYear,
  formatNumber,
  type IndicatorLike,
  indicatorState,
  percentText,
  targetText,
} from "../web/src/pages/dashboard/indicatorFigures.ts";

const value = (id: number, v: number, asOf: string) => ({ id, value: v, asOf, orgName: "泰山区市场监督管理局" });
const indicator = (more: Partial<IndicatorLike>): IndicatorLike => ({
  op: ">=",
  target: 560,
  targetHigh: null,
  unit: "件",
  dueBy: "2025",
  values: [],
  latest: null,
  ...more,
});
const reported = (ratio: number, met: boolean, more: Partial<IndicatorLike> = {}) => {
  const values = [value(1, 312, "2022-12-31"), value(2, 498, "2024-12-31")];
  return indicator({ values, latest: { ...value(2, 498, "2024-12-31"), attainment: { ratio, met } }, ...more });
};

test("targets read as the plan states them", () => {
  assert.equal(targetText(">=", 560, null, "件"), "≥560件");
  assert.equal(targetText(">", 8, null, "家"), ">8家");
  assert.equal(targetText("<=", 15, null, "个月"), "≤15个月");
  assert.equal(targetText("=", 3, null, "个"), "3个");
  assert.equal(targetText("range", 3, 5, "家"), "3–5家");
  assert.equal(targetText("range", 3, null, "家"), "≥3家");
  assert.equal(targetText("~", 1, null, "项"), "~ 1项");
});

test("figures print without float noise or grouping; attainment to a tenth of a percent", () => {
  assert.equal(formatNumber(0.1 + 0.2), "0.3");
  assert.equal(formatNumber(2300), "2300");
  assert.equal(formatNumber(2.04), "2.04");
  assert.equal(percentText(0.889), "88.9%");
  assert.equal(percentText(1), "100%");
  assert.equal(percentText(0.0004), "0%");
});

test("the due year is read from the plan's wording; a recurring target has none", () => {
  assert.equal(dueYear("2025"), 2025);
  assert.equal(dueYear("2025年底"), 2025);
  assert.equal(dueYear(null), undefined);
  assert.equal(dueYear("每年"), undefined);
});

test("an unmet target is missed only once its due year is over", () => {
  assert.equal(indicatorState(indicator({}), "2026-11-23"), "unreported");
  assert.equal(indicatorState(reported(1, true), "2026-11-23"), "met");
  assert.equal(indicatorState(reported(0.889, false), "2025-12-31"), "open");
  assert.equal(indicatorState(reported(0.889, false), "2026-01-01"), "missed");
  assert.equal(indicatorState(reported(0.889, false, { dueBy: null }), "2030-01-01"), "open");
  assert.equal(indicatorState(reported(0.889, false), undefined), "open", "no clock yet: not judged late");
  const unjudged = reported(0, false);
  assert.equal(
    indicatorState({ ...unjudged, latest: unjudged.latest && { ...unjudged.latest, attainment: null } }, "2026-01-01"),
    "unjudged",
  );
});

test("the baseline is the earliest value, and only when a later one follows", () => {
  assert.equal(baselineOf(reported(0.889, false))?.value, 312);
  const once = value(7, 40, "2025-12-31");
  assert.equal(
    baselineOf(indicator({ values: [once], latest: { ...once, attainment: { ratio: 1, met: true } } })),
    undefined,
  );
  assert.equal(baselineOf(indicator({})), undefined);
});
