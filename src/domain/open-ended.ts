// Open-ended work has an end (issue 10): work with no date (持续推进) and ongoing work (全年, …并持续推进)
// must not stay "on track" forever. Once the plan's period is over and the work was neither reported done
// for its last period nor closed, it is unfinished (未办结, red): it counts against assessment, and the plan
// office may close it with a note.
import type { IsoDate, PlanSpan } from "./types.ts";

/** Work without a fixed end: no due date at all, or ongoing to the end of its year or the plan. */
export const isOpenEnded = (facts: { dueOn: IsoDate | null; ongoing: boolean }): boolean =>
  facts.dueOn === null || facts.ongoing;

/** The plan's last day: 31 December of its last year. */
export const planEndDay = (plan: PlanSpan): IsoDate => `${String(plan.to).padStart(4, "0")}-12-31`;

/**
 * Whether the work is unfinished on `today`: open-ended, the plan's period over, and not finished (no
 * done report for its last period, no approved closure — the caller says which by `finished`).
 */
export function isUnfinished(
  facts: { dueOn: IsoDate | null; ongoing: boolean; plan: PlanSpan },
  today: IsoDate,
  finished: boolean,
): boolean {
  return !finished && isOpenEnded(facts) && today > planEndDay(facts.plan);
}
