// Whether a plan's period is over: the last day of its last year (period end, else the plan year) is
// before today. A plan with neither is never shown as ended.
export function planEnded(plan: { periodTo: number | null; planYear?: number | null }, today: string): boolean {
  const lastYear = plan.periodTo ?? plan.planYear ?? null;
  return lastYear !== null && `${lastYear}-12-31` < today;
}
