// Pace to target (进度研判): Open SDG's progress measure (Statistics Canada's method, open-sdg
// docs/progress-methodology.md; reference code sdg-build ProgressMeasure.py). The observed compound
// annual growth rate from the base year, CAGR_o = (y_i / y_0)^(1/(t_i − t_0)) − 1, is set against the
// rate the target needs, CAGR_r = (y_T / y_0)^(1/(t_T − t_0)) − 1, as R = d · CAGR_o / |CAGR_r| with d = +1
// for a target above and −1 below. Bands: target achieved; R ≥ 95% on track; 60–95% progress,
// acceleration needed; 0–60% limited progress; R < 0 deterioration.
//
// Where the exponential model cannot hold — a count that starts from zero ("累计培育35家" from 0) or a
// value at or below zero — growth is measured as a straight line (units a year) instead, and the
// result says so: Open SDG's own fallback (replacing 0 by 0.001) makes any such count look explosive.
//
// Time is counted in year ends: the figure for 31 Dec 2024 stands at t = 2024, one for 30 Jun 2025 at
// about 2024.5, so a baseline "2020年" and a target "到2025年" sit five years apart as the plan means.

export type Direction = "increase" | "decrease" | "at_least" | "at_most" | "range";
export type GrowthMethod = "compound" | "linear";
export type PaceBand =
  | "target_achieved"
  | "on_track"
  | "acceleration_needed"
  | "limited_progress"
  | "deterioration"
  /** The target year is over and the target was not reached. */
  | "not_achieved"
  | "unable_to_assess";

/** Why a band could not be given. */
export type PaceGap = "no_values" | "one_point" | "no_target";

/** One step of the target path: the value due by the end of `year` (for a range, value to high). */
export type PathPoint = { year: number; value: number; high?: number | null };
/** A value of the series, at year-end time t (see above). */
export type Point = { t: number; value: number };

export type PaceInput = {
  direction: Direction;
  baseline: { year: number; value: number } | null;
  path: readonly PathPoint[];
  /** The series as it is compared with the target, oldest first (cumulative flows already summed). */
  points: readonly Point[];
  /** The calendar year of today: its end is "this year" for the value needed to stay on course. */
  year: number;
};

export type Forecast = {
  year: number;
  value: number;
  /** compound: the observed rate carried forward; linear: the straight line through base and latest. */
  method: GrowthMethod;
  meetsTarget: boolean;
};

export type Pace = {
  band: PaceBand;
  gap: PaceGap | null;
  /** R, observed over required growth; null where it cannot be computed. */
  ratio: number | null;
  /** Open SDG's score, −5 … 5 (5 when achieved): what an average over orgs or indicators is taken of. */
  score: number | null;
  /** How growth is measured: compound (a rate, 0.1 = 10% a year) or linear (units a year). */
  method: GrowthMethod | null;
  observedGrowth: number | null;
  requiredGrowth: number | null;
  base: Point | null;
  latest: Point | null;
  /** The target assessed: the first on the path not yet due, else the last. */
  target: PathPoint | null;
  targetYearPassed: boolean;
  /** Where the planned course from the base stands at the end of this year. */
  neededThisYear: { year: number; value: number } | null;
  forecast: Forecast | null;
};

const ON_TRACK = 0.95;
const ACCELERATION = 0.6;

