// Worked examples computed by hand (the arithmetic is in each comment).
import assert from "node:assert/strict";
import { test } from "node:test";
import { seriesOf } from "./indicator-series.ts";
import { bandOf, measurePace, neededOnCourse, scoreOf, yearEndTime } from "./pace.ts";

const close = (actual: number | null | undefined, expected: number, digits = 4) => {
  assert.ok(actual !== null && actual !== undefined, `expected ${expected}, got ${actual}`);
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `expected ${expected}, got ${actual}`);
};

test("increase: 100 (2020) → 121 (2022) against 200 by 2025", () => {
  const pace = measurePace({
    direction: "increase",
    baseline: { year: 2020, value: 100 },
    path: [{ year: 2025, value: 200 }],
    points: [
      { t: 2021, value: 110 },
      { t: 2022, value: 121 },
    ],
    year: 2023,
  });
  // observed (121/100)^(1/2) − 1 = 10%; required 2^(1/5) − 1 = 14.870%; R = 0.1 / 0.14870 = 0.6725
  close(pace.observedGrowth, 0.1);
  close(pace.requiredGrowth, 0.148698);
  close(pace.ratio, 0.6725);
  assert.equal(pace.band, "acceleration_needed");
  assert.equal(pace.method, "compound");
  // on course at the end of 2023: 100 · 2^(3/5) = 151.572
  close(pace.neededThisYear?.value, 151.5717, 3);
  // 121 · 1.1^3 = 161.051, short of 200
  assert.equal(pace.forecast?.method, "compound");
  close(pace.forecast?.value, 161.051, 3);
  assert.equal(pace.forecast?.meetsTarget, false);
});

test("decrease: a review period of 20 months (2020) → 16.2 (2022) against 10 by 2025", () => {
  const pace = measurePace({
    direction: "decrease",
    baseline: { year: 2020, value: 20 },
    path: [{ year: 2025, value: 10 }],
    points: [
      { t: 2021, value: 18 },
      { t: 2022, value: 16.2 },
    ],
    year: 2023,
  });
  // observed (16.2/20)^(1/2) − 1 = −10%; required 0.5^(1/5) − 1 = −12.945%; R = −1 · −0.1 / 0.12945 = 0.7725
  close(pace.observedGrowth, -0.1);
  close(pace.requiredGrowth, -0.129449);
  close(pace.ratio, 0.7725);
  assert.equal(pace.band, "acceleration_needed");
  // 16.2 · 0.9^3 = 11.8098 > 10: the forecast misses
  close(pace.forecast?.value, 11.8098, 3);
  assert.equal(pace.forecast?.meetsTarget, false);
});

test("decrease going the wrong way is deterioration", () => {
  const pace = measurePace({
    direction: "decrease",
    baseline: { year: 2020, value: 20 },
    path: [{ year: 2025, value: 10 }],
    points: [{ t: 2022, value: 24.2 }],
    year: 2023,
  });
  // observed (24.2/20)^(1/2) − 1 = +10%; R = −1 · 0.1 / 0.12945 = −0.7725
  close(pace.ratio, -0.7725);
  assert.equal(pace.band, "deterioration");
});

test("Open SDG, GIF 1.2.1 'reduce by 1/2' with its default years (base 2015, target 2030)", () => {
  // A poverty rate of 14.5% in 2015, target half of it (7.25%) by 2030, 10.6% in 2021.
  // CAGR_o = (10.6/14.5)^(1/6) − 1 = −5.0876%; CAGR_T = 0.5^(1/15) − 1 = −4.5158%;
  // R = d·CAGR_o/|CAGR_T| = −1 · −0.050876 / 0.045158 = 1.1266 ≥ 95%: on track.
  // Score (Figure 2: 60% → 0, 130% → 5): (1.1266 − 0.6) · 5 / 0.7 = 3.7615.
  const pace = measurePace({
    direction: "decrease",
    baseline: { year: 2015, value: 14.5 },
    path: [{ year: 2030, value: 7.25 }],
    points: [
      { t: 2018, value: 12 },
      { t: 2021, value: 10.6 },
    ],
    year: 2022,
  });
  close(pace.observedGrowth, -0.050876);
  close(pace.requiredGrowth, -0.045158);
  close(pace.ratio, 1.1266);
  close(pace.score, 3.7615, 3);
  assert.equal(pace.band, "on_track");
});

