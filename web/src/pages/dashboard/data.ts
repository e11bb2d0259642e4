// The dashboard's reads: plans and orgs for the filters, the three dashboard endpoints and the chosen plan's
// indicators, keyed by scope so changing a filter refetches and going back shows the cached view at once.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import type { AssignmentQuery, Scope } from "./links.ts";

export type Summary = ResponseOf<"/api/dashboard/summary">;
export type Trend = ResponseOf<"/api/dashboard/overdue-trend">;
export type CalendarDays = ResponseOf<"/api/calendar">["days"];
export type Plan = ResponseOf<"/api/plans">["items"][number];
export type Org = ResponseOf<"/api/orgs">["items"][number];
export type Indicator = ResponseOf<"/api/plans/{id}/indicators">["items"][number];

const narrowing = (scope: Scope) => ({
  ...(scope.planId !== undefined ? { planId: scope.planId } : {}),
  ...(scope.orgId !== undefined ? { orgId: scope.orgId } : {}),
});

export function usePlans() {
  return useQuery({
    queryKey: ["plans", "active"],
    queryFn: () => unwrap(api.GET("/api/plans", { params: { query: { status: "active" } } })),
    staleTime: 60_000,
  });
}

export function useOrgs() {
  return useQuery({
    queryKey: ["orgs"],
    queryFn: () => unwrap(api.GET("/api/orgs")),
    staleTime: 5 * 60_000,
  });
}

export function useDecomposed(scope: Scope) {
  return useQuery({
    queryKey: ["dashboard", "decomposed", scope],
    queryFn: () => unwrap(api.GET("/api/dashboard/decomposed", { params: { query: narrowing(scope) } })),
  });
}

export function useSummary(scope: Scope) {
  return useQuery({
    queryKey: ["dashboard", "summary", scope],
    queryFn: () => unwrap(api.GET("/api/dashboard/summary", { params: { query: narrowing(scope) } })),
    // The previous scope's figures stay up while the new ones load, so the charts keep the server's today
    // (the summary's asOf) and redraw once instead of unmounting.
    placeholderData: keepPreviousData,
  });
}

export function useTrend(scope: Scope, range: { from: string; step: "week" | "month" } | undefined) {
  return useQuery({
    queryKey: ["dashboard", "trend", scope, range],
    queryFn: () =>
      unwrap(
        api.GET("/api/dashboard/overdue-trend", {
          params: { query: { ...narrowing(scope), from: range?.from ?? "", step: range?.step ?? "week" } },
        }),
      ),
    enabled: range !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCalendar(scope: Scope, window: { from: string; to: string } | undefined) {
  return useQuery({
    queryKey: ["dashboard", "calendar", scope, window],
    queryFn: () =>
      unwrap(
        api.GET("/api/calendar", {
          params: { query: { ...narrowing(scope), from: window?.from ?? "", to: window?.to ?? "" } },
        }),
      ),
    enabled: window !== undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * The chosen plan's indicators with the values of the chosen unit's subtree, their pace judged as of `asOf`
 * (YYYY-MM-DD; today when undefined); nothing to read without a plan.
 */
export function useIndicators(scope: Scope, asOf?: string) {
  return useQuery({
    queryKey: ["plans", scope.planId, "indicators", { under: scope.orgId, asOf }],
    queryFn: () =>
      unwrap(
        api.GET("/api/plans/{id}/indicators", {
          params: {
            path: { id: scope.planId ?? 0 },
            query: {
              ...(scope.orgId !== undefined ? { under: scope.orgId } : {}),
              ...(asOf !== undefined ? { asOf } : {}),
            },
          },
        }),
      ),
    enabled: scope.planId !== undefined,
  });
}

/** The first assignment of a bucket in the given order: the nearest deadline before or after a window. */
export function useNearestDue(query: AssignmentQuery, sort: "due" | "-due", enabled: boolean) {
  return useQuery({
    queryKey: ["assignments", "nearest", query, sort],
    queryFn: () => unwrap(api.GET("/api/assignments", { params: { query: { ...query, sort, limit: 1 } } })),
    enabled,
    select: (page) => page.items[0]?.dueOn ?? null,
  });
}
