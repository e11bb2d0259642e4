// An assignment's status on a given day, and roll-ups of many statuses for any group
// (task, section, plan, org).
//
// Precedence, first match wins:
//   done            the assignment is closed: its closure approved by the reviewer (办结, issue 10)
//   on_track        the latest report says done (isFinished): the unit's application for closure (申请办结),
//                   waiting for the reviewer's approval — neither late nor missing a report meanwhile
//   unfinished      open-ended work (no date, 全年, 持续推进) once the plan's period is over (open-ended.ts)  red
//   overdue         the due date has passed (today > dueOn) and the work is not done           red
//   report_missing  the latest required period whose report deadline has passed has no report  yellow
//   due_soon        due within dueSoonDays (0 = due today) and not done                        yellow
//   not_started     nothing is missing or pressing, but no report has said anything but "not started" yet  grey
//   on_track        everything else                                                            green
// A missing report is yellow, not red: red is kept for a missed deadline on the work itself, so a
// leader's red count means late work, not late paperwork.
import { daysBetween } from "./dates.ts";
import { isUnfinished } from "./open-ended.ts";
import {
  continuesPastDue,
  DEFAULT_REPORT_GRACE_DAYS,
  parsePeriodLabel,
  reportDeadlines,
  reportingPeriods,
} from "./periods.ts";
import type { AssignmentFacts, AssignmentStatus, IsoDate, Period, ReportRecord, StatusColour } from "./types.ts";

export const DEFAULT_DUE_SOON_DAYS = 14;

export const STATUS_COLOUR: Record<AssignmentStatus, StatusColour> = {
  done: "green",
  unfinished: "red",
  on_track: "green",
  not_started: "grey",
  due_soon: "yellow",
  report_missing: "yellow",
  overdue: "red",
};

/** Worst first: the order a group's headline status is picked in. */
export const SEVERITY: readonly AssignmentStatus[] = [
  "unfinished",
  "overdue",
  "report_missing",
  "due_soon",
  "not_started",
  "on_track",
  "done",
];

export type StatusResult = {
  status: AssignmentStatus;
  colour: StatusColour;
  /** For report_missing: the period whose report is missing (the reminder's period key). */
  missingPeriod: string | null;
};

export type StatusOptions = { graceDays?: number };

// Statuses are evaluated for tens of thousands of assignments per request, so the helpers below live at
// module level rather than as closures made per assignment (each closure also costs a name under tsx).
const periodStart = (r: ReportRecord): string => parsePeriodLabel(r.period)?.start ?? r.period;

/** Reports in period order, ties by filing day, so the last one is "the latest report". */
function sortReports(reports: readonly ReportRecord[]): ReportRecord[] {
  return [...reports].sort((a, b) => {
    const startA = periodStart(a);
    const startB = periodStart(b);
    return startA === startB ? a.reportedAt.localeCompare(b.reportedAt) : startA.localeCompare(startB);
  });
}

/** One assignment's status rules with the day-independent work done once, for evaluating it on many days. */
export type StatusEvaluator = {
  /** The status on `today` with every report and the sign-off on record. */
  on(today: IsoDate): StatusResult;
  /**
   * The status at the end of `day` judged only by what was known then: reports filed on or before it,
   * and the sign-off if it was made on or before it (facts.signedOffOn; an undated sign-off never counts).
   */
  asKnownOn(day: IsoDate): StatusResult;
};

const result = (status: AssignmentStatus, missingPeriod: string | null = null): StatusResult => ({
  status,
  colour: STATUS_COLOUR[status],
  missingPeriod,
});

/** What the rule needs of an assignment besides its reports and sign-off: the same for any report set. */
export type RuleFacts = Omit<AssignmentFacts, "reports" | "signedOff" | "signedOffOn">;

/** An assignment's report-independent facts, worked out once. */
type Prepared = {
  facts: RuleFacts;
  dueSoonDays: number;
  periods: readonly Period[];
  deadlines: readonly IsoDate[];
  lastEnd: IsoDate | undefined;
  /** "…完成并持续推进": a done report meets the completion date even though reporting goes on. */
  continues: boolean;
};

function prepare(facts: RuleFacts, options: StatusOptions): Prepared {
  const periods = reportingPeriods(facts);
  return {
    facts,
    dueSoonDays: facts.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS,
    periods,
    deadlines: reportDeadlines(periods, options.graceDays ?? DEFAULT_REPORT_GRACE_DAYS),
    lastEnd: periods.at(-1)?.end,
    continues: facts.ongoing && continuesPastDue(facts.deadlineRaw),
  };
}

/**
 * Finished by the unit's own word: signed off, or the latest report says done. Ongoing work reports every period, so
 * a "done" there only finishes it when filed for the last period it owes (or later); an earlier one
 * says that period's share is done.
 */
function isFinished(p: Prepared, signedOff: boolean, latest: ReportRecord | undefined): boolean {
  if (signedOff) return true;
  if (latest?.status !== "done") return false;
  if (!p.facts.ongoing || p.lastEnd === undefined) return true;
  const reported = parsePeriodLabel(latest.period);
  return reported !== null && reported.end >= p.lastEnd;
}

/**
 * The latest required period whose report deadline (period end + grace) is already behind us, if its
 * report was never filed. Only that one period is checked: older gaps were chased when they were the
 * latest, and a report filed late still counts as filed.
 */