test("the band thresholds and score are Open SDG's", () => {
  assert.equal(bandOf(0.95), "on_track");
  assert.equal(bandOf(0.9499), "acceleration_needed");
  assert.equal(bandOf(0.6), "acceleration_needed");
  assert.equal(bandOf(0.5999), "limited_progress");
  assert.equal(bandOf(0), "limited_progress");
  assert.equal(bandOf(-0.01), "deterioration");
  // Figure 2: −60% → −5, 60% → 0, 130% → 5, clamped beyond.
  close(scoreOf(-0.6), -5);
  close(scoreOf(0.6), 0);
  close(scoreOf(1.3), 5);
  close(scoreOf(3), 5);
  close(scoreOf(-2), -5);
});

test("a value already past the target is achieved, whatever the trend", () => {
  const pace = measurePace({
    direction: "increase",
    baseline: { year: 2020, value: 500 },
    path: [{ year: 2025, value: 560 }],
    points: [
      { t: 2022, value: 600 },
      { t: 2023, value: 580 },
    ],
    year: 2024,
  });
  assert.equal(pace.band, "target_achieved");
  assert.equal(pace.score, 5);
});

test("a single value without a baseline cannot be assessed; with a baseline it is a straight line", () => {
  const alone = measurePace({
    direction: "increase",
    baseline: null,
    path: [{ year: 2025, value: 560 }],
    points: [{ t: 2023, value: 498 }],
    year: 2024,
  });
  assert.equal(alone.band, "unable_to_assess");
  assert.equal(alone.gap, "one_point");
  assert.equal(alone.forecast, null);

  const withBase = measurePace({
    direction: "increase",
    baseline: { year: 2021, value: 420 },
    path: [{ year: 2025, value: 560 }],
    points: [{ t: 2023, value: 498 }],
    year: 2024,
  });
  // one reported value: the line 420 → 498 over two years rises 39 a year; 498 + 2 · 39 = 576
  assert.equal(withBase.forecast?.method, "linear");
  close(withBase.forecast?.value, 576);
  assert.equal(withBase.forecast?.meetsTarget, true);
  // the band still uses the compound rates: (498/420)^(1/2) − 1 = 8.889%; (560/420)^(1/4) − 1 = 7.457%
  close(withBase.ratio, 0.088933 / 0.07457, 3);
  assert.equal(withBase.band, "on_track");
});

test("no values: no band, but the course for this year is known", () => {
  const pace = measurePace({
    direction: "increase",
    baseline: { year: 2020, value: 100 },
    path: [{ year: 2025, value: 200 }],
    points: [],
    year: 2021,
  });
  assert.equal(pace.gap, "no_values");
  close(pace.neededThisYear?.value, 100 * 2 ** 0.2);
});

test("a target year in the past that was missed is not achieved", () => {
  const pace = measurePace({
    direction: "increase",
    baseline: { year: 2020, value: 100 },
    path: [{ year: 2023, value: 150 }],
    points: [{ t: 2023, value: 130 }],
    year: 2025,
  });
  assert.equal(pace.band, "not_achieved");
  assert.equal(pace.targetYearPassed, true);
  assert.equal(pace.forecast, null);
  assert.deepEqual(pace.neededThisYear, { year: 2025, value: 150 });
});

test("a target path: the next milestone is assessed, the course passes through each", () => {
  const path = [
    { year: 2023, value: 150 },
    { year: 2025, value: 200 },
  ];
  const pace = measurePace({
    direction: "increase",
    baseline: { year: 2020, value: 100 },
    path,
    points: [{ t: 2023, value: 155 }],
    year: 2024,
  });
  assert.equal(pace.target?.year, 2025);
  // course in 2024: 150 · (200/150)^(1/2) = 173.205
  close(pace.neededThisYear?.value, 173.2051, 3);
  close(neededOnCourse("increase", { t: 2020, value: 100 }, path, 2023)?.value, 150);
});

test("range 3–5: below the low end is pursued upward, inside is achieved", () => {
  const below = measurePace({
    direction: "range",
    baseline: { year: 2020, value: 1 },
    path: [{ year: 2025, value: 3, high: 5 }],
    points: [{ t: 2022, value: 2 }],
    year: 2023,
  });
  // observed 2^(1/2) − 1 = 41.42%; required to 3: 3^(1/5) − 1 = 24.57%; R = 1.686
  close(below.ratio, 0.414214 / 0.245731, 3);
  assert.equal(below.band, "on_track");
  const inside = measurePace({
    ...{ direction: "range" as const },
    baseline: null,
    path: [{ year: 2025, value: 3, high: 5 }],
    points: [{ t: 2022, value: 4 }],
    year: 2023,
  });
  assert.equal(inside.band, "target_achieved");
  const above = measurePace({
    direction: "range",
    baseline: { year: 2020, value: 8 },
    path: [{ year: 2025, value: 3, high: 5 }],
    points: [{ t: 2022, value: 9 }],
    year: 2023,
  });
  assert.equal(above.band, "deterioration");
});

