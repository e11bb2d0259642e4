// Reporting periods: which months or quarters an assignment owes a progress report for, and when
// each report falls due.
import { addDays, lastDayOfMonth, maxDate, minDate, monthOf, pad2, yearOf } from "./dates.ts";
import type { Cadence, IsoDate, Period, PlanSpan } from "./types.ts";

export const DEFAULT_REPORT_GRACE_DAYS = 5;

/** The period that holds a date. */
export function periodOf(cadence: Cadence, date: IsoDate): Period {
  const year = yearOf(date);
  const month = monthOf(date);
  if (cadence === "monthly") {
    return { label: `${year}-${pad2(month)}`, start: `${year}-${pad2(month)}-01`, end: lastDayOfMonth(year, month) };
  }
  const q = Math.ceil(month / 3);
  const first = q * 3 - 2;
  return { label: `${year}-Q${q}`, start: `${year}-${pad2(first)}-01`, end: lastDayOfMonth(year, q * 3) };
}

export const currentPeriod = (cadence: Cadence, today: IsoDate): Period => periodOf(cadence, today);

export const nextPeriod = (cadence: Cadence, period: Period): Period => periodOf(cadence, addDays(period.end, 1));

// Statuses of many assignments read the same labels and spans over and over: each is built once and
// shared frozen. Bounded, so a long-running server does not grow them.
const SPAN_CACHE_LIMIT = 5_000;
const labelCache = new Map<string, Period | null>();
const spans = new Map<string, readonly Period[]>();

/** Reads "2024-Q1" or "2024-03" back into a period; null for anything else. */
export function parsePeriodLabel(label: string): Period | null {
  const known = labelCache.get(label);
  if (known !== undefined) return known;
  if (labelCache.size >= SPAN_CACHE_LIMIT) labelCache.clear();
  const parsed = readPeriodLabel(label);
  labelCache.set(label, parsed && Object.freeze(parsed));
  return parsed;
}

function readPeriodLabel(label: string): Period | null {
  const q = /^(\d{4})-Q([1-4])$/.exec(label);
  if (q) return periodOf("quarterly", `${q[1]}-${pad2(Number(q[2]) * 3)}-01`);
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  if (m) return periodOf("monthly", `${m[1]}-${m[2]}-01`);
  return null;
}

/** Every period from the one holding `from` to the one holding `to`, in order. */
export function periodsBetween(cadence: Cadence, from: IsoDate, to: IsoDate): readonly Period[] {
  const key = `${cadence}|${from}|${to}`;
  const known = spans.get(key);
  if (known) return known;
  const out: Period[] = [];
  if (to >= from)
    for (let p = periodOf(cadence, from); p.start <= to; p = nextPeriod(cadence, p)) out.push(Object.freeze(p));
  if (spans.size >= SPAN_CACHE_LIMIT) spans.clear();
  spans.set(key, Object.freeze(out));
  return out;
}

/**
 * The plan's span from the plans row: a multi-year period when printed, else the plan year.
 * Null when neither is known; the caller then has to ask for a year.
 */
export function planSpanOf(row: {
  periodFrom: number | null;
  periodTo: number | null;
  planYear: number | null;
}): PlanSpan | null {
  if (row.periodFrom !== null && row.periodTo !== null) return { from: row.periodFrom, to: row.periodTo };
  if (row.planYear !== null) return { from: row.planYear, to: row.planYear };
  return null;
}

/**
 * True for deadlines whose work goes on after the due date: "…完成并持续推进", "长期坚持", recurring
 * "每年3月底前". 全年 stops at its year end, which is its due date.
 */
export const continuesPastDue = (raw: string | null | undefined): boolean =>
  raw != null && /持续|长期|常态|每年|每季|每月|逐年/.test(raw);

export type ReportingInput = {
  cadence: Cadence;
  plan: PlanSpan;
  dueOn: IsoDate | null;
  ongoing: boolean;
  deadlineRaw?: string | null;
};

/**
 * The periods an assignment reports for, starting with the plan's first period:
 * - a due date and not ongoing-past-due: up to the period holding the due date;
 * - no due date (持续推进, or a deadline nobody could read): up to the plan's end, so it is never silently dropped;
 * - ongoing with a due date and a printed continuation (…完成并持续推进): up to the later of due date and plan end.
 * A due date outside the plan's span widens the range rather than losing the period that holds it.
 */
export function reportingPeriods(input: ReportingInput): readonly Period[] {
  const planStart = `${input.plan.from}-01-01`;
  const planEnd = `${input.plan.to}-12-31`;
  const { dueOn } = input;
  if (dueOn === null) return periodsBetween(input.cadence, planStart, planEnd);
  const start = minDate(planStart, dueOn);
  const end = input.ongoing && continuesPastDue(input.deadlineRaw) ? maxDate(dueOn, planEnd) : dueOn;
  return periodsBetween(input.cadence, start, end);
}

/** The last day a period's report counts as on time. */
export const reportDeadline = (period: Period, graceDays: number = DEFAULT_REPORT_GRACE_DAYS): IsoDate =>
  addDays(period.end, graceDays);

// Periods come from the span cache, so the same arrays recur: their deadlines are worked out once.
const deadlineCache = new WeakMap<readonly Period[], Map<number, readonly IsoDate[]>>();

/** Each period's report deadline, in the periods' order. */
export function reportDeadlines(periods: readonly Period[], graceDays: number = DEFAULT_REPORT_GRACE_DAYS) {
  let byGrace = deadlineCache.get(periods);
  if (!byGrace) {
    byGrace = new Map();
    deadlineCache.set(periods, byGrace);
  }
  let deadlines = byGrace.get(graceDays);
  if (!deadlines) {
    deadlines = Object.freeze(periods.map((p) => reportDeadline(p, graceDays)));
    byGrace.set(graceDays, deadlines);
  }
  return deadlines;
}