function missingPeriod(p: Prepared, reports: readonly ReportRecord[], today: IsoDate): string | null {
  let last = -1;
  for (const [i, deadline] of p.deadlines.entries())
    if (deadline < today && (p.facts.since == null || deadline >= p.facts.since)) last = i;
  const label = p.periods[last]?.label;
  return label !== undefined && !reports.some((r) => r.period === label) ? label : null;
}

/** The status from reports in period order (sortReports). */
function evaluate(p: Prepared, today: IsoDate, reports: readonly ReportRecord[], signedOff: boolean): StatusResult {
  if (signedOff) return result("done");
  // A report saying done applies for closure: the work is done once the reviewer approves (closed_at).
  if (isFinished(p, false, reports.at(-1))) return result("on_track");
  if (isUnfinished(p.facts, today, false)) return result("unfinished");
  const dueMet = p.continues && reports.some((r) => r.status === "done");
  const daysToDue = p.facts.dueOn === null ? null : daysBetween(today, p.facts.dueOn);
  if (daysToDue !== null && daysToDue < 0 && !dueMet) return result("overdue");

  const missing = missingPeriod(p, reports, today);
  if (missing !== null) return result("report_missing", missing);

  if (daysToDue !== null && daysToDue <= p.dueSoonDays && !dueMet) return result("due_soon");
  if (reports.every((r) => r.status === "not_started")) return result("not_started");
  return result("on_track");
}

class Evaluator implements StatusEvaluator {
  readonly #p: Prepared;
  readonly #facts: AssignmentFacts;
  readonly #sorted: ReportRecord[];
  constructor(facts: AssignmentFacts, options: StatusOptions) {
    this.#p = prepare(facts, options);
    this.#facts = facts;
    this.#sorted = sortReports(facts.reports);
  }
  on(today: IsoDate): StatusResult {
    return evaluate(this.#p, today, this.#sorted, this.#facts.signedOff);
  }
  asKnownOn(day: IsoDate): StatusResult {
    const facts = this.#facts;
    return evaluate(
      this.#p,
      day,
      this.#sorted.filter((r) => r.reportedAt <= day),
      facts.signedOff && facts.signedOffOn != null && facts.signedOffOn <= day,
    );
  }
}

export function statusEvaluator(facts: AssignmentFacts, options: StatusOptions = {}): StatusEvaluator {
  return new Evaluator(facts, options);
}

/** One assignment's rule with the report-independent work done once, for judging many report sets. */
export type StatusRule = {
  /** The status on `today` from these reports (in any order) and the sign-off. */
  judge(reports: readonly ReportRecord[], signedOff: boolean, today: IsoDate): StatusResult;
};

/**
 * The rule for assignments that share these facts (a measure's assignments with one due date): a list or
 * roll-up prepares it once per such group instead of once per assignment.
 */
export function statusRule(facts: RuleFacts, options: StatusOptions = {}): StatusRule {
  const p = prepare(facts, options);
  return { judge: (reports, signedOff, today) => evaluate(p, today, sortReports(reports), signedOff) };
}

/**
 * Whether a report is the unit's application for closure (申请办结): it says done and, for ongoing work, is
 * for the last period the work owes (or later) — as isFinished reads the latest report.
 */
export function appliesForClosure(facts: RuleFacts, report: ReportRecord, options: StatusOptions = {}): boolean {
  return isFinished(prepare(facts, options), false, report);
}

export function assignmentStatus(facts: AssignmentFacts, today: IsoDate, options: StatusOptions = {}): StatusResult {
  return statusEvaluator(facts, options).on(today);
}

export type RollUp = {
  total: number;
  counts: Record<AssignmentStatus, number>;
  /** Share of items done, 0–1; null for an empty group. */
  completionRate: number | null;
  /** The most severe status present; null for an empty group. */
  worst: AssignmentStatus | null;
  /** The worst status's colour; grey for an empty group. */
  colour: StatusColour;
};

export function rollUp(items: readonly { status: AssignmentStatus }[]): RollUp {
  const counts: Record<AssignmentStatus, number> = {
    done: 0,
    unfinished: 0,
    overdue: 0,
    report_missing: 0,
    due_soon: 0,
    not_started: 0,
    on_track: 0,
  };
  for (const item of items) counts[item.status] += 1;
  const worst = SEVERITY.find((s) => counts[s] > 0) ?? null;
  return {
    total: items.length,
    counts,
    completionRate: items.length === 0 ? null : counts.done / items.length,
    worst,
    colour: worst === null ? "grey" : STATUS_COLOUR[worst],
  };
}

/** The roll-up of a group from its count per status (an SQL GROUP BY's rows); absent statuses count 0. */
export function rollUpOfCounts(counts: Partial<Record<AssignmentStatus, number>>): RollUp {
  const full: Record<AssignmentStatus, number> = {
    done: 0,
    unfinished: 0,
    overdue: 0,
    report_missing: 0,
    due_soon: 0,
    not_started: 0,
    on_track: 0,
  };
  let total = 0;
  for (const status of SEVERITY) {
    full[status] = counts[status] ?? 0;
    total += full[status];
  }
  const worst = SEVERITY.find((s) => full[s] > 0) ?? null;
  return {
    total,
    counts: full,
    completionRate: total === 0 ? null : full.done / total,
    worst,
    colour: worst === null ? "grey" : STATUS_COLOUR[worst],
  };
}

/** Roll-ups per key (task id, section, org…), keys in first-seen order. */
export function rollUpBy<T extends { status: AssignmentStatus }>(
  items: readonly T[],
  key: (item: T) => string,
): Map<string, RollUp> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return new Map([...groups].map(([k, group]) => [k, rollUp(group)]));
}
