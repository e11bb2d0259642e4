// The dashboard's state in the URL (so a view can be bookmarked and sent), and the links from a chart bucket to
// the list behind it. Plain functions: the list page imports them without pulling in any chart code.
import { useMemo } from "react";
import { useSearchParams } from "react-router";

/** What the dashboard is narrowed to. */
export type Scope = { planId: number | undefined; orgId: number | undefined };
export const TREND_SPANS = ["half", "year", "three", "all"] as const;
export type TrendSpan = (typeof TREND_SPANS)[number];

/** A bucket's query of GET /api/assignments, as the dashboard endpoints hand it out. */
export type AssignmentQuery = {
  plan?: number;
  org?: number;
  under?: number;
  status?: string;
  section?: string;
  dueFrom?: string;
  dueTo?: string;
  asOf?: string;
};
/** The keys a drill-down list accepts from its URL: exactly the bucket's query. */
export const QUERY_KEYS = ["plan", "org", "under", "status", "section", "dueFrom", "dueTo", "asOf"] as const;

const positive = (value: string | null): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export function useDashboardParams() {
  const [params, setParams] = useSearchParams();
  const planId = positive(params.get("plan"));
  const orgId = positive(params.get("org"));
  // One object per filter choice: charts redraw when the scope changes, not on every render.
  const scope = useMemo<Scope>(() => ({ planId, orgId }), [planId, orgId]);
  const span = TREND_SPANS.find((s) => s === params.get("trend")) ?? "half";
  const month = /^\d{4}-\d{2}$/.test(params.get("cal") ?? "") ? (params.get("cal") as string) : undefined;
  const update = (patch: Record<string, string | number | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === "") next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );
  return {
    scope,
    span,
    /** First month of the deadline calendar (YYYY-MM); undefined: the current month. */
    month,
    setScope: (next: Scope) => update({ plan: next.planId, org: next.orgId }),
    setSpan: (next: TrendSpan) => update({ trend: next === "half" ? undefined : next }),
    setMonth: (next: string | undefined) => update({ cal: next }),
  };
}

/** The list of the assignments a chart bucket counts. */
export function drillHref(query: AssignmentQuery): string {
  const params = new URLSearchParams();
  for (const key of QUERY_KEYS) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return `/dashboard/list?${params}`;
}

/** The escalated notices still open, on the supervision page. */
export function noticesHref(query: { plan?: number; under?: number }): string {
  const params = new URLSearchParams({ tab: "notices", open: "true", escalated: "true" });
  if (query.plan !== undefined) params.set("plan", String(query.plan));
  if (query.under !== undefined) params.set("under", String(query.under));
  return `/supervision?${params}`;
}

/** The bucket query every dashboard count starts from: the chosen plan and org subtree. */
export const scopeQuery = (scope: Scope): AssignmentQuery => ({
  ...(scope.planId !== undefined ? { plan: scope.planId } : {}),
  ...(scope.orgId !== undefined ? { under: scope.orgId } : {}),
});

/**
 * Statuses of work neither done nor overdue; unfinished (open-ended work of a plan whose period is over) stays
 * in the open part, as the server's summary counts it, and is named in the slice's tooltip.
 */
export const OPEN_STATUSES = "unfinished,report_missing,due_soon,not_started,on_track";
