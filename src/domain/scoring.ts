// Assessment (考核): a 0–100 score per org for a period, and a ranking.
//
// Four components, each 0–100, each null when the org owed nothing of that kind:
//   onTime      = 100 × reports filed by their deadline / reports owed by asOf
//                 (owed = deadline before asOf, or filed anyway; a report filed late earns nothing here)
//   timeliness  = 100 × mean credit of work done by asOf that had a due date:
//                 1 if done on or before the due date, else max(0, 1 − daysLate / lateDecayDays)
//   overdue     = 100 × (1 − still-open past-due assignments / assignments due before asOf); unfinished
//                 open-ended work (未办结: no date or 全年 once the plan is over, open-ended.ts) counts as
//                 past due and open
// The supervision loop (issue 10) feeds in too: a report the office returned (退回) counts as not filed
// until it is filed again (the caller leaves it out of reports), and the counts carry accepted and
// returned reports and granted extensions.
//   indicators  = 100 × mean attainment (0–1) of the org's indicators, see attainment();
//                 an indicator never reported counts 0, so silence cannot beat a poor number
// score = Σ weight × component / Σ weight, over the non-null components only: an org with no
// indicators is scored on the rest rather than handed a free 100 or an unearned 0.
// score is null when every component is null (nothing owed yet); such orgs are not ranked.
// Scores and components are rounded to one decimal, and ranks compare the rounded values.
import { daysBetween } from "./dates.ts";
import { DEFAULT_REPORT_GRACE_DAYS, reportDeadline, reportingPeriods } from "./periods.ts";
import type { AssignmentFacts, IndicatorOp, IsoDate, ReportRecord, ScoreWeights } from "./types.ts";

export const DEFAULT_WEIGHTS: ScoreWeights = { onTime: 0.4, timeliness: 0.3, overdue: 0.2, indicators: 0.1 };
export const DEFAULT_LATE_DECAY_DAYS = 30;

export type ScoringAssignment = {
  dueOn: IsoDate | null;
  doneOn: IsoDate | null;
  /** 未办结 on asOf: counts as past due and open. */
  unfinished?: boolean;
};
/** The loop's figures for an org, reported beside the score (issue 10). */
export type LoopCounts = { reportsAccepted: number; reportsReturned: number; extensions: number };
/** One report the org owed: its deadline and the day it was filed, if it was. */
export type ScoringReport = { deadline: IsoDate; filedOn: IsoDate | null };
export type ScoringIndicator = { op: IndicatorOp; target: number; targetHigh?: number | null; value: number | null };

export type OrgScoringInput = {
  orgId: number;
  assignments: ScoringAssignment[];
  reports: ScoringReport[];
  indicators: ScoringIndicator[];
  loop?: LoopCounts;
};

export type ScoreComponents = Record<keyof ScoreWeights, number | null>;

export type OrgScore = {
  orgId: number;
  score: number | null;
  components: ScoreComponents;
  counts: {
    reportsOwed: number;
    reportsOnTime: number;
    pastDue: number;
    overdueOpen: number;
    doneLate: number;
    unfinished: number;
    reportsAccepted: number;
    reportsReturned: number;
    extensions: number;
  };
};

const WEIGHT_KEYS: (keyof ScoreWeights)[] = ["onTime", "timeliness", "overdue", "indicators"];

/** Problems with a weights object, in words; empty when usable. */
export function validateWeights(weights: ScoreWeights): string[] {
  const problems: string[] = [];
  for (const key of WEIGHT_KEYS) {
    const w = weights[key];
    if (!Number.isFinite(w) || w < 0) problems.push(`weight ${key} must be a number ≥ 0, got ${w}`);
  }
  const sum = WEIGHT_KEYS.reduce((s, k) => s + weights[k], 0);
  if (problems.length === 0 && Math.abs(sum - 1) > 1e-6) problems.push(`weights must sum to 1, got ${sum}`);
  return problems;
}

const clamp01 = (x: number): number => (Number.isNaN(x) ? 0 : Math.min(1, Math.max(0, x)));
const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * How far a value is toward its target, 0–1. Falling short is scored proportionally (half the
 * target is 0.5); overshooting a ceiling by half scores 2/3. Targets of 0 or below cannot be
 * proportioned and score all-or-nothing.
 */
export function attainment(op: IndicatorOp, target: number, value: number, targetHigh?: number | null): number {
  const upTo = (v: number, t: number) => (v >= t ? 1 : t > 0 ? clamp01(v / t) : 0);
  const downTo = (v: number, t: number) => (v <= t ? 1 : v > 0 && t > 0 ? clamp01(t / v) : 0);
  switch (op) {
    case ">=":
      return upTo(value, target);
    case ">":
      // Exactly on a "more than" target is not attained; cap just below full credit.
      return value > target ? 1 : Math.min(0.99, upTo(value, target));
    case "<=":
      return downTo(value, target);
    case "=":
      if (value === target) return 1;
      return target === 0 ? 0 : clamp01(1 - Math.abs(value - target) / Math.abs(target));
    case "range": {
      if (targetHigh == null) return upTo(value, target);
      return value < target ? upTo(value, target) : downTo(value, targetHigh);
    }
  }
}

