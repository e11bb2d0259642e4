import assert from "node:assert/strict";
import { test } from "node:test";
import {
  checkSplit,
  directionOf,
  isAdditive,
  rollUp,
  seriesOf,
  sideBySide,
  weightedRollUp,
} from "./indicator-series.ts";
import { measurePace } from "./pace.ts";

test("a stock's figures are levels at their dates", () => {
  const s = seriesOf(
    [
      { asOf: "2023-12-31", value: 430 },
      { asOf: "2024-12-31", value: 498 },
    ],
    "stock",
    false,
    { year: 2022, value: 400 },
    "2025-03-01",
  );
  assert.deepEqual(s.points, [
    { t: 2023, value: 430 },
    { t: 2024, value: 498 },
  ]);
  assert.equal(s.yearToDate, null);
});

test("an annual flow: each year's last figure, the open year kept aside", () => {
  const s = seriesOf(
    [
      { asOf: "2022-12-31", value: 600 },
      { asOf: "2023-06-30", value: 350 },
      { asOf: "2023-12-31", value: 700 },
      { asOf: "2025-06-30", value: 420 },
    ],
    "flow",
    false,
    { year: 2021, value: 550 },
    "2025-07-15",
  );
  assert.deepEqual(s.points, [
    { t: 2022, value: 600 },
    { t: 2023, value: 700 },
  ]);
  assert.deepEqual(s.yearToDate, { year: 2025, asOf: "2025-06-30", value: 420 });
  // annual applications 550 (2021) → 700 (2023) against 1000 by 2025:
  // (700/550)^(1/2) − 1 = 12.815%; (1000/550)^(1/4) − 1 = 16.12%; R = 0.795
  const pace = measurePace({
    direction: "increase",
    baseline: { year: 2021, value: 550 },
    path: [{ year: 2025, value: 1000 }],
    points: s.points,
    year: 2025,
  });
  assert.ok(Math.abs((pace.ratio ?? 0) - 0.128152 / 0.161209) < 1e-4);
  assert.equal(pace.band, "acceleration_needed");
});

test("a cumulative flow sums the years since the base", () => {
  const s = seriesOf(
    [
      { asOf: "2022-12-31", value: 8 },
      { asOf: "2023-12-31", value: 7 },
      { asOf: "2024-06-30", value: 3 },
    ],
    "flow",
    true,
    { year: 2021, value: 0 },
    "2024-07-01",
  );
  assert.deepEqual(
    s.points.map((p) => [Math.round(p.t * 10) / 10, p.value]),
    [
      [2022, 8],
      [2023, 15],
      [2023.5, 18],
    ],
  );
});

test("direction from the operator and the baseline", () => {
  assert.equal(directionOf(">=", 560, 420), "increase");
  assert.equal(directionOf(">=", 90, 95), "at_least");
  assert.equal(directionOf("<=", 15, 20), "decrease");
  assert.equal(directionOf("<=", 15, 12), "at_most");
  assert.equal(directionOf("range", 3, null), "range");
  assert.equal(directionOf(">", 8, null), "increase");
});

test("counts add up, rates and per-capita figures do not", () => {
  assert.equal(isAdditive("高价值发明专利", "件"), true);
  assert.equal(isAdditive("质押额", "亿元"), true);
  assert.equal(isAdditive("万人高价值发明专利拥有量", "件"), false);
  assert.equal(isAdditive("结案率", "%"), false);
  assert.equal(isAdditive("专利审查周期", "个月"), false);
});

test("a split is checked only for counts", () => {
  const shares = [
    { orgId: 1, target: 200 },
    { orgId: 2, target: 300 },
  ];
  assert.deepEqual(checkSplit(true, 500, shares), { status: "ok", total: 500 });
  assert.deepEqual(checkSplit(true, 560, shares), { status: "short", total: 500, difference: -60 });
  assert.deepEqual(checkSplit(true, 450, shares), { status: "over", total: 500, difference: 50 });
  assert.deepEqual(checkSplit(false, 7, shares), { status: "not_additive" });
});

test("roll-up sums each year's latest figure per org for counts, and not otherwise", () => {
  const orgs = [
    {
      orgId: 1,
      values: [
        { asOf: "2023-06-30", value: 90 },
        { asOf: "2023-12-31", value: 100 },
        { asOf: "2024-12-31", value: 120 },
      ],
    },
    { orgId: 2, values: [{ asOf: "2023-12-31", value: 50 }] },
  ];
  assert.deepEqual(rollUp(true, orgs), {
    method: "sum",
    years: [
      { year: 2023, asOf: "2023-12-31", value: 150, orgs: 2 },
      { year: 2024, asOf: "2024-12-31", value: 120, orgs: 1 },
    ],
  });
  assert.deepEqual(rollUp(false, orgs), { method: "side_by_side", years: [] });
});

test("a rate per 10k people rolls up as the population-weighted mean, not the plain mean or the sum", () => {
  // City A: 12 patents per 10k in 2023 with 500 (万人) people, 13 in 2024 with no population yet for
  // 2024 (2023's stands in); city B: 6 per 10k with 100 in 2023, 7 with 140 in 2024. C reports a rate
  // and no population, D a population of zero: neither can be weighed.
  const orgs = [
    {
      orgId: 1,
      values: [
        { asOf: "2023-12-31", value: 12 },
        { asOf: "2024-12-31", value: 13 },
      ],
      weights: [{ asOf: "2023-12-31", value: 500 }],
    },
    {
      orgId: 2,
      values: [
        { asOf: "2023-12-31", value: 6 },
        { asOf: "2024-12-31", value: 7 },
      ],
      weights: [
        { asOf: "2023-12-31", value: 100 },
        { asOf: "2024-12-31", value: 140 },
      ],
    },
    { orgId: 3, values: [{ asOf: "2023-12-31", value: 40 }], weights: [] },
    { orgId: 4, values: [{ asOf: "2023-12-31", value: 40 }], weights: [{ asOf: "2023-12-31", value: 0 }] },
  ];
  const years = weightedRollUp(orgs);
  // 2023: (12·500 + 6·100) / 600 = 6600 / 600 = 11 (A's 6000 patents and B's 600 over 600万 people);
  // the plain mean of A and B would be 9.
  // 2024: (13·500 + 7·140) / 640 = 7480 / 640 = 11.6875.
  assert.deepEqual(years, [
    { year: 2023, asOf: "2023-12-31", value: 11, orgs: 2, weight: 600 },
    { year: 2024, asOf: "2024-12-31", value: 11.6875, orgs: 2, weight: 640 },
  ]);
  // A weight reported only after the rate's year does not weigh it.
  assert.deepEqual(
    weightedRollUp([
      { orgId: 1, values: [{ asOf: "2022-12-31", value: 5 }], weights: [{ asOf: "2023-12-31", value: 10 }] },
    ]),
    [],
  );
});

test("rates with no weight are shown side by side, each org's latest of each year", () => {
  const rows = sideBySide([
    {
      orgId: 2,
      values: [
        { asOf: "2024-06-30", value: 70 },
        { asOf: "2024-12-31", value: 82 },
      ],
    },
    { orgId: 1, values: [{ asOf: "2024-12-31", value: 90 }] },
  ]);
  assert.deepEqual(rows, [
    { orgId: 1, year: 2024, asOf: "2024-12-31", value: 90 },
    { orgId: 2, year: 2024, asOf: "2024-12-31", value: 82 },
  ]);
});
