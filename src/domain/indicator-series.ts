// From reported figures to the series a target is judged by, and the arithmetic between levels: how a
// target splits among orgs (指标分解) and how their figures roll up.
//
// Kinds, as statistics offices keep them:
// - stock (存量): each figure is a level at its date — 有效发明专利拥有量, a coverage rate;
// - flow (流量): each figure is the year's total so far (1–N月累计) — 年度申请量, 每年新增.
// A cumulative target (累计达到/累计新增) over a flow counts the running total from the base year, so
// its series is the base plus every year's flow since; over a stock it changes nothing.

import { type Direction, type Point, yearEndTime } from "./pace.ts";
import type { IndicatorOp } from "./types.ts";

export type IndicatorKind = "stock" | "flow";

export type DatedValue = { asOf: string; value: number };

export type Series = {
  points: Point[];
  /** A flow's figure for a year not yet complete: shown beside the series, not used for the rate. */
  yearToDate: { year: number; asOf: string; value: number } | null;
};

/** The direction a parsed operator implies; "keep at or above" where the base already meets it. */
export function directionOf(op: IndicatorOp | string, target: number, baseline: number | null): Direction {
  if (op === "<=") return baseline !== null && baseline <= target ? "at_most" : "decrease";
  if (op === "range") return "range";
  return baseline !== null && baseline >= target ? "at_least" : "increase";
}

/** The latest figure of each calendar year (by as-of date; the last given wins a tie). */
function lastPerYear(values: readonly DatedValue[]): Map<number, DatedValue> {
  const byYear = new Map<number, DatedValue>();
  for (const v of values) {
    const year = Number(v.asOf.slice(0, 4));
    const seen = byYear.get(year);
    if (!seen || v.asOf >= seen.asOf) byYear.set(year, v);
  }
  return new Map([...byYear].sort((a, b) => a[0] - b[0]));
}

/**
 * The series for pace. `today` (YYYY-MM-DD) decides which flow year is still open: a year is complete
 * when its figure is as of 31 December or the year is over.
 */
export function seriesOf(
  values: readonly DatedValue[],
  kind: IndicatorKind,
  cumulative: boolean,
  baseline: { year: number; value: number } | null,
  today: string,
): Series {
  if (kind === "stock") {
    const byDate = new Map<string, number>();
    for (const v of values) byDate.set(v.asOf, v.value);
    const points = [...byDate]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([asOf, value]) => ({ t: yearEndTime(asOf), value }));
    return { points, yearToDate: null };
  }
  const thisYear = Number(today.slice(0, 4));
  const points: Point[] = [];
  let yearToDate: Series["yearToDate"] = null;
  let running = baseline?.value ?? 0;
  for (const [year, v] of lastPerYear(values)) {
    if (baseline && year <= baseline.year) continue;
    const complete = v.asOf.endsWith("-12-31") || year < thisYear;
    if (cumulative) {
      // A running total is a level at its date, so an open year's figure counts at that date.
      running += v.value;
      points.push({ t: complete ? year : yearEndTime(v.asOf), value: running });
    } else if (complete) {
      points.push({ t: year, value: v.value });
    } else {
      yearToDate = { year, asOf: v.asOf, value: v.value };
    }
  }
  return { points, yearToDate };
}

/**
 * Counts add up across orgs (件, 家, 项, 亿元); rates, shares and per-capita figures do not (%,
 * 万人…拥有量, 覆盖率, 周期, 时间).
 */
export function isAdditive(name: string, unit: string): boolean {
  if (/%|％|百分点/.test(unit)) return false;
  if (/个月|天|工作日|小时/.test(unit)) return false;
  return !/^(万人|每万人|人均|亿元GDP)|率|比重|占比|周期|时长|时间|平均|指数|密度/.test(name);
}

export type TargetShare = { orgId: number; target: number };

export type SplitCheck =
  | { status: "ok"; total: number }
  | { status: "short" | "over"; total: number; difference: number }
  | { status: "not_additive" };