export function scoreOrg(
  input: OrgScoringInput,
  weights: ScoreWeights,
  asOf: IsoDate,
  options: { lateDecayDays?: number } = {},
): OrgScore {
  const problems = validateWeights(weights);
  if (problems.length > 0) throw new RangeError(problems.join("; "));
  const decay = options.lateDecayDays ?? DEFAULT_LATE_DECAY_DAYS;

  const owed = input.reports.filter((r) => r.deadline < asOf || (r.filedOn !== null && r.filedOn <= asOf));
  const onTimeCount = owed.filter((r) => r.filedOn !== null && r.filedOn <= r.deadline && r.filedOn <= asOf).length;

  const doneWithDue = input.assignments.filter(
    (a): a is { dueOn: IsoDate; doneOn: IsoDate } => a.dueOn !== null && a.doneOn !== null && a.doneOn <= asOf,
  );
  const credits = doneWithDue.map((a) => {
    const late = daysBetween(a.dueOn, a.doneOn);
    return late <= 0 ? 1 : clamp01(1 - late / decay);
  });

  const pastDue = input.assignments.filter((a) => a.unfinished === true || (a.dueOn !== null && a.dueOn < asOf));
  const overdueOpen = pastDue.filter((a) => a.unfinished === true || a.doneOn === null || a.doneOn > asOf).length;

  const attained = input.indicators.map((i) =>
    i.value === null ? 0 : attainment(i.op, i.target, i.value, i.targetHigh),
  );

  const mean = (xs: number[]) => (xs.length === 0 ? null : (100 * xs.reduce((s, x) => s + x, 0)) / xs.length);
  const raw: ScoreComponents = {
    onTime: owed.length === 0 ? null : (100 * onTimeCount) / owed.length,
    timeliness: mean(credits),
    overdue: pastDue.length === 0 ? null : 100 * (1 - overdueOpen / pastDue.length),
    indicators: mean(attained),
  };

  let weighted = 0;
  let weightSum = 0;
  for (const key of WEIGHT_KEYS) {
    const c = raw[key];
    if (c === null) continue;
    weighted += weights[key] * c;
    weightSum += weights[key];
  }
  const r1 = (x: number | null) => (x === null ? null : round1(x));
  const components: ScoreComponents = {
    onTime: r1(raw.onTime),
    timeliness: r1(raw.timeliness),
    overdue: r1(raw.overdue),
    indicators: r1(raw.indicators),
  };
  return {
    orgId: input.orgId,
    // All present components weighted 0 leaves nothing to score by.
    score: weightSum > 0 ? round1(weighted / weightSum) : null,
    components,
    counts: {
      reportsOwed: owed.length,
      reportsOnTime: onTimeCount,
      pastDue: pastDue.length,
      overdueOpen,
      doneLate: credits.filter((c) => c < 1).length,
      unfinished: input.assignments.filter((a) => a.unfinished === true).length,
      reportsAccepted: input.loop?.reportsAccepted ?? 0,
      reportsReturned: input.loop?.reportsReturned ?? 0,
      extensions: input.loop?.extensions ?? 0,
    },
  };
}

/**
 * The reports one assignment owes, as scoring counts them: each reporting period's deadline and the
 * day its report was filed. Periods whose deadline fell before `since` are not owed.
 */
export function reportsOwed(
  facts: Pick<AssignmentFacts, "cadence" | "plan" | "dueOn" | "ongoing" | "deadlineRaw" | "since"> & {
    /** Only when each period was filed counts: the earliest day per period. */
    reports: readonly Pick<ReportRecord, "period" | "reportedAt">[];
  },
  graceDays: number = DEFAULT_REPORT_GRACE_DAYS,
): ScoringReport[] {
  const filed = new Map<string, IsoDate>();
  for (const r of facts.reports) {
    const had = filed.get(r.period);
    if (had === undefined || r.reportedAt < had) filed.set(r.period, r.reportedAt);
  }
  return reportingPeriods(facts)
    .map((p) => ({ deadline: reportDeadline(p, graceDays), filedOn: filed.get(p.label) ?? null }))
    .filter((r) => facts.since == null || r.deadline >= facts.since);
}

/** Best first, competition ranking (1, 2, 2, 4); unscored items last with rank null. */
export function rankScores<T extends { score: number | null }>(items: readonly T[]): (T & { rank: number | null })[] {
  const scored = items.filter((i): i is T & { score: number } => i.score !== null);
  const sorted = [...scored].sort((a, b) => b.score - a.score);
  // An item shares the rank of the first item with its score.
  const ranked = sorted.map((item) => ({ ...item, rank: sorted.findIndex((o) => o.score === item.score) + 1 }));
  return [...ranked, ...items.filter((i) => i.score === null).map((i) => ({ ...i, rank: null }))];
}

export const scoreOrgs = (
  inputs: readonly OrgScoringInput[],
  weights: ScoreWeights,
  asOf: IsoDate,
  options: { lateDecayDays?: number } = {},
): (OrgScore & { rank: number | null })[] => rankScores(inputs.map((i) => scoreOrg(i, weights, asOf, options)));