test("a count from zero is measured as a straight line", () => {
  // 累计培育贯标企业35家 by 2025 from 0 in 2021; 15 by 2023: 7.5 a year against 35/4 = 8.75 a year
  const pace = measurePace({
    direction: "increase",
    baseline: { year: 2021, value: 0 },
    path: [{ year: 2025, value: 35 }],
    points: [
      { t: 2022, value: 8 },
      { t: 2023, value: 15 },
    ],
    year: 2024,
  });
  assert.equal(pace.method, "linear");
  close(pace.observedGrowth, 7.5);
  close(pace.requiredGrowth, 8.75);
  close(pace.ratio, 7.5 / 8.75);
  assert.equal(pace.band, "acceleration_needed");
  // 15 + 2 · 7.5 = 30 < 35
  assert.equal(pace.forecast?.method, "linear");
  close(pace.forecast?.value, 30);
  // course at the end of 2024: 35 · 3/4 = 26.25
  close(pace.neededThisYear?.value, 26.25);
});

test("keep at or above: a fall below the line from above is deterioration", () => {
  const pace = measurePace({
    direction: "at_least",
    baseline: { year: 2020, value: 95 },
    path: [{ year: 2025, value: 90 }],
    points: [{ t: 2022, value: 85 }],
    year: 2023,
  });
  assert.equal(pace.band, "deterioration");
});

test("year-end time: 31 December is the year, mid-year is half way from the year before", () => {
  assert.equal(yearEndTime("2024-12-31"), 2024);
  close(yearEndTime("2025-07-02"), 2024.5, 2);
  close(yearEndTime("2023-01-01"), 2022 + 1 / 365, 6);
});

test("Open SDG's zero target (GIF 3.3.1, target 0): replaced by 0.001 for the exponential model", () => {
  // 0.2 new infections per 1,000 in 2015, 0.18 (2018) and 0.15 in 2021, target 0 by 2030.
  // CAGR_o = (0.15/0.2)^(1/6) − 1 = −4.6816%; CAGR_T = (0.001/0.2)^(1/15) − 1 = −29.758%;
  // R = −1 · −0.046816 / 0.29758 = 0.1573: limited progress; score (0.1573 − 0.6) · 5 / 1.2 = −1.8445.
  // Forecast: 0.15 · (1 − 0.046816)^9 = 0.0974 by 2030, short of 0.
  const pace = measurePace({
    direction: "decrease",
    baseline: { year: 2015, value: 0.2 },
    path: [{ year: 2030, value: 0 }],
    points: [
      { t: 2018, value: 0.18 },
      { t: 2021, value: 0.15 },
    ],
    year: 2022,
  });
  close(pace.observedGrowth, -0.046816);
  close(pace.requiredGrowth, -0.297578);
  close(pace.ratio, 0.157322);
  close(pace.score, -1.84449, 3);
  assert.equal(pace.band, "limited_progress");
  assert.equal(pace.forecast?.method, "compound");
  close(pace.forecast?.value, 0.097428);
  assert.equal(pace.forecast?.meetsTarget, false);
});

test("a cumulative target (累计新增35家 from 2021) over yearly flows is judged on the running total, linearly", () => {
  // New firms: 8 in 2022, 7 in 2023 → running totals 8 and 15 from a base of 0. From zero the
  // exponential model cannot hold, so growth is units a year: observed 15 / 2 = 7.5, required 35 / 4
  // = 8.75, R = 0.857: acceleration needed. Due by the end of 2024: 8.75 · 3 = 26.25. Forecast on the
  // line: 15 + 7.5 · 2 = 30 by 2025, short of 35.
  const series = seriesOf(
    [
      { asOf: "2022-12-31", value: 8 },
      { asOf: "2023-12-31", value: 7 },
    ],
    "flow",
    true,
    { year: 2021, value: 0 },
    "2024-03-01",
  );
  const pace = measurePace({
    direction: "increase",
    baseline: { year: 2021, value: 0 },
    path: [{ year: 2025, value: 35 }],
    points: series.points,
    year: 2024,
  });
  assert.equal(pace.method, "linear");
  close(pace.observedGrowth, 7.5);
  close(pace.requiredGrowth, 8.75);
  close(pace.ratio, 0.857143);
  assert.equal(pace.band, "acceleration_needed");
  close(pace.neededThisYear?.value, 26.25);
  assert.equal(pace.forecast?.method, "linear");
  close(pace.forecast?.value, 30);
  assert.equal(pace.forecast?.meetsTarget, false);
});