/** Whether the orgs' targets add up to the upper target (only meaningful for counts). */
export function checkSplit(additive: boolean, upperTarget: number, shares: readonly TargetShare[]): SplitCheck {
  if (!additive) return { status: "not_additive" };
  const total = shares.reduce((sum, s) => sum + s.target, 0);
  const difference = Math.round((total - upperTarget) * 1e6) / 1e6;
  if (difference === 0) return { status: "ok", total };
  return { status: difference < 0 ? "short" : "over", total, difference };
}

export type OrgValues = { orgId: number; values: readonly DatedValue[] };

/**
 * The upper org's figure built from its orgs': for counts, each year's sum of every org's latest figure
 * of that year, with how many orgs it holds (a year some org has not reported is a partial sum); for
 * anything else no sum (the orgs are shown side by side).
 */
export function rollUp(
  additive: boolean,
  orgs: readonly OrgValues[],
): { method: "sum" | "side_by_side"; years: { year: number; asOf: string; value: number; orgs: number }[] } {
  if (!additive) return { method: "side_by_side", years: [] };
  const years = new Map<number, { asOf: string; value: number; orgs: number }>();
  for (const org of orgs) {
    for (const [year, v] of lastPerYear(org.values)) {
      const sum = years.get(year) ?? { asOf: v.asOf, value: 0, orgs: 0 };
      sum.value += v.value;
      sum.orgs += 1;
      if (v.asOf > sum.asOf) sum.asOf = v.asOf;
      years.set(year, sum);
    }
  }
  return {
    method: "sum",
    years: [...years].sort((a, b) => a[0] - b[0]).map(([year, s]) => ({ year, ...s })),
  };
}

export type WeightedOrg = { orgId: number; values: readonly DatedValue[]; weights: readonly DatedValue[] };

export type WeightedYear = {
  year: number;
  asOf: string;
  /** Σ rateᵢ·wᵢ / Σ wᵢ over the orgs holding both a rate and a weight for the year. */
  value: number;
  orgs: number;
  weight: number;
};

/**
 * A rate rolled up by its weight (万人发明专利拥有量 by population, a share by its denominator): each
 * year, the mean of the orgs' latest rates of that year weighted by their latest weights of that
 * year — an org's weight of an earlier year stands in when the year's is not reported yet. An org
 * with no weight, or a weight of zero or below, is left out (it cannot be weighed); a year where no
 * org can be weighed has no figure.
 */
export function weightedRollUp(orgs: readonly WeightedOrg[]): WeightedYear[] {
  const years = new Map<number, { asOf: string; sum: number; weight: number; orgs: number }>();
  for (const org of orgs) {
    const weights = [...lastPerYear(org.weights)];
    for (const [year, v] of lastPerYear(org.values)) {
      const w = weights.filter(([y]) => y <= year).at(-1)?.[1].value;
      if (w === undefined || !(w > 0)) continue;
      const acc = years.get(year) ?? { asOf: v.asOf, sum: 0, weight: 0, orgs: 0 };
      acc.sum += v.value * w;
      acc.weight += w;
      acc.orgs += 1;
      if (v.asOf > acc.asOf) acc.asOf = v.asOf;
      years.set(year, acc);
    }
  }
  return [...years]
    .sort((a, b) => a[0] - b[0])
    .map(([year, a]) => ({ year, asOf: a.asOf, value: a.sum / a.weight, orgs: a.orgs, weight: a.weight }));
}

/** Side by side: each org's latest figure of each year, for rates that cannot be summed or weighed. */
export function sideBySide(orgs: readonly OrgValues[]): { orgId: number; year: number; asOf: string; value: number }[] {
  return orgs
    .flatMap((o) =>
      [...lastPerYear(o.values)].map(([year, v]) => ({ orgId: o.orgId, year, asOf: v.asOf, value: v.value })),
    )
    .sort((a, b) => a.year - b.year || a.orgId - b.orgId);
}
