import assert from "node:assert/strict";
import { test } from "node:test";
import { addDays, dayNumber, daysBetween } from "./dates.ts";
import {
  continuesPastDue,
  currentPeriod,
  parsePeriodLabel,
  periodOf,
  planSpanOf,
  reportDeadline,
  reportingPeriods,
} from "./periods.ts";

const labels = (ps: readonly { label: string }[]) => ps.map((p) => p.label);

test("dates reject impossible days and count leap days", () => {
  assert.throws(() => dayNumber("2023-02-29"), RangeError);
  assert.throws(() => dayNumber("2024-13-01"), RangeError);
  assert.throws(() => dayNumber("2024-6-1"), RangeError);
  assert.equal(addDays("2024-02-28", 1), "2024-02-29");
  assert.equal(addDays("2023-02-28", 1), "2023-03-01");
  assert.equal(daysBetween("2024-01-01", "2025-01-01"), 366);
});

test("periodOf gives quarters and months with real month ends", () => {
  assert.deepEqual(periodOf("quarterly", "2024-06-15"), { label: "2024-Q2", start: "2024-04-01", end: "2024-06-30" });
  assert.deepEqual(periodOf("monthly", "2024-02-10"), { label: "2024-02", start: "2024-02-01", end: "2024-02-29" });
  assert.equal(periodOf("monthly", "2023-02-10").end, "2023-02-28");
  assert.deepEqual(periodOf("quarterly", "2024-12-31"), { label: "2024-Q4", start: "2024-10-01", end: "2024-12-31" });
  assert.equal(currentPeriod("quarterly", "2024-06-15").label, "2024-Q2");
});

test("period labels read back", () => {
  assert.equal(parsePeriodLabel("2024-Q3")?.end, "2024-09-30");
  assert.equal(parsePeriodLabel("2024-02")?.end, "2024-02-29");
  assert.equal(parsePeriodLabel("2024-Q5"), null);
  assert.equal(parsePeriodLabel("2024-13"), null);
});

test("report deadline is period end plus grace, across month and year ends", () => {
  assert.equal(reportDeadline(periodOf("quarterly", "2024-05-01")), "2024-07-05");
  assert.equal(reportDeadline(periodOf("quarterly", "2024-11-01"), 10), "2025-01-10");
  assert.equal(reportDeadline(periodOf("monthly", "2024-02-01"), 0), "2024-02-29");
});

test("non-ongoing work reports from plan start to the period holding its due date", () => {
  const ps = reportingPeriods({
    cadence: "quarterly",
    plan: { from: 2024, to: 2024 },
    dueOn: "2024-06-30",
    ongoing: false,
  });
  assert.deepEqual(labels(ps), ["2024-Q1", "2024-Q2"]);
  const monthly = reportingPeriods({
    cadence: "monthly",
    plan: { from: 2024, to: 2024 },
    dueOn: "2024-03-01",
    ongoing: false,
  });
  assert.deepEqual(labels(monthly), ["2024-01", "2024-02", "2024-03"]);
});

test("全年 (ongoing, due at year end) reports every period of the year", () => {
  const ps = reportingPeriods({
    cadence: "quarterly",
    plan: { from: 2024, to: 2024 },
    dueOn: "2024-12-31",
    ongoing: true,
    deadlineRaw: "全年",
  });
  assert.deepEqual(labels(ps), ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
});

test("持续推进 (no due date) reports to the plan's end", () => {
  const ps = reportingPeriods({ cadence: "quarterly", plan: { from: 2023, to: 2025 }, dueOn: null, ongoing: true });
  assert.equal(ps.length, 12);
  assert.equal(ps[0]?.label, "2023-Q1");
  assert.equal(ps.at(-1)?.label, "2025-Q4");
});

test("…完成并持续推进 continues past the due date to the plan's end", () => {
  const base = { cadence: "quarterly" as const, plan: { from: 2023, to: 2025 }, dueOn: "2023-12-31", ongoing: true };
  assert.equal(reportingPeriods({ ...base, deadlineRaw: "2023年12月底前完成并持续推进" }).length, 12);
  // Without the printed continuation an ongoing deadline stops at its due date.
  assert.equal(reportingPeriods({ ...base, deadlineRaw: "全年" }).length, 4);
  assert.equal(continuesPastDue("每年3月底前"), true);
  assert.equal(continuesPastDue("年底前"), false);
  assert.equal(continuesPastDue(null), false);
});

test("a due date outside the plan span still gets its period", () => {
  const ps = reportingPeriods({
    cadence: "quarterly",
    plan: { from: 2024, to: 2024 },
    dueOn: "2025-03-31",
    ongoing: false,
  });
  assert.equal(ps.at(-1)?.label, "2025-Q1");
  const early = reportingPeriods({
    cadence: "quarterly",
    plan: { from: 2024, to: 2025 },
    dueOn: "2023-11-30",
    ongoing: false,
  });
  assert.deepEqual(labels(early), ["2023-Q4"]);
});

test("planSpanOf prefers the printed period, then the plan year", () => {
  assert.deepEqual(planSpanOf({ periodFrom: 2021, periodTo: 2025, planYear: 2021 }), { from: 2021, to: 2025 });
  assert.deepEqual(planSpanOf({ periodFrom: null, periodTo: null, planYear: 2022 }), { from: 2022, to: 2022 });
  assert.equal(planSpanOf({ periodFrom: null, periodTo: null, planYear: null }), null);
});