/** Year-end time of a calendar date (YYYY-MM-DD): 2024-12-31 → 2024, 2025-07-02 → ≈2024.5. */
export function yearEndTime(date: string): number {
  const year = Number(date.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  const elapsed = (Date.parse(`${date}T00:00:00Z`) - start) / 86_400_000 + 1;
  return year - 1 + elapsed / days;
}

/** Whether `value` meets the target in its direction (a range: within both ends). */
export function meets(direction: Direction, target: PathPoint, value: number): boolean {
  switch (direction) {
    case "increase":
    case "at_least":
      return value >= target.value;
    case "decrease":
    case "at_most":
      return value <= target.value;
    case "range":
      return value >= target.value && value <= (target.high ?? Number.POSITIVE_INFINITY);
  }
}

/** +1 where the value has to rise to the target, −1 where it has to fall; a range by which end is missed. */
function sense(direction: Direction, target: PathPoint, from: number): { d: 1 | -1; goal: number } {
  if (direction === "decrease" || direction === "at_most") return { d: -1, goal: target.value };
  if (direction === "range" && target.high != null && from > target.high) return { d: -1, goal: target.high };
  return { d: 1, goal: target.value };
}

function growth(method: GrowthMethod, from: Point, to: Point): number {
  const years = to.t - from.t;
  return method === "compound" ? (to.value / from.value) ** (1 / years) - 1 : (to.value - from.value) / years;
}

function extend(method: GrowthMethod, from: Point, rate: number, t: number): number {
  return method === "compound" ? from.value * (1 + rate) ** (t - from.t) : from.value + rate * (t - from.t);
}

/** Open SDG's band for a ratio R. */
export function bandOf(ratio: number): PaceBand {
  if (ratio >= ON_TRACK) return "on_track";
  if (ratio >= ACCELERATION) return "acceleration_needed";
  if (ratio >= 0) return "limited_progress";
  return "deterioration";
}

/** Open SDG's score for a ratio: linear from −60% (−5) through 60% (0) to 130% (5), clamped. */
export function scoreOf(ratio: number): number {
  const s = ratio >= ACCELERATION ? ((ratio - 0.6) * 5) / 0.7 : ((ratio - 0.6) * 5) / 1.2;
  return Math.max(-5, Math.min(5, s));
}

/** The target assessed in `year`: the first not yet due, else the last (whose year may be over). */
export function currentTarget(path: readonly PathPoint[], year: number): PathPoint | null {
  const sorted = [...path].sort((a, b) => a.year - b.year);
  return sorted.find((p) => p.year >= year) ?? sorted.at(-1) ?? null;
}

/** Zero or negative values break the exponential model (Open SDG's minimum data requirement). */
const compoundHolds = (...values: number[]): boolean => values.every((v) => v > 0);

export function measurePace(input: PaceInput): Pace {
  const points = [...input.points].sort((a, b) => a.t - b.t);
  const target = currentTarget(input.path, input.year);
  const latest = points.at(-1) ?? null;
  const base: Point | null = input.baseline
    ? { t: input.baseline.year, value: input.baseline.value }
    : (points[0] ?? null);
  const empty: Pace = {
    band: "unable_to_assess",
    gap: null,
    ratio: null,
    score: null,
    method: null,
    observedGrowth: null,
    requiredGrowth: null,
    base,
    latest,
    target,
    targetYearPassed: target !== null && target.year < input.year,
    neededThisYear: null,
    forecast: null,
  };
  if (!target) return { ...empty, gap: "no_target" };
  const needed = neededOnCourse(input.direction, base, input.path, input.year);
  const result = { ...empty, neededThisYear: needed };
  if (!latest) return { ...result, gap: "no_values" };
  if (meets(input.direction, target, latest.value)) return { ...result, band: "target_achieved", score: 5 };
  if (!base || latest.t <= base.t) return { ...result, gap: "one_point" };

  const { d, goal } = sense(input.direction, target, base.value);
  const method: GrowthMethod = compoundHolds(base.value, latest.value) ? "compound" : "linear";
  // Open SDG replaces a target of zero by 0.001 so that the rate to it exists.
  const goalPoint: Point = { t: target.year, value: method === "compound" && goal === 0 ? 0.001 : goal };
  const observed = growth(method, base, latest);
  const required = goalPoint.t > base.t ? growth(method, base, goalPoint) : null;
  let ratio: number;
  if (required === null || Math.abs(required) < 1e-12) {
    // The target sits at the base (or was due at it): only the direction of movement counts.
    ratio = Math.sign(d * observed);
  } else {
    ratio = (d * observed) / Math.abs(required);
  }
  const reported = points.filter((p) => p.t > base.t).length;
  const forecast = forecastTo(input.direction, target, base, latest, observed, method, reported);
  const passed = target.year < input.year;
  return {
    ...result,
    band: passed ? "not_achieved" : bandOf(ratio),
    ratio,
    score: scoreOf(ratio),
    method,
    observedGrowth: observed,
    requiredGrowth: required,
    forecast,
  };
}

/**
 * The value at the target year if things go on as observed: the observed rate compounded where two
 * or more values were reported after the base, the straight line through base and latest where only
 * one was (a single step says nothing about compounding). None once the target year is reached.
 */
function forecastTo(
  direction: Direction,
  target: PathPoint,
  base: Point,
  latest: Point,
  observed: number,
  method: GrowthMethod,
  reported: number,
): Forecast | null {
  if (target.year <= latest.t) return null;
  const how: GrowthMethod = reported >= 2 ? method : "linear";
  const rate = how === method ? observed : growth("linear", base, latest);
  const value = extend(how, latest, rate, target.year);
  return { year: target.year, value, method: how, meetsTarget: meets(direction, target, value) };
}

/**
 * The planned course: from the base through each point of the target path, compounding between them
 * (a straight line where a value is zero or below). Its value at the end of `year`; the last target
 * once the path is over; null before the base or without one.
 */
export function neededOnCourse(
  direction: Direction,
  base: Point | null,
  path: readonly PathPoint[],
  year: number,
): { year: number; value: number } | null {
  if (!base || year <= base.t) return null;
  const goalOf = (p: PathPoint) => sense(direction, p, base.value).goal;
  const anchors: Point[] = [
    base,
    ...[...path].sort((a, b) => a.year - b.year).map((p) => ({ t: p.year, value: goalOf(p) })),
  ].filter((p, i, all) => i === 0 || p.t > (all[i - 1]?.t ?? Number.NEGATIVE_INFINITY));
  const last = anchors.at(-1);
  if (!last || anchors.length < 2) return null;
  if (year >= last.t) return { year, value: last.value };
  const i = anchors.findIndex((a) => a.t >= year);
  const [from, to] = [anchors[i - 1], anchors[i]];
  if (!from || !to) return null;
  const method: GrowthMethod = compoundHolds(from.value, to.value) ? "compound" : "linear";
  return { year, value: extend(method, from, growth(method, from, to), year) };
}
